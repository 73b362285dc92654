import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { errorData } from '../shared/client.ts';
import { emit } from '../shared/emit.ts';
import { domainLabels } from '../shared/labels.ts';
import { baseStyles } from '../shared/styles.ts';
import { errorView, loadingView } from '../shared/status.ts';
import type { Mission } from '../shared/api.ts';
import type { FreskSessionPlannerElement } from '../session-planner/session-planner.component.ts';
import { messages } from './mission-dashboard.i18n.ts';
import { orderTable, sessionsSection } from './mission-tables.ts';
import { dayAfterMessages } from '../session-attendance/day-after.i18n.ts';
import styles from './mission-dashboard.styles.ts';
import { OnDemand } from '../shared/on-demand.ts';
import { ConfirmController } from '../shared/confirm.ts';
import '../events/fresk-retributions-requested.ts';
import '../events/fresk-mission-closed.ts';

// The planner (its dialog opens on demand) is a chunk of its own (widget/build.mjs splits the bundle).
const sessionPlanner = new OnDemand(() => import('../session-planner/session-planner.ts'));

/**
 * @summary A mission's dashboard for its coordinator: the order and its counters per kind (over-order
 * shown), the sessions with their staffing, seats and retribution tags, a "+" that opens
 * `<fresk-session-planner>`, the monthly retribution request, and closing with a confirmation step.
 * A closed mission is shown read-only.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskRetributionsRequestedEvent} fresk-retributions-requested - The month's retributions were requested; `detail` has `missionId` and `requestId`.
 * @fires {FreskMissionClosedEvent} fresk-mission-closed - The mission was closed; `detail` has `missionId` and `closedAt`.
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @csspart heading - The mission's title.
 * @csspart order - The order table.
 * @csspart sessions - The sessions table.
 * @csspart plan-button - The "+" button.
 * @csspart retributions - The retributions section.
 * @csspart close - The closing section.
 * @csspart planner-dialog - The dialog holding the session planner.
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
export class FreskMissionDashboardElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The mission to show. */
  @property({ attribute: 'mission-id' }) missionId?: string;

  /** Moves focus to the mission's title once it has loaded (set when the person navigated here). */
  @property({ type: Boolean, attribute: 'focus-heading' }) focusHeading = false;

  @state() private planner?: { sessionId?: string };
  @state() private notice = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  private returnFocus?: HTMLElement;
  private headingFocused = false;
  private readonly localize = new LocalizeController(this, messages);
  private readonly confirmClose = new ConfirmController(this);

  private readonly missionTask = this.loadTask(
    () => this.missionId,
    (client, missionId, signal) => client.missions.get.query({ missionId }, { signal }),
  );

  /** Reloads the mission (after a change made elsewhere, e.g. a facilitator joined). */
  reload(): Promise<void> {
    return this.missionTask.run();
  }

  protected override updated(): void {
    if (this.focusHeading && !this.headingFocused && this.missionTask.value) {
      this.headingFocused = true;
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    }
  }

  private date(iso: string, style: Intl.DateTimeFormatOptions = { dateStyle: 'long' }, timeZone?: string): string {
    return this.localize.dateTime(iso, timeZone, style);
  }

  private async openPlanner(sessionId: string | undefined, trigger: EventTarget | null): Promise<void> {
    this.returnFocus = trigger as HTMLElement;
    await sessionPlanner.preload(this);
    this.planner = { sessionId };
    await this.updateComplete;
    const planner = this.renderRoot.querySelector<FreskSessionPlannerElement>('fresk-session-planner');
    await planner?.updateComplete;
    this.dialog.showModal();
    planner?.focusTitle();
  }

  private onDialogClose(): void {
    this.planner = undefined;
    void this.reload();
    const target = this.returnFocus?.isConnected ? this.returnFocus : this.renderRoot.querySelector<HTMLElement>('.plan');
    target?.focus();
  }

  private async requestRetributions(mission: Mission): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.notice = '';
    await this.action.run(async () => {
      const r = await client.retributions.request.mutate({ missionId: mission.id });
      this.notice = this.localize.t.requested;
      emit(this, 'fresk-retributions-requested', { missionId: mission.id, requestId: r.requestId });
    });
    void this.reload();
  }

  private async closeMission(mission: Mission): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.notice = '';
    const closed = await this.action.run(async () => {
      const r = await client.missions.close.mutate({ missionId: mission.id });
      this.confirmClose.close();
      this.notice = this.localize.t.closed;
      emit(this, 'fresk-mission-closed', { missionId: mission.id, closedAt: r.closedAt });
    });
    await this.reload();
    if (closed) this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** The last action's refusal in words; a monthly request made too early says from when it is possible. */
  private actionError(): string {
    const { reason, error } = this.action;
    if (!reason) return '';
    const next = errorData(error).nextAllowedAt;
    return [reasonMessage(this.localize.lang, reason), typeof next === 'string' ? this.localize.t.nextAllowed(this.date(next)) : ''].filter(Boolean).join(' ');
  }

  protected override render() {
    const t = this.localize.t;
    const mission = this.missionTask.value;
    return html`
      ${mission
        ? this.renderMission(mission)
        : this.missionTask.render({
            pending: () => loadingView(t.loading),
            error: (e) => errorView(reasonMessage(this.localize.lang, this.reasonOf(e)), t.retry, () => void this.reload()),
          })}
      <p role="alert" class="error">${this.actionError()}</p>
      <p role="status" class="success">${this.notice}</p>
      <dialog part="planner-dialog" aria-label=${this.planner?.sessionId ? t.manageSession : t.plan} @close=${this.onDialogClose}>
        ${this.planner
          ? sessionPlanner.render(this, this.localize.lang, t, () => html`<fresk-session-planner
                lang=${this.localize.lang}
                mission-id=${this.missionId ?? ''}
                session-id=${this.planner?.sessionId ?? nothing}
                @fresk-close=${() => this.dialog.close()}
                @fresk-session-created=${() => void this.reload()}
                @fresk-session-updated=${() => void this.reload()}
                @fresk-session-cancelled=${() => void this.reload()}
              ></fresk-session-planner>`)
          : nothing}
      </dialog>
    `;
  }

  private renderMission(mission: Mission) {
    const t = this.localize.t;
    const labels = domainLabels[this.localize.lang];
    const open = mission.status === 'open';
    return html`
      <div class="header">
        <h2 part="heading" tabindex="-1">${mission.title}</h2>
        <p class="subtitle">
          ${t.client} : ${mission.organization.name} ·
          <span class="badge ${open ? 'success' : 'muted'}">${labels.missionStatus[mission.status]}</span>
        </p>
        ${!open && mission.closedAt ? html`<p class="notice">${t.closedOn(this.date(mission.closedAt))}</p>` : nothing}
      </div>
      ${orderTable(mission, this.localize.lang)} ${sessionsSection(mission, this.localize.lang, (id, trigger) => this.openPlanner(id, trigger))}
      ${open ? html`${this.renderRetributions(mission)} ${this.renderClose(mission)}` : nothing}
    `;
  }

  private renderRetributions(mission: Mission) {
    const t = this.localize.t;
    const labels = domainLabels[this.localize.lang];
    const r = mission.retributions;
    const pending = r.pending ?? mission.sessions.filter((s) => s.retributionTag === 'to_request').map((s) => ({ sessionId: s.id, facilitators: 0 }));
    const lines = pending.flatMap((p) => {
      const s = mission.sessions.find((x) => x.id === p.sessionId);
      if (!s) return [];
      const what = t.sessionLine(labels.kind[s.kind], this.date(s.startsAt, undefined, s.timezone));
      return [p.facilitators ? t.pendingLine(what, p.facilitators) : what];
    });
    return html`<section part="retributions" aria-labelledby="retributions-heading">
      <h3 id="retributions-heading">${t.retributions}</h3>
      <p class="muted">${t.retributionsIntro}</p>
      ${lines.length
        ? html`<p>${t.wouldInclude}</p>
            <ul class="plain">
              ${lines.map((l) => html`<li>${l}</li>`)}
            </ul>`
        : html`<p id="request-nothing">${t.nothingToRequest}</p>`}
      ${!r.canRequest && r.nextAllowedAt ? html`<p id="request-next">${t.nextAllowed(this.date(r.nextAllowedAt))}</p>` : nothing}
      <button
        type="button"
        class="primary"
        aria-describedby=${r.canRequest ? nothing : r.nextAllowedAt ? 'request-next' : 'request-nothing'}
        ?disabled=${!r.canRequest || this.action.busy}
        @click=${() => this.requestRetributions(mission)}
      >
        ${this.action.busy ? t.requesting : t.request}
      </button>
    </section>`;
  }

  private renderClose(mission: Mission) {
    const t = this.localize.t;
    const { canClose, blockers } = mission.close;
    return html`<section part="close" aria-labelledby="close-heading">
      <h3 id="close-heading">${t.close}</h3>
      <p class="muted">${t.closeIntro}</p>
      ${blockers.length
        ? html`<p id="close-blockers-intro">${t.blockersIntro}</p>
            <ul class="plain" id="close-blockers">
              ${blockers.map((b) => html`<li>${t.blockers[b] ?? reasonMessage(this.localize.lang, b)}</li>`)}
            </ul>`
        : canClose
          ? html`<p>${t.readyToClose}</p>`
          : nothing}
      ${mission.close.warnings?.length
        ? html`<p id="close-warnings-intro">${dayAfterMessages[this.localize.lang].warningsIntro}</p>
            <ul class="plain" id="close-warnings">
              ${mission.close.warnings.map((w) => html`<li>${dayAfterMessages[this.localize.lang].warnings[w] ?? w}</li>`)}
            </ul>`
        : nothing}
      <button
        type="button"
        id="close-button"
        class="danger"
        aria-describedby=${blockers.length ? 'close-blockers-intro close-blockers' : nothing}
        ?disabled=${!canClose || this.action.busy || this.confirmClose.isOpen()}
        @click=${(e: Event) => this.confirmClose.ask(true, e.currentTarget)}
      >
        ${t.closeButton}
      </button>
      ${this.confirmClose.render(
        {
          id: 'confirm-close',
          heading: t.confirmHeading,
          text: t.confirmText,
          yes: this.action.busy ? t.closing : t.confirm,
          no: t.back,
          danger: true,
          onYes: () => this.closeMission(mission),
        },
        this.action.busy,
      )}
    </section>`;
  }
}
