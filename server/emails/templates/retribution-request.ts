import type { Kind } from '../../../domain/enums/index.ts';
import { colon, esc, frame, kindLabel, type Lang, type RenderContext, type Rendered } from '../layout.ts';

/** To the association: a coordinator requested the month's retributions; the lines to invoice by hand. */
export interface RetributionRequestData {
  requestId: string;
  period: string;
  missionTitle: string;
  organizationName: string;
  coordinatorName: string;
  coordinatorEmail: string;
  lines: { name: string; email: string; kind: Kind; startsAt: string; endsAt: string; timezone: string }[];
}

export async function retributionRequest(lang: Lang, d: RetributionRequestData, ctx: RenderContext): Promise<Rendered> {
  const fr = lang === 'fr';
  // The desk's page for this request (sign-in if needed, then the CSV is downloaded): a link that works from
  // an email, where the bare export would need a bearer header.
  const csv = `${ctx.appUrl}/desk/requests/${encodeURIComponent(d.requestId)}`;
  const subject = fr
    ? `Demande de rétributions ${d.period} — ${d.missionTitle}`
    : `Retribution request ${d.period} — ${d.missionTitle}`;
  const intro = fr
    ? `${d.coordinatorName} (${d.coordinatorEmail}) demande les rétributions de ${d.lines.length} intervention(s) pour la mission « ${d.missionTitle} » (${d.organizationName}).`
    : `${d.coordinatorName} (${d.coordinatorEmail}) requests the retributions of ${d.lines.length} intervention(s) for the mission "${d.missionTitle}" (${d.organizationName}).`;
  const fmt = (iso: string, tz: string) =>
    new Intl.DateTimeFormat(fr ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: tz }).format(new Date(iso));
  const rows = d.lines.map((l) => [l.name, l.email, kindLabel(lang, l.kind), fmt(l.startsAt, l.timezone)]);
  const head = fr ? ['Animateur·ice', 'Email', 'Type', 'Date'] : ['Facilitator', 'Email', 'Kind', 'Date'];
  const csvLabel = fr ? 'Ouvrir la demande et télécharger le CSV (connexion staff requise)' : 'Open the request and download the CSV (staff sign-in required)';
  return {
    subject,
    text: `${intro}\n\n${rows.map((r) => `- ${r.join(' · ')}`).join('\n')}\n\n${csvLabel}${colon(lang)}${csv}\n`,
    html: frame(
      lang,
      subject,
      `<p>${esc(intro)}</p><table border="1" cellpadding="4" style="border-collapse:collapse"><thead><tr>${head
        .map((h) => `<th scope="col">${esc(h)}</th>`)
        .join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table><p><a href="${esc(csv)}">${esc(csvLabel)}</a></p>`,
    ),
  };
}
