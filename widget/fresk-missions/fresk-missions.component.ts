import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { emit } from '../shared/emit.ts';
import { domainLabels } from '../shared/labels.ts';
import { baseStyles } from '../shared/styles.ts';
import { errorView, loadingView } from '../shared/status.ts';
import type { MissionSummary, MySession } from '../shared/contract.ts';
import { messages } from './fresk-missions.i18n.ts';
import styles from './fresk-missions.styles.ts';
import '../mission-dashboard/mission-dashboard.ts';
import '../facilitator-join/facilitator-join.ts';
import '../sign-in/sign-in.ts';
import '../staff-desk/staff-desk.ts';
import '../my-sessions/my-sessions.ts';
import '../events/fresk-mission-selected.ts';

interface Home {
  missions: MissionSummary[];
  mySessions?: MySession[];
  staff?: boolean;
}

/**
 * @summary The facilitator portal's "Pros" tab: the missions the signed-in person coordinates and each
 * mission's dashboard; the sessions they facilitate when they coordinate nothing; the page that accepts a
 * facilitator invitation (`join`); and the magic-link sign-in when no valid token is available.
 * Association staff get `<fresk-staff-desk>` first (then the missions they coordinate, if any): staff are
 * told apart by asking `admin.retributionRequests` once, batched with `missions.list` into the same HTTP
 * request; a refusal means "not staff". The JWT is not decoded: a surrounding `<fresk-token>` hands out
 * only the API client, and the server is the authority on the role.
 *
 * Put it inside a `<fresk-token api token>` or give it `api` and `token` itself.
 *
 * @event fresk-mission-selected - The person opened a mission (`detail.missionId`) or went back to the list (`null`).
 * @event fresk-session-created - A session was planned; `detail` has `sessionId` and `missionId`.
 * @event fresk-session-updated - A session, its facilitators or its participants changed.
 * @event fresk-session-cancelled - A session was cancelled.
 * @event fresk-retributions-requested - The month's retributions of a mission were requested.
 * @event fresk-mission-closed - A mission was closed.
 * @event fresk-facilitator-joined - The person accepted a facilitator invitation.
 * @event fresk-sign-in-link-sent - The magic-link form was sent.
 * @event fresk-auth-required - The server refused the token: the host page should set a fresh one.
 *
 * @csspart missions - The list of missions.
 * @csspart mission - One mission of the list.
 * @csspart back-button - The way back from a dashboard to the list.
 * @csspart my-sessions - The table of the facilitator's own sessions.
 *
 * @cssproperty --fresk-color-primary - Buttons, links and selected tabs.
 * @cssproperty --fresk-color-on-primary - Text on primary buttons.
 * @cssproperty --fresk-color-text - Text.
 * @cssproperty --fresk-color-muted - Secondary text.
 * @cssproperty --fresk-color-background - Background.
 * @cssproperty --fresk-color-surface - Notices.
 * @cssproperty --fresk-color-border - Field, card and table borders.
 * @cssproperty --fresk-color-danger - Errors and destructive buttons.
 * @cssproperty --fresk-color-success - Confirmations.
 * @cssproperty --fresk-color-warning - Over-order and "to request" tags.
 * @cssproperty --fresk-color-focus - Focus ring.
 * @cssproperty --fresk-font-family - Font.
 * @cssproperty --fresk-radius - Corner radius.
 * @cssproperty --fresk-space - Base spacing.
 */
