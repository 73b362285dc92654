import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { emit } from '../shared/emit.ts';
import { domainLabels } from '../shared/labels.ts';
import { baseStyles } from '../shared/styles.ts';
import { errorView, loadingView } from '../shared/status.ts';
import { sessionWhen } from '../../domain/time.ts';
import { sessionDuration, viewerWhen } from '../shared/time.ts';
import type { Mission, Session } from '../shared/api.ts';
import { messages } from './session-planner.i18n.ts';
import styles from './session-planner.styles.ts';
import '../session-form/session-form.ts';
import '../session-facilitators/session-facilitators.ts';
import '../session-participants/session-participants.ts';
import '../session-attendance/session-attendance.ts';
import { messages as attendanceMessages } from '../session-attendance/session-attendance.i18n.ts';
import '../events/fresk-close.ts';

type Tab = 'session' | 'facilitators' | 'participants' | 'attendance';
const tabs: Tab[] = ['session', 'facilitators', 'participants', 'attendance'];

/**
 * @summary Plans a session of a mission, or manages one: its details, its facilitators and its
 * participants, in three tabs. With `session-id` it opens that session; without, it plans a new one and
 * then keeps it open so the coordinator can invite people.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskSessionCreatedEvent} fresk-session-created - A session was created; `detail` has `sessionId` and `missionId`.
 * @fires {FreskSessionUpdatedEvent} fresk-session-updated - The session, its facilitators or its participants changed; `detail` has `sessionId` and `missionId`.
 * @fires {FreskSessionCancelledEvent} fresk-session-cancelled - The session was cancelled; `detail` has `sessionId` and `missionId`.
 * @fires {FreskCloseEvent} fresk-close - The planner was dismissed with its close button.
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - The server refused the token: the host page should set a fresh one.
 *
 * @csspart header - The title and the close button.
 * @csspart close-button - The close button.
 * @csspart tablist - The tabs.
 * @csspart tab - One tab.
 * @csspart panel - The selected tab's panel.
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
export class FreskSessionPlannerElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The mission to plan a new session for (not needed with `session-id`). */
  @property({ attribute: 'mission-id' }) missionId?: string;

  /** The session to manage; none to plan a new one. */
  @property({ attribute: 'session-id' }) sessionId?: string;

  @state() private tab: Tab = 'session';

  private readonly localize = new LocalizeController(this, messages);

  private readonly sessionTask = this.loadTask(
    () => this.sessionId,
    (client, sessionId, signal) => client.sessions.get.query({ sessionId }, { signal }),
  );

  private readonly missionTask = this.loadTask(
    () => this.missionId ?? this.sessionTask.value?.missionId,
    (client, missionId, signal) => client.missions.get.query({ missionId }, { signal }),
  );

  /** Moves focus to the planner's title, e.g. when it opens in a dialog. */
  async focusTitle(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#planner-title')?.focus();
  }

  private get session(): Session | undefined {
    return this.sessionId && this.sessionTask.value?.id === this.sessionId ? this.sessionTask.value : undefined;
  }

  private reload(): void {
    void this.sessionTask.run();
    void this.missionTask.run();
  }

  /** Set once this planner created its session: the form stays on screen while the session loads. */
  private created = false;

  @state() private announcement = '';

  /** A new session: the next step is inviting its facilitators, so the planner moves on to that tab. */
  private async onCreated(event: CustomEvent<{ sessionId: string }>): Promise<void> {
    this.created = true;
    this.sessionId = event.detail.sessionId;
    void this.missionTask.run();
    await this.updateComplete;
    await this.sessionTask.taskComplete.catch(() => undefined);
    if (this.session?.id !== event.detail.sessionId) return;
    this.announcement = this.localize.t.createdNext;
    this.selectTab('facilitators', true);
  }

  private selectTab(tab: Tab, focus = false): void {
    this.tab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private onTabKeydown(event: KeyboardEvent): void {
    const enabled = tabs.filter((t) => t === 'session' || this.session);
    const i = enabled.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight' ? enabled[(i + 1) % enabled.length]
      : event.key === 'ArrowLeft' ? enabled[(i - 1 + enabled.length) % enabled.length]
      : event.key === 'Home' ? enabled[0]
      : event.key === 'End' ? enabled[enabled.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    this.selectTab(next, true);
  }

  private heading(): string {
    const s = this.session;
    if (!s) return this.localize.t.newSession;
    return s.title || domainLabels[this.localize.lang].kind[s.kind];
  }

  /** When the session takes place, in its own time zone, its duration, and the viewer's time for an online one. */
  private renderWhen(s: Session) {
    const lang = this.localize.lang;
    const t = this.localize.t;
    const mine = s.location.mode === 'online' ? viewerWhen(lang, s.startsAt, s.endsAt, s.timezone) : undefined;
    return html`<p class="when">
        ${s.title ? `${domainLabels[lang].kind[s.kind]} — ` : ''}${sessionWhen(lang, s.startsAt, s.endsAt, s.timezone)}
        <span class="duration">· ${t.duration(sessionDuration(lang, s.startsAt, s.endsAt, s.timezone))}</span>
      </p>
      ${mine ? html`<p class="when yours">${t.yourTime(mine)}</p>` : nothing}`;
  }

  protected override render() {
    const t = this.localize.t;
    const lang = this.localize.lang;
    const mission = this.missionTask.value;
    const session = this.session;
    const readonly = mission?.status === 'closed';
    // Both the session and its mission (closed or not, its sector) are needed before anything is shown.
    const loading = (this.sessionId && !session && !this.created) || !mission;
    const failed = [this.sessionTask, this.missionTask].find((task) => task.status === TaskStatus.ERROR);
    const labels: Record<Tab, string> = { session: t.tabSession, facilitators: t.tabFacilitators, participants: t.tabParticipants, attendance: attendanceMessages[this.localize.lang].tab };
    if (!this.client || (!this.missionId && !this.sessionId)) return html`<p role="alert" class="error">${t.notConfigured}</p>`;
    return html`
      <div class="header" part="header">
        <div>
          <h2 id="planner-title" tabindex="-1">${this.heading()}</h2>
          ${session ? this.renderWhen(session) : nothing}
        </div>
        <button type="button" class="close" part="close-button" @click=${() => emit(this, 'fresk-close', {})}>${t.close}</button>
      </div>
      ${readonly ? html`<p class="notice">${t.missionClosed}</p>` : nothing}
      ${session?.status === 'cancelled' ? html`<p class="notice">${t.sessionCancelled}</p>` : nothing}
      ${loading
        ? failed
          ? errorView(reasonMessage(lang, this.reasonOf(failed.error)), t.retry, () => this.reload())
          : loadingView(t.loading)
        : html`
            <div role="tablist" part="tablist" aria-label=${t.tabs} @keydown=${this.onTabKeydown}>
              ${tabs.map((tab) => {
                const disabled = tab !== 'session' && !session;
                const selected = this.tab === tab;
                return html`<button
                  type="button"
                  role="tab"
                  part="tab"
                  id="tab-${tab}"
                  aria-controls="panel-${tab}"
                  aria-selected=${selected ? 'true' : 'false'}
                  aria-disabled=${disabled ? 'true' : 'false'}
                  aria-describedby=${disabled ? 'save-first' : nothing}
                  tabindex=${selected ? 0 : -1}
                  @click=${() => !disabled && this.selectTab(tab)}
                >
                  ${labels[tab]}
                </button>`;
              })}
            </div>
            ${session ? nothing : html`<p id="save-first" class="muted">${t.saveFirst}</p>`}
            <p role="status" class="success created">${this.announcement}</p>
            <div
              class="panels"
              @fresk-session-created=${this.onCreated}
              @fresk-session-updated=${() => this.reload()}
              @fresk-session-cancelled=${() => this.reload()}
            >
              ${tabs.map(
                (tab) => html`<div role="tabpanel" id="panel-${tab}" part="panel" aria-labelledby="tab-${tab}" ?hidden=${this.tab !== tab}>
                  ${this.renderPanel(tab, session, mission, readonly)}
                </div>`,
              )}
            </div>
          `}
    `;
  }

  private renderPanel(tab: Tab, session: Session | undefined, mission: Mission | undefined, readonly: boolean) {
    const lang = this.localize.lang;
    if (tab === 'session') {
      return html`<fresk-session-form
        lang=${lang}
        mission-id=${this.missionId ?? session?.missionId ?? ''}
        .session=${session}
        ?readonly=${readonly}
      ></fresk-session-form>`;
    }
    if (!session) return nothing;
    if (tab === 'attendance') return html`<fresk-session-attendance lang=${lang} session-id=${session.id} ?active=${this.tab === 'attendance'}></fresk-session-attendance>`;
    return tab === 'facilitators'
      ? html`<fresk-session-facilitators lang=${lang} .session=${session} .mission=${mission} ?readonly=${readonly}></fresk-session-facilitators>`
      : html`<fresk-session-participants lang=${lang} .session=${session} ?readonly=${readonly}></fresk-session-participants>`;
  }
}
