import { esc, frame, kindLabel, type Lang, type Rendered } from '../layout.ts';

/** To the association: the whole order was delivered, the client can be invoiced; coordination fee recorded. */
export interface MissionClosedData {
  missionId: string;
  missionTitle: string;
  organizationName: string;
  coordinatorName: string;
  coordinatorEmail: string;
  closedAt: string;
  /** `delivered`: interventions on ended sessions (absent from messages queued before it existed). */
  order: { kind: string; ordered: number; planned: number; sessions: number; delivered?: number }[];
}

export async function missionClosed(lang: Lang, d: MissionClosedData): Promise<Rendered> {
  const fr = lang === 'fr';
  const subject = fr ? `Mission clôturée, à facturer : ${d.missionTitle}` : `Mission closed, ready to invoice: ${d.missionTitle}`;
  const intro = fr
    ? `${d.coordinatorName} (${d.coordinatorEmail}) a clôturé la mission « ${d.missionTitle} ». ${d.organizationName} peut être facturé selon le réalisé ci-dessous. La rétribution de coordination de ${d.coordinatorName} est à verser.`
    : `${d.coordinatorName} (${d.coordinatorEmail}) closed the mission "${d.missionTitle}". ${d.organizationName} can be invoiced for what was delivered, below. ${d.coordinatorName}'s coordination retribution is due.`;
  const lines = d.order.map((o) => {
    const delivered = o.delivered ?? o.planned;
    const short = delivered < o.ordered;
    return fr
      ? `${kindLabel(lang, o.kind)} : ${delivered} intervention(s) réalisée(s) pour ${o.ordered} commandée(s), ${o.sessions} session(s)${short ? ` — ${o.ordered - delivered} de moins que la commande` : ''}`
      : `${kindLabel(lang, o.kind)}: ${delivered} intervention(s) delivered for ${o.ordered} ordered, ${o.sessions} session(s)${short ? ` — ${o.ordered - delivered} short of the order` : ''}`;
  });
  return {
    subject,
    text: `${intro}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`,
    html: frame(lang, subject, `<p>${esc(intro)}</p><ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`),
  };
}
