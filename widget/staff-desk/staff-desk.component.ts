import { html, nothing } from 'lit';
import { Task, initialState } from '@lit/task';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { downloadCsv, toCsv } from '../shared/csv.ts';
import { parisParts } from '../shared/time.ts';
import { domainLabels } from '../shared/labels.ts';
import { baseStyles } from '../shared/styles.ts';
import { errorView, loadingView } from '../shared/status.ts';
import type { FacilitatorStatus, Kind, MissionSummary } from '../shared/contract.ts';
import { messages } from './staff-desk.i18n.ts';
import styles from './staff-desk.styles.ts';

/** A mission as `admin.missions` lists it for staff. */
export interface StaffMission extends MissionSummary {
  closedAt?: string | null;
  coordinator: { name: string; email: string };
}

/** One facilitator of one ended session, in a retribution request (`admin.retributionRequests`). */
export interface RetributionLine {
  sessionId: string;
  facilitatorId: string;
  name: string;
  email: string;
  kind: Kind;
  startedAt?: string;
  endedAt: string;
  /** Only `remunere` facilitators are ever requested; API.md does not promise the field, hence the default. */
  status?: FacilitatorStatus;
}

export interface RetributionRequest {
  requestId: string;
  missionId: string;
  /** The Paris calendar month of the request, `YYYY-MM`. */
  period: string;
  requestedAt: string;
  lines: RetributionLine[];
}

/**
 * One request as the CSV the staff write the invoices from: `facilitator;email;session;kind;date;status`,
 * with the session's id, the contract's values for kind and status (as in the server's own export), and
 * the session's Paris date (`YYYY-MM-DD`). BOM, `;`, CRLF and formula neutralising come from `toCsv`.
 */
export function retributionRequestCsv(request: RetributionRequest): string {
  return toCsv([
    ['facilitator', 'email', 'session', 'kind', 'date', 'status'],
    ...request.lines.map((l) => [l.name, l.email, l.sessionId, l.kind, parisParts(l.startedAt ?? l.endedAt).date, l.status ?? 'remunere']),
  ]);
}

/** `retributions-<period>-<mission>.csv`, the mission as a plain-ASCII slug of its title (its id when nothing is left). */
export function retributionFileName(request: RetributionRequest, missionTitle = ''): string {
  const slug = missionTitle
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `retributions-${request.period}-${slug || request.missionId}.csv`;
}

interface Desk {
  missions: StaffMission[];
  requests: RetributionRequest[];
}

/**
 * @summary The association staff's desk: the retribution requests with their lines and a CSV per request,
 * the closed missions to invoice (client, coordinator, closing date, order delivered), and how many
 * missions are still open. Read-only: the staff write the invoices from it.
 *
 * Needs a staff (`role: "admin"`) token; any other token gets a "staff only" message. `<fresk-missions>`
 * shows this desk by itself to staff: it asks `admin.retributionRequests` once, batched with its usual
 * `missions.list` in the same HTTP request, and a refusal means "not staff". It does not decode the JWT:
 * the token may sit in a surrounding `<fresk-token>` that only hands out the API client, and the server's
 * answer is the authority on the role anyway.
 *
 * Put it inside a `<fresk-token api token>` or give it `api` and `token` itself.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - The server refused the token: the host page should set a fresh one.
 *
 * @csspart heading - The desk's title.
 * @csspart requests - The retribution requests section.
 * @csspart request - One retribution request.
 * @csspart csv-button - A request's "Télécharger le CSV" button.
 * @csspart to-invoice - The closed missions section.
 * @csspart open-missions - The open missions section.
 *
 * @cssproperty [--fresk-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font family.
 * @cssproperty [--fresk-color-text=#1f2933] - Text colour.
 * @cssproperty [--fresk-color-muted=#4a5562] - Secondary text colour.
 * @cssproperty [--fresk-color-background=#ffffff] - Background of the element, its cards and inputs.
 * @cssproperty [--fresk-color-surface=#f4f6f8] - Background of notices and summaries.
 * @cssproperty [--fresk-color-border=#7b8794] - Borders of fields, cards and tables.
 * @cssproperty [--fresk-color-primary=#0b5e57] - Buttons, links and the selected tab.
 * @cssproperty [--fresk-color-on-primary=#ffffff] - Text on primary buttons.
 * @cssproperty [--fresk-color-danger=#a8221b] - Errors and destructive buttons.
 * @cssproperty [--fresk-color-success=#1b6535] - Confirmations.
 * @cssproperty [--fresk-color-focus=#1a56c4] - Focus ring.
 * @cssproperty [--fresk-color-warning=#7a4800] - Over-order and "to request" tags.
 * @cssproperty [--fresk-radius=6px] - Corner radius.
 * @cssproperty [--fresk-space=1rem] - Base spacing.
 */
export class FreskStaffDeskElement extends FreskElement {
  static override styles = [baseStyles, styles];

  private readonly localize = new LocalizeController(this, messages);

  private readonly deskTask = new Task(this, {
    task: async ([client], { signal }): Promise<Desk | typeof initialState> => {
      if (!client) return initialState;
      const [missions, requests] = await Promise.all([
        client.admin.missions.query({}, { signal }) as Promise<StaffMission[]>,
        client.admin.retributionRequests.query({}, { signal }) as Promise<RetributionRequest[]>,
      ]);
      return { missions, requests };
    },
    args: () => [this.client] as const,
    onError: (e) => void this.failed(e),
  });

