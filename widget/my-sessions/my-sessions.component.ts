import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { domainLabels } from '../shared/labels.ts';
import { safeHttpUrl } from '../shared/urls.ts';
import { baseStyles } from '../shared/styles.ts';
import { tableHead } from '../shared/table.ts';
import { errorView, loadingView, outcomeView } from '../shared/status.ts';
import { sessionWhen } from '../../domain/time.ts';
import { messages as attendanceMessages } from '../session-attendance/session-attendance.i18n.ts';
import { OnDemand } from '../shared/on-demand.ts';
import type { MySession } from '../shared/api.ts';
import { messages } from './my-sessions.i18n.ts';
import '../copy-link/copy-link.ts';

/** The attendance sheet (and its QR code) loads only when a facilitator opens it. */
const attendanceSheet = new OnDemand(() => import('../session-attendance/session-attendance.ts'));

/**
 * @summary "Mes sessions": every session I facilitate (coordinators' own included), with its status, my
 * status and retribution, its calendar file, "me retirer" until it starts, and my calendar feed to subscribe to.
 *
 * @csspart my-sessions - The table of sessions.
 * @csspart withdraw-button - A session's withdraw button.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @cssproperty [--fresk-color-warning=#7a4800] - Over-order and "to request" tags.
 * @cssproperty [--fresk-space=1rem] - Base spacing.
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
 * @cssproperty [--fresk-radius=6px] - Corner radius.
 */
export class FreskMySessionsElement extends FreskElement {
  static override styles = baseStyles;

  /** Shown under another list (a coordinator's missions): renders nothing when I facilitate no session. */
  @property({ type: Boolean }) secondary = false;

  /** The session whose attendance sheet (Émargement) is open: co-facilitators take attendance from here too. */
  @state() private attendanceFor?: string;

  private readonly localize = new LocalizeController(this, messages);

  private readonly task = new Task(this, {
    task: async ([client], { signal }) => {
      if (!client) return null;
      const sessions = await client.facilitators.mySessions.query({}, { signal });
      const feed = sessions.length ? await client.facilitators.calendarFeed.query({}, { signal }) : null;
      return { sessions, feed };
    },
    args: () => [this.client] as const,
  });

  private withdraw(s: MySession) {
    return this.action.run(async () => {
      await this.client!.facilitators.withdraw.mutate({ sessionId: s.sessionId });
      await this.task.run();
    }, this.localize.t.withdrawn);
  }

  private regenerateFeed() {
    return this.action.run(async () => {
      await this.client!.facilitators.regenerateCalendarFeed.mutate({});
      await this.task.run();
    }, this.localize.t.regeneratedFeed);
  }

  protected override render() {
    const t = this.localize.t;
    return this.task.render({
      pending: () => (this.secondary ? nothing : loadingView(t.loading)),
      error: (e) => errorView(reasonMessage(this.localize.lang, this.failed(e)), t.retry, () => void this.task.run()),
      complete: (data) => {
        if (!data) return nothing;
        if (!data.sessions.length) {
          return this.secondary && !this.action.done ? nothing : html`<h2 tabindex="-1">${t.heading}</h2><p role="status" class="success">${this.action.done}</p><p>${t.none}</p>`;
        }
        return html`<h2 tabindex="-1">${t.heading}</h2>
          ${this.renderTable(data.sessions)}
          ${outcomeView(reasonMessage(this.localize.lang, this.action.reason), this.action.done)}
          ${data.feed
            ? html`<section>
                <fresk-copy-link lang=${this.localize.lang} label=${t.feed} .value=${data.feed.url}></fresk-copy-link>
                <p class="muted">${t.feedHint}</p>
                <button type="button" ?disabled=${this.action.busy} @click=${this.regenerateFeed}>${t.regenerateFeed}</button>
              </section>`
            : nothing}`;
      },
    });
  }

  private renderTable(sessions: MySession[]) {
    const t = this.localize.t;
    const labels = domainLabels[this.localize.lang];
    return html`<div class="table-wrap">
      <table part="my-sessions" class="cards">
        ${tableHead([t.date, t.mission, t.kind, t.where, t.status, t.myStatus, t.retribution, t.calendar])}
        <tbody>
          ${sessions.map((s) => {
            const url = s.location.mode === 'online' ? safeHttpUrl(s.location.url) : undefined;
            const ics = safeHttpUrl(s.calendarUrl);
            const when = sessionWhen(this.localize.lang, s.startsAt, s.endsAt, s.timezone);
            const state = s.status === 'cancelled' ? 'cancelled' : s.ended ? 'ended' : 'planned';
            return html`<tr>
              <th scope="row">${when}</th>
              <td data-label=${t.mission}>${s.missionTitle}</td>
              <td data-label=${t.kind}>${labels.kind[s.kind]}</td>
              <td data-label=${t.where}>
                ${s.location.mode === 'online'
                  ? url
                    ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${labels.online}</a>`
                    : labels.online
                  : s.location.address}
              </td>
              <td data-label=${t.status}>${labels.sessionStatus[state]}</td>
              <td data-label=${t.myStatus}>${s.myStatus ? labels.facilitatorStatus[s.myStatus] : ''}</td>
              <td data-label=${t.retribution}>${s.retribution && (s.ended || s.retribution !== 'not_requested') ? labels.retribution[s.retribution] : ''}</td>
              <td class="actions">
                ${s.status === 'planned'
                  ? html`<button
                      type="button"
                      aria-expanded=${this.attendanceFor === s.sessionId ? 'true' : 'false'}
                      @click=${() => (this.attendanceFor = this.attendanceFor === s.sessionId ? undefined : s.sessionId)}
                    >
                      ${attendanceMessages[this.localize.lang].tab}
                    </button>`
                  : nothing}
                ${ics && s.status !== 'cancelled' ? html`<a href=${ics} aria-label=${t.icsOf(when)}>${t.ics}</a>` : nothing}
                ${s.started || s.status === 'cancelled'
                  ? nothing
                  : html`<button type="button" class="danger" part="withdraw-button" aria-label=${t.withdrawFrom(when)} ?disabled=${this.action.busy} @click=${() => this.withdraw(s)}>${t.withdraw}</button>`}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${this.attendanceFor
      ? attendanceSheet.render(this, this.localize.lang, t, () => html`<fresk-session-attendance lang=${this.localize.lang} session-id=${this.attendanceFor} active></fresk-session-attendance>`)
      : nothing}`;
  }
}
