import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import { downloadCsv } from '../shared/csv.ts';
import { retributionRequestCsv, toCsv } from '../../domain/csv.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../../domain/enums/desk.ts';
import { parisParts } from '../../domain/time.ts';
import { DeskScreen, type CoordinationLine, type RetributionRequest } from './desk-screen.ts';
import { tableHead } from '../shared/table.ts';

/**
 * One request as the CSV the staff write the invoices from: `facilitator;email;session;kind;date;status`,
 * the same definition as the server's `/export/retribution-requests/<id>.csv` (domain/csv.ts).
 */
export { retributionRequestCsv };

/** `retributions-<period>-<mission>.csv`, the mission as a plain-ASCII slug of its title (its id when nothing is left). */
export function retributionFileName(request: Pick<RetributionRequest, 'period' | 'missionId'>, missionTitle = ''): string {
  const slug = missionTitle
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `retributions-${request.period}-${slug || request.missionId}.csv`;
}

/** The coordination retributions as CSV: facilitator, email, mission, client, closing date. */
function coordinationCsv(lines: CoordinationLine[]): string {
  return toCsv([['facilitator', 'email', 'mission', 'client', 'closedOn'], ...lines.map((l) => [l.name, l.email, l.missionTitle, l.organization.name, parisParts(l.recordedAt).date])]);
}

interface Loaded {
  requests: RetributionRequest[];
  coordination: CoordinationLine[];
  /** The request the page was opened on (`request`), whatever the filter. */
  opened?: RetributionRequest;
}

/**
 * @summary The desk's Rétributions: requests to handle or handled, each with its lines, its CSV and
 * "marquer comme traitée"; the coordination retributions of closed missions as lines of their own.
 * With `request` (the retribution email's link), that request comes first and its CSV is downloaded.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @csspart requests - The retribution requests section.
 * @csspart request - One retribution request.
 * @csspart csv-button - A request's "Télécharger le CSV" button.
 * @csspart coordination - The coordination retributions section.
 */
export class FreskDeskRetributionsElement extends DeskScreen {
  /** A request id to open on (and download once). */
  @property() request?: string;

  @state() private status: RequestStatus = REQUEST_STATUSES[0];
  private downloadedFor?: string;

  private readonly task = new Task(this, {
    task: async ([client, status, request], { signal }): Promise<Loaded | typeof initialState> => {
      if (!client) return initialState;
      const [requests, coordination, opened] = await Promise.all([
        client.admin.retributionRequests.query({ status, limit: 200 }, { signal }),
        client.admin.coordinationRetributions.query({ status, limit: 200 }, { signal }),
        request ? client.admin.retributionRequests.query({ requestId: request }, { signal }).then((r) => r[0]) : undefined,
      ]);
      return { requests: requests.filter((r) => r.requestId !== opened?.requestId), coordination, opened };
    },
    args: () => [this.client, this.status, this.request] as const,
    onComplete: (loaded) => void this.downloadOpened(loaded),
    onError: (e) => void this.failed(e),
  });