export class FreskMissionsElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** Opens this mission's dashboard directly (its id). */
  @property() mission?: string;

  /** A facilitator invitation token: shows the invitation and its "Accepter" button (the `/join/<token>` page). */
  @property() join?: string;

  /** A path on the Fresk server where an emailed sign-in link brings the person back (set by the server's own pages). */
  @property({ attribute: 'return-path' }) returnPath?: string;

  @state() private selected?: string;
  @state() private joined = false;
  @state() private leftInvitation = false;

  private returnFocusTo?: string;
  private readonly localize = new LocalizeController(this, messages);

  private readonly homeTask = new Task(this, {
    task: async ([client, showInvitation], { signal }): Promise<Home | typeof initialState> => {
      if (!client || showInvitation) return initialState;
      const [missions, staff] = await Promise.all([
        client.missions.list.query({}, { signal }) as Promise<MissionSummary[]>,
        client.admin.retributionRequests.query({}, { signal }).then(() => true, () => false),
      ]);
      if (missions.length || staff) return { missions, staff };
      return { missions, mySessions: (await client.facilitators.mySessions.query({}, { signal })) as MySession[] };
    },
    args: () => [this.client, Boolean(this.join) && !this.leftInvitation] as const,
    onError: (e) => void this.failed(e),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('mission')) this.selected = this.mission || undefined;
    if (changed.has('join')) {
      this.leftInvitation = false;
      this.joined = false;
    }
  }

  private open(missionId: string): void {
    this.returnFocusTo = missionId;
    this.selected = missionId;
    emit(this, 'fresk-mission-selected', { missionId });
  }

  private async back(): Promise<void> {
    this.selected = undefined;
    emit(this, 'fresk-mission-selected', { missionId: null });
    await this.homeTask.run();
    await this.updateComplete;
    const button = this.returnFocusTo && this.renderRoot.querySelector<HTMLElement>(`[data-mission="${CSS.escape(this.returnFocusTo)}"]`);
    (button || this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  private async leaveInvitation(): Promise<void> {
    this.leftInvitation = true;
    await this.updateComplete;
    await this.homeTask.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  protected override render() {
    const t = this.localize.t;
    const lang = this.localize.lang;
    if (!this.client) return html`<p role="alert" class="error">${t.noApi}</p>`;
    if (this.join && !this.leftInvitation) {
      return html`<fresk-facilitator-join
          lang=${lang}
          invitation=${this.join}
          return-path=${this.returnPath ?? nothing}
          @fresk-facilitator-joined=${() => (this.joined = true)}></fresk-facilitator-join>
        ${this.joined ? html`<button type="button" @click=${this.leaveInvitation}>${t.seeMine}</button>` : nothing}`;
    }
    if (this.selected) {
      return html`<button type="button" class="back link" part="back-button" @click=${this.back}>← ${t.back}</button>
        <fresk-mission-dashboard lang=${lang} mission-id=${this.selected} focus-heading></fresk-mission-dashboard>`;
    }
    const home = this.homeTask.value;
    if (home && this.homeTask.status !== 3) {
      if (home.staff) return html`<fresk-staff-desk lang=${lang}></fresk-staff-desk>${home.missions.length ? this.renderMissions(home.missions) : nothing}`;
      // "Mes sessions" for everyone who facilitates: alone for a facilitator, under the missions for a coordinator.
      return home.mySessions
        ? html`<fresk-my-sessions lang=${lang}></fresk-my-sessions>`
        : html`${this.renderMissions(home.missions)}<fresk-my-sessions lang=${lang} secondary></fresk-my-sessions>`;
    }
    return this.homeTask.render({
      pending: () => loadingView(t.loading),
      error: (e) => {
        const reason = this.reasonOf(e);
        return reason === 'unauthorized'
          ? html`<fresk-sign-in lang=${lang} return-path=${this.returnPath ?? nothing}></fresk-sign-in>`
          : errorView(reasonMessage(lang, reason), t.retry, () => void this.homeTask.run());
      },
    });
  }

  private renderMissions(missions: MissionSummary[]) {
    const t = this.localize.t;
    const labels = domainLabels[this.localize.lang];
    return html`<h2 tabindex="-1">${t.missions}</h2>
      <ul class="missions" part="missions">
        ${missions.map(
          (m) => html`<li part="mission">
            <button type="button" class="link" data-mission=${m.id} @click=${() => this.open(m.id)}>${m.title}</button>
            <p class="meta">
              <span>${t.client} : ${m.organization.name}</span>
              <span class="badge ${m.status === 'open' ? 'success' : 'muted'}">${labels.missionStatus[m.status]}</span>
              ${m.order.map((o) => html`<span class="order" data-kind=${o.kind}>${t.orderLine(labels.kind[o.kind], o.planned, o.ordered)}</span>`)}
            </p>
          </li>`,
        )}
      </ul>`;
  }
}
