import { html, nothing } from 'lit';
import type { Lang } from '../shared/i18n.ts';
import { domainLabels } from '../shared/labels.ts';
import { tableHead } from '../shared/table.ts';
import { sessionWhen } from '../../domain/time.ts';
import { sessionDuration } from '../shared/time.ts';
import type { Mission, MissionSession } from '../shared/api.ts';
import { dayAfterMessages } from '../session-attendance/day-after.i18n.ts';
import { messages } from './mission-dashboard.i18n.ts';

// The dashboard's two tables, apart from the element: they only read the mission (a session's planner opens
// through the `open` callback).

/** The order per kind: planned against ordered (over-order shown), sessions, open facilitator slots. */
export function orderTable(mission: Mission, lang: Lang) {
  const t = messages[lang];
  const labels = domainLabels[lang];
  return html`<section aria-labelledby="order-heading">
    <h3 id="order-heading">${t.order}</h3>
    <div class="table-wrap">
      <table part="order" class="cards">
        ${tableHead([t.kind, t.plannedOrdered, t.sessions, t.openSlots])}
        <tbody>
          ${mission.order.map((line) => {
            const over = line.planned - line.ordered;
            return html`<tr data-kind=${line.kind}>
              <th scope="row">${labels.kind[line.kind]}</th>
              <td class="counter" data-label=${t.plannedOrdered}>
                ${t.counter(line.planned, line.ordered)}${over > 0 ? html` — <span class="over">${t.overOrder(over)}</span>` : nothing}
              </td>
              <td class="sessions" data-label=${t.sessions}>${line.sessions}</td>
              <td class="open-slots" data-label=${t.openSlots}>${line.openSlots}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}

/**
 * A session's row: when (a button that opens it in the planner), kind, status, staffing, seats and who was
 * present, and its retribution and follow-up tags.
 */
export function sessionRow(s: MissionSession, lang: Lang, open: (sessionId: string, trigger: EventTarget | null) => void) {
  const t = messages[lang];
  const labels = domainLabels[lang];
  const when = sessionWhen(lang, s.startsAt, s.endsAt, s.timezone, 'short');
  const status = s.status === 'cancelled' ? labels.sessionStatus.cancelled : s.ended ? labels.sessionStatus.ended : labels.sessionStatus.planned;
  const tag = labels.retributionTag[s.retributionTag];
  const day = dayAfterMessages[lang];
  const followUp = s.followUpTag && s.followUpTag !== 'none' ? day.followUpTag[s.followUpTag] : undefined;
  return html`<tr class=${s.status} data-session=${s.id}>
    <th scope="row" class="date">
      <button type="button" class="link" @click=${(e: Event) => open(s.id, e.currentTarget)}>${when}</button>
      <span class="duration muted">${sessionDuration(lang, s.startsAt, s.endsAt, s.timezone)}</span>
      ${s.title ? html`<span class="muted session-title">${s.title}</span>` : nothing}
    </th>
    <td data-label=${t.kind}>${labels.kind[s.kind]}</td>
    <td data-label=${t.status}>${status}</td>
    <td class="facilitators" data-label=${t.facilitators}>${s.facilitatorsCount} / ${s.expectedFacilitators}</td>
    <td class="participants" data-label=${t.participants}>${s.participantsCount} / ${s.capacity}${s.attendanceTaken ? html`<br /><span class="muted present">${day.present(s.presentCount ?? 0)}</span>` : nothing}</td>
    <td data-label=${t.retributionsColumn}>${tag ? html`<span class="badge ${s.retributionTag === 'requested' ? 'success' : 'warning'}">${tag}</span>` : nothing}
      ${followUp ? html` <span class="badge follow-up ${s.followUpTag === 'sent' ? 'success' : 'warning'}">${followUp}</span>` : nothing}</td>
  </tr>`;
}

/**
 * The sessions section: the "+" that plans one (open missions only), the sessions table, or a line saying
 * there is none, and the satisfaction of those already surveyed.
 */
export function sessionsSection(mission: Mission, lang: Lang, open: (sessionId: string | undefined, trigger: EventTarget | null) => void) {
  const t = messages[lang];
  return html`<section aria-labelledby="sessions-heading">
    <div class="section-head">
      <h3 id="sessions-heading">${t.sessionsHeading}</h3>
      ${mission.status === 'open'
        ? html`<button
            type="button"
            class="plan primary"
            part="plan-button"
            aria-label=${t.plan}
            title=${t.plan}
            @click=${(e: Event) => open(undefined, e.currentTarget)}
          >
            +
          </button>`
        : nothing}
    </div>
    ${mission.sessions.length
      ? html`<div class="table-wrap">
          <table part="sessions" class="cards">
            ${tableHead([t.date, t.kind, t.status, t.facilitators, t.participants, t.retributionsColumn])}
            <tbody>
              ${mission.sessions.map((s) => sessionRow(s, lang, open))}
            </tbody>
          </table>
        </div>`
      : html`<p>${t.noSession}</p>`}
    ${mission.satisfaction ? html`<p class="satisfaction">${dayAfterMessages[lang].satisfaction(mission.satisfaction.average, mission.satisfaction.responses)}</p>` : nothing}
  </section>`;
}
