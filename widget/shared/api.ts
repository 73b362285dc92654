import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router.ts';

/**
 * The API's shapes as the widgets read them, inferred from the server's router: a server change that
 * breaks a view breaks the build, not the page. Type-only: no server code reaches the bundles.
 */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Mission = RouterOutputs['missions']['get'];
export type MissionSession = Mission['sessions'][number];
export type MissionSummary = RouterOutputs['missions']['list'][number];
export type Session = RouterOutputs['sessions']['get'];
export type SessionFacilitator = Session['facilitators'][number];
export type SessionParticipant = Session['participants'][number];
export type SessionWaitlistEntry = Session['waitlist'][number];
export type SessionInvitation = Session['invitations'][number];
export type MySession = RouterOutputs['facilitators']['mySessions'][number];
export type Invitation = RouterOutputs['facilitators']['invitation'];
export type InviteResult = RouterOutputs['facilitators']['invite'];

export type AttendanceSheet = RouterOutputs['attendance']['get'];
export type AttendancePerson = AttendanceSheet['participants'][number];
export type FollowUpResults = RouterOutputs['followUp']['results'];

/** What the staff desk reads. */
export type AdminOutputs = RouterOutputs['admin'];
export type StaffMission = AdminOutputs['missions'][number];
export type RetributionRequest = AdminOutputs['retributionRequests'][number];
export type CoordinationLine = AdminOutputs['coordinationRetributions'][number];
export type FacilitatorItem = AdminOutputs['facilitators']['items'][number];
export type Activity = AdminOutputs['activity'];

export type Kind = Session['kind'];
export type FacilitatorStatus = SessionFacilitator['status'];
export type Retribution = SessionFacilitator['retribution'];
export type RetributionTag = MissionSession['retributionTag'];
