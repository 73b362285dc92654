import type { Lang } from '../shared/i18n.ts';
import { INVITATION_STATE_LABELS } from '../../domain/enums/registrations.ts';

const fr = {
  heading: 'Invitations envoyées',
  email: 'Email',
  invitedAt: 'Envoyée le',
  state: 'État',
  states: INVITATION_STATE_LABELS.fr as Record<string, string>,
  resend: 'Renvoyer',
  resendTo: (email: string) => `Renvoyer l'invitation à ${email}`,
  resent: (email: string) => `Nouvelle invitation envoyée à ${email} ; la précédente ne fonctionne plus.`,
};
export type InvitationListMessages = typeof fr;

const en: InvitationListMessages = {
  heading: 'Invitations sent',
  email: 'Email',
  invitedAt: 'Sent on',
  state: 'State',
  states: INVITATION_STATE_LABELS.en,
  resend: 'Resend',
  resendTo: (email: string) => `Resend the invitation to ${email}`,
  resent: (email: string) => `New invitation sent to ${email}; the previous one no longer works.`,
};

export const messages: Record<Lang, InvitationListMessages> = { fr, en };
