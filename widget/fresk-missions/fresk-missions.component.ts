import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { emit } from '../shared/emit.ts';
import { domainLabels } from '../shared/labels.ts';
import { readClaims } from '../shared/claims.ts';
import { baseStyles } from '../shared/styles.ts';
import { errorView, loadingView } from '../shared/status.ts';
import type { MissionSummary, MySession } from '../shared/api.ts';
import { messages } from './fresk-missions.i18n.ts';
import styles from './fresk-missions.styles.ts';
import '../my-sessions/my-sessions.ts';
import { OnDemand } from '../shared/on-demand.ts';
import '../events/fresk-mission-selected.ts';

// Views that most first loads never show, each a chunk of its own (widget/build.mjs splits the bundle).
const facilitatorJoin = new OnDemand(() => import('../facilitator-join/facilitator-join.ts'));
const signIn = new OnDemand(() => import('../sign-in/sign-in.ts'));
const staffDesk = new OnDemand(() => import('../staff-desk/staff-desk.ts'));
// A mission's dashboard is the view after the list: it loads when a mission is opened.
const missionDashboard = new OnDemand(() => import('../mission-dashboard/mission-dashboard.ts'));

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
 * told apart by the `role` their token claims (read, not verified: the server checks it on every call), so
 * no call is made only to fail. With no token, or once the server refused it or its `exp` passed, the
 * element shows the magic-link sign-in (keeping `mission` for after) and emits `fresk-auth-required`, so a
 * host page can set a fresh token instead.
 *
 * Put it inside a `<fresk-token api token>` or give it `api` and `token` itself.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskMissionSelectedEvent} fresk-mission-selected - The person opened a mission (`detail.missionId`) or went back to the list (`null`).
 * @fires {FreskSessionCreatedEvent} fresk-session-created - A session was planned; `detail` has `sessionId` and `missionId`.
 * @fires {FreskSessionUpdatedEvent} fresk-session-updated - A session, its facilitators or its participants changed.
 * @fires {FreskSessionCancelledEvent} fresk-session-cancelled - A session was cancelled.
 * @fires {FreskRetributionsRequestedEvent} fresk-retributions-requested - The month's retributions of a mission were requested.
 * @fires {FreskMissionClosedEvent} fresk-mission-closed - A mission was closed.
 * @fires {FreskFacilitatorJoinedEvent} fresk-facilitator-joined - The person accepted a facilitator invitation.
 * @fires {FreskSignInLinkSentEvent} fresk-sign-in-link-sent - The magic-link form was sent.
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - The server refused the token: the host page should set a fresh one.
 *
 * @csspart missions - The list of missions.
 * @csspart mission - One mission of the list.
 * @csspart back-button - The way back from a dashboard to the list.
 * @csspart my-sessions - The table of the facilitator's own sessions.
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
export class FreskMissionsElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** Opens this mission's dashboard directly (its id). */
  @property() mission?: string;

  /** A facilitator invitation token: shows the invitation and its "Accepter" button (the `/join/<token>` page). */
  @property() join?: string;

  /** Staff: a retribution request to open the desk on, downloading its CSV (the `/desk/requests/<id>` page of the retribution email). */
  @property() request?: string;

  /** A path on the Fresk server where an emailed sign-in link brings the person back (set by the server's own pages). */
  @property({ attribute: 'return-path' }) returnPath?: string;

  @state() private selected?: string;
  @state() private joined = false;
  @state() private leftInvitation = false;

  private returnFocusTo?: string;
  private readonly localize = new LocalizeController(this, messages);

  private readonly homeTask = new Task(this, {
    task: async ([client, token, showInvitation], { signal }): Promise<Home | typeof initialState> => {
      if (!client || !token || showInvitation) return initialState;
      // Staff are told apart by the role their token claims; the server still checks it on every call.
      const staff = readClaims(token)?.role === 'admin';
      const missions = await client.missions.list.query({}, { signal });
      if (missions.length || staff) return { missions, staff };
      return { missions, mySessions: await client.facilitators.mySessions.query({}, { signal }) };
    },
    args: () => [this.client, this.connection?.token, Boolean(this.join) && !this.leftInvitation] as const,
    onError: (e) => void this.failed(e),
  });

  /** Set when the server refused the token or it expired: the sign-in shows until a new token comes. */
  @state() private signedOut?: 'unauthorized' | 'expired';
  private seenToken?: string;
  private expiryTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    // Any element inside (the dashboard, the planner…) announces a refused token with this event.
    this.addEventListener('fresk-auth-required', (e) => (this.signedOut = e.detail.reason));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.expiryTimer);
  }

  /** A new token: forget the refusal, and ask the host for a fresh one when this one's `exp` comes. */
  private watchToken(token: string | undefined): void {
    this.seenToken = token;
    clearTimeout(this.expiryTimer);
    if (!token) return;
    this.signedOut = undefined;
    const expiresAt = readClaims(token)?.expiresAt;
    if (expiresAt === undefined) return;
    const wait = Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1));
    this.expiryTimer = setTimeout(() => emit(this, 'fresk-auth-required', { reason: 'expired' }), wait);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.connection?.token !== this.seenToken) this.watchToken(this.connection?.token);
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
      return facilitatorJoin.render(this, lang, t, () => html`<fresk-facilitator-join
          lang=${lang}
          invitation=${this.join}
          return-path=${this.returnPath ?? nothing}
          @fresk-facilitator-joined=${() => (this.joined = true)}></fresk-facilitator-join>
        ${this.joined ? html`<button type="button" @click=${this.leaveInvitation}>${t.seeMine}</button>` : nothing}`);
    }
    if (!this.connection?.token || this.signedOut) {
      const why = this.signedOut === 'expired' || this.signedOut === 'unauthorized' ? t.expired : this.selected ? t.signInForMission : '';
      return signIn.render(this, lang, t, () => html`<fresk-sign-in lang=${lang} reason=${why} return-path=${this.returnPath ?? nothing}></fresk-sign-in>`);
    }
    if (this.selected) {
      return html`<button type="button" class="back link" part="back-button" @click=${this.back}>← ${t.back}</button>
        ${missionDashboard.render(this, lang, t, () => html`<fresk-mission-dashboard lang=${lang} mission-id=${this.selected} focus-heading></fresk-mission-dashboard>`)}`;
    }
    const home = this.homeTask.value;
    if (home && this.homeTask.status !== 3) {
      if (home.staff) return html`${staffDesk.render(this, lang, t, () => html`<fresk-staff-desk lang=${lang} .request=${this.request}></fresk-staff-desk>`)}${home.missions.length ? this.renderMissions(home.missions) : nothing}`;
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
          ? signIn.render(this, lang, t, () => html`<fresk-sign-in lang=${lang} return-path=${this.returnPath ?? nothing}></fresk-sign-in>`)
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
