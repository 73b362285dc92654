import { sessionIcs } from '../ics.ts';
import { button, colon, esc, frame, sessionBlock, type Lang, type RenderContext, type Rendered, type SessionInfo } from '../layout.ts';

/** To a participant once registered (or promoted from the waiting list): details, .ics, cancellation link. */
export interface RegistrationConfirmationData {
  registrationId: string;
  sessionId: string;
  cancelTokenId: string;
  participantName: string;
  session: SessionInfo;
  organizationName: string;
  createdAt: number;
  /** The session's iCalendar SEQUENCE when the message was queued (absent on rows queued before it existed). */
  sequence?: number;
}

/** The session's calendar file as an attachment (same UID everywhere; SEQUENCE grows with changes). */
export const icsAttachment = (
  lang: Lang,
  d: { sessionId: string; session: SessionInfo; organizationName: string; createdAt: number; sequence?: number },
  ctx?: Pick<RenderContext, 'organizer' | 'recipient'>,
  cancelled = false,
) => ({
  filename: 'session.ics',
  contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'PUBLISH'}`,
  content: sessionIcs({
    uid: d.sessionId,
    session: d.session,
    organization: d.organizationName,
    lang,
    now: d.createdAt,
    sequence: d.sequence ?? 0,
    cancelled,
    organizer: ctx?.organizer,
    attendee: ctx?.recipient,
  }),
});

async function confirmation(lang: Lang, d: RegistrationConfirmationData, ctx: RenderContext, promoted: boolean): Promise<Rendered> {
  const cancel = `${ctx.appUrl}/cancel/${await ctx.secret(d.cancelTokenId)}`;
  const ics = `${ctx.appUrl}/calendar/${encodeURIComponent(d.sessionId)}.ics`;
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = promoted
    ? fr ? 'Une place s’est libérée : vous êtes inscrit·e' : 'A seat freed up: you are registered'
    : fr ? 'Votre inscription est confirmée' : 'Your registration is confirmed';
  // No free text from the form here: anyone holding a signup code can register any address, so a name
  // typed by a stranger must never read as the association's words (spam relay, issue 18 finding 5).
  const hello = fr ? 'Bonjour,' : 'Hello,';
  const intro = promoted
    ? fr ? 'Une place s’est libérée sur cette session : vous quittez la liste d’attente et vous êtes inscrit·e.' : 'A seat freed up on this session: you leave the waiting list and are registered.'
    : fr ? 'Votre inscription à cette session est bien enregistrée.' : 'Your registration to this session is recorded.';
  const cal = fr ? 'Ajouter à mon agenda' : 'Add to my calendar';
  const cancelText = fr ? 'Vous ne pouvez plus venir ? Annulez votre inscription pour libérer votre place :' : "Can't come any more? Cancel to free your seat:";
  const cancelCta = fr ? 'Annuler mon inscription' : 'Cancel my registration';
  return {
    subject,
    text: `${hello}\n\n${intro}\n\n${details.text}\n\n${cal}${colon(lang)}${ics}\n\n${cancelText} ${cancel}\n`,
    html: frame(
      lang,
      subject,
      `<p>${esc(hello)}</p><p>${esc(intro)}</p>${details.html}${button(ics, cal)}<p>${esc(cancelText)} <a href="${esc(cancel)}">${esc(cancelCta)}</a></p>`,
    ),
    attachments: [icsAttachment(lang, d, ctx)],
  };
}

export const registrationConfirmation = (lang: Lang, d: RegistrationConfirmationData, ctx: RenderContext) => confirmation(lang, d, ctx, false);

/** To the first person waiting, registered in the transaction that freed the seat. */
export const waitlistPromoted = (lang: Lang, d: RegistrationConfirmationData, ctx: RenderContext) => confirmation(lang, d, ctx, true);