  /** Opened on a request (the email's link): its CSV is downloaded once, and the focus goes to it. */
  private async downloadOpened(loaded: Loaded | typeof initialState): Promise<void> {
    const opened = loaded === initialState ? undefined : loaded.opened;
    if (!opened || this.downloadedFor === opened.requestId) return;
    this.downloadedFor = opened.requestId;
    this.download(opened);
    this.action.announce(this.t.downloaded);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-request="${CSS.escape(opened.requestId)}"] h4`)?.focus();
  }

  private download(r: RetributionRequest): void {
    downloadCsv(retributionFileName(r, r.missionTitle), retributionRequestCsv(r));
  }

  protected override render() {
    const t = this.t;
    const loaded = this.task.value;
    return html`<div class="actions" role="group" aria-label=${t.requests}>
        ${REQUEST_STATUSES.map(
          (s) => html`<button type="button" aria-pressed=${this.status === s ? 'true' : 'false'} @click=${() => (this.status = s)}>${t[s]}</button>`,
        )}
      </div>
      ${this.outcome()}
      ${loaded
        ? html`${this.renderRequests(loaded)} ${this.renderCoordination(loaded.coordination)}`
        : this.loadState(this.task)}`;
  }

  private renderRequests({ requests, opened }: Loaded) {
    const t = this.t;
    const all = opened ? [opened, ...requests] : requests;
    return html`<section part="requests" aria-labelledby="requests-heading">
      <h3 id="requests-heading">${t.requests}</h3>
      ${all.length ? nothing : html`<p>${t.noRequest}</p>`} ${all.map((r) => this.renderRequest(r))}
    </section>`;
  }

  private renderRequest(r: RetributionRequest) {
    const t = this.t;
    const title = r.missionTitle || r.missionId;
    const period = this.month(r.period);
    return html`<article class="request" part="request" data-request=${r.requestId} aria-label=${`${title}, ${period}`}>
      <h4 tabindex="-1">${title}</h4>
      <p class="meta">
        <span>${t.period(period)}</span>
        <span>${t.requestedOn(this.date(r.requestedAt))}</span>
        <span>${t.lineCount(r.lines.length)}</span>
        ${r.processedAt ? html`<span class="badge success">${t.processedOn(this.date(r.processedAt))}</span>` : nothing}
      </p>
      <div class="actions">
        <button type="button" part="csv-button" aria-label=${t.downloadLabel(title, period)} @click=${() => this.download(r)}>${t.download}</button>
        ${r.processedAt
          ? nothing
          : html`<button
              type="button"
              class="primary"
              ?disabled=${this.busy}
              aria-label=${t.markProcessedLabel(`${title}, ${period}`)}
              @click=${() => this.act(() => this.client!.admin.markRequestProcessed.mutate({ requestId: r.requestId }), t.processedOn(this.date(new Date().toISOString())), () => this.task.run())}
            >
              ${t.markProcessed}
            </button>`}
      </div>
      <div class="table-wrap">
        <table>
          <caption>
            ${t.linesCaption(title, period)}
          </caption>
          ${tableHead([t.facilitator, t.email, t.sessionDate, t.kind, t.status])}
          <tbody>
            ${r.lines.map(
              (l) => html`<tr data-session=${l.sessionId}>
                <th scope="row">${l.name || l.email}</th>
                <td class="email" data-label=${t.email}>${l.email}</td>
                <td data-label=${t.sessionDate}>${this.date(l.startedAt ?? l.endedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td data-label=${t.kind}>${this.labels.kind[l.kind]}</td>
                <td data-label=${t.status}>${this.labels.facilitatorStatus[l.status ?? 'remunere']}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </article>`;
  }

  private renderCoordination(lines: CoordinationLine[]) {
    const t = this.t;
    return html`<section part="coordination" aria-labelledby="coordination-heading">
      <h3 id="coordination-heading">${t.coordination}</h3>
      <p class="muted">${t.coordinationHelp}</p>
      ${lines.length
        ? html`<button type="button" @click=${() => downloadCsv(`retributions-coordination-${this.status}.csv`, coordinationCsv(lines))}>${t.downloadCoordination}</button>
            <div class="table-wrap">
              <table aria-labelledby="coordination-heading">
                ${tableHead([t.coordinator, t.mission, t.client, t.recordedOn, { hidden: t.status }])}
                <tbody>
                  ${lines.map(
                    (l) => html`<tr data-coordination=${l.missionId}>
                      <th scope="row">${l.name || l.email}<br /><span class="email">${l.email}</span></th>
                      <td data-label=${t.mission}>${l.missionTitle}</td>
                      <td data-label=${t.client}>${l.organization.name}</td>
                      <td data-label=${t.recordedOn}>${this.date(l.recordedAt)}</td>
                      <td>
                        ${l.processedAt
                          ? html`<span class="badge success">${t.processedOn(this.date(l.processedAt))}</span>`
                          : html`<button
                              type="button"
                              ?disabled=${this.busy}
                              aria-label=${t.markProcessedLabel(`${t.coordination} — ${l.missionTitle}`)}
                              @click=${() => this.act(() => this.client!.admin.markCoordinationProcessed.mutate({ missionId: l.missionId }), t.processedOn(this.date(new Date().toISOString())), () => this.task.run())}
                            >
                              ${t.markProcessed}
                            </button>`}
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : html`<p>${t.noCoordination}</p>`}
    </section>`;
  }
}