  /** Loads the requests and missions again. */
  reload(): Promise<void> {
    return this.deskTask.run();
  }

  private date(iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
    return this.localize.dateTime(iso, undefined, options);
  }

  /** `2027-03` → "mars 2027" / "March 2027". */
  private month(period: string): string {
    return /^\d{4}-\d{2}$/.test(period) ? this.date(`${period}-15T12:00:00Z`, { month: 'long', year: 'numeric' }) : period;
  }

  protected override render() {
    const t = this.localize.t;
    const desk = this.deskTask.value;
    const body = desk
      ? html`${this.renderRequests(desk)} ${this.renderToInvoice(desk.missions)} ${this.renderOpen(desk.missions)}`
      : this.deskTask.render({
          pending: () => loadingView(t.loading),
          error: (e) => {
            const reason = this.reasonOf(e);
            return errorView(reason === 'forbidden' ? t.forbidden : reasonMessage(this.localize.lang, reason), t.retry, () => void this.reload());
          },
        });
    return html`<h2 part="heading" tabindex="-1">${t.heading}</h2>
      ${body}`;
  }

  private renderRequests({ missions, requests }: Desk) {
    const t = this.localize.t;
    const labels = domainLabels[this.localize.lang];
    const titles = new Map(missions.map((m) => [m.id, m.title]));
    return html`<section part="requests" aria-labelledby="requests-heading">
      <h3 id="requests-heading">${t.requests}</h3>
      ${requests.length ? nothing : html`<p>${t.noRequest}</p>`}
      ${requests.map((r) => {
        const title = titles.get(r.missionId) ?? r.missionId;
        const period = this.month(r.period);
        return html`<article class="request" part="request" data-request=${r.requestId} aria-label=${`${title}, ${period}`}>
          <h4>${title}</h4>
          <p class="meta">
            <span>${t.period(period)}</span>
            <span>${t.requestedOn(this.date(r.requestedAt))}</span>
            <span>${t.lineCount(r.lines.length)}</span>
          </p>
          <button
            type="button"
            part="csv-button"
            aria-label=${t.downloadLabel(title, period)}
            @click=${() => downloadCsv(retributionFileName(r, titles.get(r.missionId)), retributionRequestCsv(r))}
          >
            ${t.download}
          </button>
          <div class="table-wrap">
            <table class="cards">
              <caption>
                ${t.linesCaption(title, period)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t.facilitator}</th>
                  <th scope="col">${t.email}</th>
                  <th scope="col">${t.sessionDate}</th>
                  <th scope="col">${t.kind}</th>
                  <th scope="col">${t.status}</th>
                </tr>
              </thead>
              <tbody>
                ${r.lines.map(
                  (l) => html`<tr data-session=${l.sessionId}>
                    <th scope="row">${l.name || l.email}</th>
                    <td class="email" data-label=${t.email}>${l.email}</td>
                    <td data-label=${t.sessionDate}>${this.date(l.startedAt ?? l.endedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                    <td data-label=${t.kind}>${labels.kind[l.kind]}</td>
                    <td data-label=${t.status}>${labels.facilitatorStatus[l.status ?? 'remunere']}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </article>`;
      })}
    </section>`;
  }

  private renderToInvoice(missions: StaffMission[]) {
    const t = this.localize.t;
    const labels = domainLabels[this.localize.lang];
    const closed = missions.filter((m) => m.status === 'closed').sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
    return html`<section part="to-invoice" aria-labelledby="closed-heading">
      <h3 id="closed-heading">${t.toInvoice}</h3>
      ${closed.length
        ? html`<div class="table-wrap">
            <table class="cards" aria-labelledby="closed-heading">
              <thead>
                <tr>
                  <th scope="col">${t.mission}</th>
                  <th scope="col">${t.client}</th>
                  <th scope="col">${t.coordinator}</th>
                  <th scope="col">${t.closedOn}</th>
                  <th scope="col">${t.delivered}</th>
                </tr>
              </thead>
              <tbody>
                ${closed.map(
                  (m) => html`<tr data-mission=${m.id}>
                    <th scope="row">${m.title}</th>
                    <td data-label=${t.client}>${m.organization.name}</td>
                    <td data-label=${t.coordinator}>${m.coordinator.name}<br /><span class="email">${m.coordinator.email}</span></td>
                    <td data-label=${t.closedOn}>${m.closedAt ? this.date(m.closedAt) : nothing}</td>
                    <td data-label=${t.delivered}>${m.order.map((o) => html`<div data-kind=${o.kind}>${t.orderLine(labels.kind[o.kind], o.planned, o.ordered)}</div>`)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>${t.noClosed}</p>`}
    </section>`;
  }

  private renderOpen(missions: StaffMission[]) {
    const t = this.localize.t;
    const open = missions.filter((m) => m.status === 'open');
    return html`<section part="open-missions" aria-labelledby="open-heading">
      <h3 id="open-heading">${t.open}</h3>
      <p>${t.openCount(open.length)}</p>
      ${open.length
        ? html`<details>
            <summary>${t.seeList}</summary>
            <ul>
              ${open.map((m) => html`<li data-mission=${m.id}>${m.title} — ${m.organization.name} — ${m.coordinator.name || m.coordinator.email}</li>`)}
            </ul>
          </details>`
        : nothing}
    </section>`;
  }
}
