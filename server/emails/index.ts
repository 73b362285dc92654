import type { Lang, RenderContext, Rendered } from './layout.ts';
import { facilitatorInvitation, type FacilitatorInvitationData } from './templates/facilitator-invitation.ts';
import { magicLink, type MagicLinkData } from './templates/magic-link.ts';
import { missionAssigned, type MissionAssignedData } from './templates/mission-assigned.ts';
import { missionClosed, type MissionClosedData } from './templates/mission-closed.ts';
import { participantInvitation, type ParticipantInvitationData } from './templates/participant-invitation.ts';
import { registrationCancelled, type RegistrationCancelledData } from './templates/registration-cancelled.ts';
import { registrationConfirmation, waitlistPromoted, type RegistrationConfirmationData } from './templates/registration-confirmation.ts';
import { facilitatorJoined, facilitatorWithdrew, type FacilitatorMoveData } from './templates/facilitator-moves.ts';
import { waitlistJoined, type WaitlistJoinedData } from './templates/waitlist-joined.ts';
import { sessionChanged, sessionReminder, type SessionChangedData, type SessionReminderData } from './templates/session-notice.ts';
import { sessionCancelled, type SessionCancelledData } from './templates/session-cancelled.ts';
import { retributionRequest, type RetributionRequestData } from './templates/retribution-request.ts';
import { followUp, type FollowUpData } from './templates/follow-up.ts';
import { surveyReminder, type SurveyReminderData } from './templates/survey-reminder.ts';
import { attendanceReminder, type AttendanceReminderData } from './templates/attendance-reminder.ts';

/** Every message the system sends, by name, with the data its outbox row carries. */
interface Templates {
  mission_assigned: MissionAssignedData;
  facilitator_invitation: FacilitatorInvitationData;
  participant_invitation: ParticipantInvitationData;
  registration_confirmation: RegistrationConfirmationData;
  registration_cancelled: RegistrationCancelledData;
  session_cancelled: SessionCancelledData;
  retribution_request: RetributionRequestData;
  mission_closed: MissionClosedData;
  magic_link: MagicLinkData;
  follow_up: FollowUpData;
  survey_reminder: SurveyReminderData;
  attendance_reminder: AttendanceReminderData;
  facilitator_joined: FacilitatorMoveData;
  facilitator_withdrew: FacilitatorMoveData;
  waitlist_joined: WaitlistJoinedData;
  waitlist_promoted: RegistrationConfirmationData;
  session_reminder: SessionReminderData;
  session_changed: SessionChangedData;
}

export type TemplateName = keyof Templates;
export type TemplateData<N extends TemplateName> = Templates[N];

const renderers: { [N in TemplateName]: (lang: Lang, data: Templates[N], ctx: RenderContext) => Promise<Rendered> } = {
  mission_assigned: missionAssigned,
  facilitator_invitation: facilitatorInvitation,
  participant_invitation: participantInvitation,
  registration_confirmation: registrationConfirmation,
  registration_cancelled: registrationCancelled,
  session_cancelled: sessionCancelled,
  retribution_request: retributionRequest,
  mission_closed: missionClosed,
  magic_link: magicLink,
  follow_up: followUp,
  survey_reminder: surveyReminder,
  attendance_reminder: attendanceReminder,
  facilitator_joined: facilitatorJoined,
  facilitator_withdrew: facilitatorWithdrew,
  waitlist_joined: waitlistJoined,
  waitlist_promoted: waitlistPromoted,
  session_reminder: sessionReminder,
  session_changed: sessionChanged,
};

/** A subject is one line: line breaks, tabs and control characters from data become spaces. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();

/** Renders an outbox row's message. Throws on an unknown template (the drainer marks the row failed). */
export async function renderEmail(template: string, lang: Lang, data: unknown, ctx: RenderContext): Promise<Rendered> {
  const render = Object.hasOwn(renderers, template)
    ? (renderers[template as TemplateName] as (l: Lang, d: unknown, c: RenderContext) => Promise<Rendered>)
    : undefined;
  if (!render) throw new Error(`unknown email template ${template}`);
  const m = await render(lang, data, ctx);
  return { ...m, subject: oneLine(m.subject) };
}

export type { Rendered, RenderContext, Lang, SessionInfo } from './layout.ts';
