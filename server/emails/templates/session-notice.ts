import { colon, esc, frame, sessionBlock, when, where, type Lang, type RenderContext, type Rendered, type SessionInfo } from '../layout.ts';
import { icsAttachment } from './registration-confirmation.ts';

/** What a reminder and a change notice share: who reads it, the session, and its calendar file. */
interface NoticeBase {
  name: string;
  role: 'participant' | 'facilitator';
  sessionId: string;
  sequence: number;
  session: SessionInfo;
  organizationName: string;
  createdAt: number;
  /** A participant's cancellation link. */
  cancelTokenId?: string;
}

/** J-1: to each registered participant and facilitator, once, within 24 hours of the start. */
export type SessionReminderData = NoticeBase;

/** To everyone on a session whose time or place changed; the calendar file replaces the old entry. */
export interface SessionChangedData extends NoticeBase {
  previous: SessionInfo;
}

async function cancelLine(lang: Lang, d: NoticeBase, ctx: RenderContext): Promise<{ text: string; html: string }> {
  if (d.role !== 'participant' || !d.cancelTokenId) return { text: '', html: '' };
  const link = `${ctx.appUrl}/cancel/${await ctx.secret(d.cancelTokenId)}`;
  const fr = lang === 'fr';
  const lead = fr ? 'Vous ne pouvez plus venir ? Annulez pour libérer votre place :' : "Can't come any more? Cancel to free your seat:";
  const cta = fr ? 'Annuler mon inscription' : 'Cancel my registration';
  return { text: `\n${lead} ${link}\n`, html: `<p>${esc(lead)} <a href="${esc(link)}">${esc(cta)}</a></p>` };
}

const hello = (lang: Lang, name: string) => (name ? (lang === 'fr' ? `Bonjour ${name},` : `Hello ${name},`) : lang === 'fr' ? 'Bonjour,' : 'Hello,');

export async function sessionReminder(lang: Lang, d: SessionReminderData, ctx: RenderContext): Promise<Rendered> {
  const fr = lang === 'fr';
  const vous = d.role === 'participant';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = fr ? `Rappel : ${when(lang, d.session)}` : `Reminder: ${when(lang, d.session)}`;
  const intro = fr
    ? vous ? 'Rappel : vous êtes inscrit·e à cette session, qui a lieu bientôt.' : 'Rappel : tu animes cette session, qui a lieu bientôt.'
    : d.role === 'participant' ? 'A reminder: you are registered for this session, which takes place soon.' : 'A reminder: you facilitate this session, which takes place soon.';
  const place = `${fr ? (d.session.location.mode === 'online' ? 'Lien' : 'Adresse') : d.session.location.mode === 'online' ? 'Link' : 'Address'}${colon(lang)}${d.session.location.mode === 'online' ? (d.session.location.url ?? '') : where(lang, d.session)}`;
  const cancel = await cancelLine(lang, d, ctx);
  return {
    subject,
    text: `${hello(lang, d.name)}\n\n${intro}\n\n${details.text}\n\n${place}\n${cancel.text}`,
    html: frame(lang, subject, `<p>${esc(hello(lang, d.name))}</p><p>${esc(intro)}</p>${details.html}<p>${esc(place)}</p>${cancel.html}`),
    attachments: [icsAttachment(lang, d, ctx)],
  };
}

export async function sessionChanged(lang: Lang, d: SessionChangedData, ctx: RenderContext): Promise<Rendered> {
  const fr = lang === 'fr';
  const vous = d.role === 'participant';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = fr ? 'Session modifiée : nouvelles informations' : 'Session changed: new details';
  const intro = fr
    ? vous ? "Cette session à laquelle vous êtes inscrit·e a changé. Voici les nouvelles informations ; le fichier joint met votre agenda à jour." : "Cette session que tu animes a changé. Voici les nouvelles informations ; le fichier joint met ton agenda à jour."
    : 'This session has changed. Here are the new details; the attached file updates your calendar.';
  const before = fr ? 'Avant' : 'Before';
  const was = `${before}${colon(lang)}${when(lang, d.previous)} — ${where(lang, d.previous)}`;
  const cancel = await cancelLine(lang, d, ctx);
  return {
    subject,
    text: `${hello(lang, d.name)}\n\n${intro}\n\n${details.text}\n\n${was}\n${cancel.text}`,
    html: frame(lang, subject, `<p>${esc(hello(lang, d.name))}</p><p>${esc(intro)}</p>${details.html}<p>${esc(was)}</p>${cancel.html}`),
    attachments: [icsAttachment(lang, d, ctx)],
  };
}
