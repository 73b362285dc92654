import { attestationPdf, type AttestationData } from '../../attestation/attestation.ts';
import { button, colon, esc, frame, kindLabel, sessionBlock, type Lang, type RenderContext, type Rendered, type SessionInfo } from '../layout.ts';

/** To a participant marked present, after the session: the attestation (attached and linked) and the survey link. */
export interface FollowUpData {
  registrationId: string;
  /** The follow-up token: `/attestation/<secret>.pdf` and `/survey/<secret>`. */
  tokenId: string;
  participantName: string;
  session: SessionInfo;
  organizationName: string;
  facilitators: string[];
  issuer: AttestationData['issuer'];
  issuedAt: number;
}

export async function followUp(lang: Lang, d: FollowUpData, ctx: RenderContext): Promise<Rendered> {
  const secret = await ctx.secret(d.tokenId);
  const survey = `${ctx.appUrl}/survey/${secret}`;
  const attestation = `${ctx.appUrl}/attestation/${secret}.pdf`;
  const fr = lang === 'fr';
  const details = sessionBlock(lang, d.session, d.organizationName);
  const what = `${kindLabel(lang, d.session.kind)} — ${d.organizationName}`;
  const subject = fr ? `Votre attestation de présence et votre avis : ${what}` : `Your certificate of attendance and your feedback: ${what}`;
  const hello = fr ? `Bonjour ${d.participantName},` : `Hello ${d.participantName},`;
  const intro = fr
    ? 'Merci pour votre participation. Vous trouverez votre attestation de présence en pièce jointe.'
    : 'Thank you for taking part. Your certificate of attendance is attached.';
  const ask = fr
    ? 'Pouvez-vous nous dire en deux minutes ce que vous en avez pensé ? Vos réponses sont anonymes pour l’équipe d’animation.'
    : 'Could you tell us in two minutes what you thought of it? Your answers are anonymous to the facilitators.';
  const cta = fr ? 'Répondre au questionnaire' : 'Answer the survey';
  const again = fr ? 'Votre attestation reste disponible ici' : 'Your certificate stays available here';
  const pdf = await attestationPdf({
    lang,
    participantName: d.participantName,
    session: d.session,
    organizationName: d.organizationName,
    facilitators: d.facilitators,
    issuer: d.issuer,
    issuedAt: d.issuedAt,
  });
  return {
    subject,
    text: `${hello}\n\n${intro}\n\n${details.text}\n\n${ask}\n${cta}${colon(lang)}${survey}\n\n${again}${colon(lang)}${attestation}\n`,
    html: frame(
      lang,
      subject,
      `<p>${esc(hello)}</p><p>${esc(intro)}</p>${details.html}<p>${esc(ask)}</p>${button(survey, cta)}<p>${esc(again)}${colon(lang)}<a href="${esc(attestation)}">${esc(fr ? 'attestation (PDF)' : 'certificate (PDF)')}</a></p>`,
    ),
    attachments: [{ filename: fr ? 'attestation-de-presence.pdf' : 'certificate-of-attendance.pdf', contentType: 'application/pdf', content: pdf }],
  };
}
