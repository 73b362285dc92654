import { common, type Lang } from '../shared/i18n.ts';
import type { SessionInvitation } from '../shared/api.ts';
import { INVITATION_STATE_LABELS } from '../../domain/enums/registrations.ts';

const fr = {
  ...common.fr,
  heading: 'Invitations envoyées',
  invitedAt: 'Envoyée le',
  state: 'État',
  states: INVITATION_STATE_LABELS.fr satisfies Record<SessionInvitation['state'], string>,
  resend: 'Renvoyer',
  resendTo: (email: string) => `Renvoyer l'invitation à ${email}`,
  resent: (email: string) => `Nouvelle invitation envoyée à ${email} ; la précédente ne fonctionne plus.`,
};
export type InvitationListMessages = typeof fr;

const en: InvitationListMessages = {
  ...common.en,
  heading: 'Invitations sent',
  invitedAt: 'Sent on',
  state: 'State',
  states: INVITATION_STATE_LABELS.en,
  resend: 'Resend',
  resendTo: (email: string) => `Resend the invitation to ${email}`,
  resent: (email: string) => `New invitation sent to ${email}; the previous one no longer works.`,
};

export const messages: Record<Lang, InvitationListMessages> = { fr, en };
