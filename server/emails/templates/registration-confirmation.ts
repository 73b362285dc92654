import { sessionIcs } from '../ics.ts';
import { button, colon, esc, frame, sessionBlock, type Lang, type RenderContext, type Rendered, type SessionInfo } from '../layout.ts';

/** To a participant once registered: the details, an .ics attachment and link, and a cancellation link. */
export interface RegistrationConfirmationData {
  registrationId: string;
  sessionId: string;
  cancelTokenId: string;
  participantName: string;
  session: SessionInfo;
  organizationName: string;
  createdAt: number;
}

export async function registrationConfirmation(lang: Lang, d: RegistrationConfirmationData, ctx: RenderContext): Promise<Rendered> {
  const cancel = `${ctx.appUrl}/cancel/${await ctx.secret(d.cancelTokenId)}`;
  const ics = `${ctx.appUrl}/calendar/${encodeURIComponent(d.sessionId)}.ics`;
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const subject = fr ? 'Ton inscription est confirmée' : 'Your registration is confirmed';
  // No free text from the form here: anyone holding a signup code can register any address, so a name
  // typed by a stranger must never read as the association's words (spam relay, issue 18 finding 5).
  const hello = fr ? 'Bonjour,' : 'Hello,';
  const intro = fr ? 'Ton inscription à cette session est bien enregistrée.' : 'Your registration to this session is recorded.';
  const cal = fr ? 'Ajouter à mon agenda' : 'Add to my calendar';
  const cancelText = fr ? "Tu ne peux plus venir ? Annule ton inscription pour libérer ta place :" : "Can't come any more? Cancel to free your seat:";
  const cancelCta = fr ? 'Annuler mon inscription' : 'Cancel my registration';
  return {
    subject,
    text: `${hello}\n\n${intro}\n\n${details.text}\n\n${cal}${colon(lang)}${ics}\n\n${cancelText} ${cancel}\n`,
    html: frame(
      lang,
      subject,
      `<p>${esc(hello)}</p><p>${esc(intro)}</p>${details.html}${button(ics, cal)}<p>${esc(cancelText)} <a href="${esc(cancel)}">${esc(cancelCta)}</a></p>`,
    ),
    attachments: [
      {
        filename: 'session.ics',
        contentType: 'text/calendar; charset=utf-8',
        content: sessionIcs({ uid: d.sessionId, session: d.session, organization: d.organizationName, lang, now: d.createdAt }),
      },
    ],
  };
}
