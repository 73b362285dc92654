import type { Kind } from '../../../domain/enums/index.ts';
import { esc, frame, kindLabel, type Lang, type Rendered } from '../layout.ts';

/** To the association: the mission is closed, what was delivered against the order, the coordination fee recorded. */
export interface MissionClosedData {
  missionId: string;
  missionTitle: string;
  organizationName: string;
  coordinatorName: string;
  coordinatorEmail: string;
  closedAt: string;
  /** `delivered` is absent from rows enqueued before it existed: `planned` then (every session had ended). */
  order: { kind: Kind; ordered: number; planned: number; delivered?: number; sessions: number }[];
}

export async function missionClosed(lang: Lang, d: MissionClosedData): Promise<Rendered> {
  const fr = lang === 'fr';
  const subject = fr ? `Mission clôturée, à facturer : ${d.missionTitle}` : `Mission closed, ready to invoice: ${d.missionTitle}`;
  const order = d.order.map((o) => ({ ...o, delivered: o.delivered ?? o.planned }));
  const whole = order.every((o) => o.delivered >= o.ordered);
  const delivery = fr
    ? whole
      ? "L'ensemble de la commande a été réalisé"
      : "La commande n'a pas été entièrement réalisée (voir ci-dessous)"
    : whole
      ? 'The whole order was delivered'
      : 'The order was not fully delivered (see below)';
  const intro = fr
    ? `${d.coordinatorName} (${d.coordinatorEmail}) a clôturé la mission « ${d.missionTitle} ». ${delivery} : ${d.organizationName} peut être facturé selon ce qui a été réalisé. La rétribution de coordination de ${d.coordinatorName} est à verser.`
    : `${d.coordinatorName} (${d.coordinatorEmail}) closed the mission "${d.missionTitle}". ${delivery}: ${d.organizationName} can be invoiced for what was delivered. ${d.coordinatorName}'s coordination retribution is due.`;
  const lines = order.map((o) =>
    fr
      ? `${kindLabel(lang, o.kind)} : ${o.delivered} intervention(s) réalisée(s) pour ${o.ordered} commandée(s), ${o.sessions} session(s)`
      : `${kindLabel(lang, o.kind)}: ${o.delivered} intervention(s) delivered for ${o.ordered} ordered, ${o.sessions} session(s)`,
  );
  return {
    subject,
    text: `${intro}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`,
    html: frame(lang, subject, `<p>${esc(intro)}</p><ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`),
  };
}
