import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Task } from '@lit/task';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router.ts';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { domainLabels } from '../shared/labels.ts';
import { baseStyles } from '../shared/styles.ts';
import { errorView, loadingView } from '../shared/status.ts';
import { messages } from './staff-desk.i18n.ts';
import styles from './staff-desk.styles.ts';

/** What the desk reads, typed from the router itself (only types come from the server). */
export type AdminOutputs = inferRouterOutputs<AppRouter>['admin'];
export type StaffMission = AdminOutputs['missions'][number];
export type RetributionRequest = AdminOutputs['retributionRequests'][number];
export type CoordinationLine = AdminOutputs['coordinationRetributions'][number];
export type FacilitatorItem = AdminOutputs['facilitators']['items'][number];
export type Activity = AdminOutputs['activity'];

/**
 * What every screen of the desk shares: the messages, dates in Paris time, and one way to run an action —
 * busy while it runs, its refusal in words, a polite status once done.
 */
export class DeskScreen extends FreskElement {
  static override styles = [baseStyles, styles];

  protected readonly localize = new LocalizeController(this, messages);
  @state() protected busy = false;
  @state() protected problem = '';
  @state() protected done = '';

  protected get t() {
    return this.localize.t;
  }

  protected get labels() {
    return domainLabels[this.localize.lang];
  }

  protected date(iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
    return this.localize.dateTime(iso, undefined, options);
  }

  /** `2027-03` → "mars 2027" / "March 2027". */
  protected month(period: string): string {
    return /^\d{4}-\d{2}$/.test(period) ? this.date(`${period}-15T12:00:00Z`, { month: 'long', year: 'numeric' }) : period;
  }

  /** Runs a call: `done` says what happened, `problem` why not; `after` reloads what changed. Answers the refusal, if any. */
  protected async act(call: () => Promise<unknown>, done: string, after?: () => Promise<unknown>): Promise<{ ok: boolean; error?: unknown }> {
    if (this.busy) return { ok: false };
    this.busy = true;
    this.problem = '';
    this.done = '';
    try {
      await call();
      await after?.();
      this.done = done;
      return { ok: true };
    } catch (error) {
      this.problem = reasonMessage(this.localize.lang, this.failed(error));
      return { ok: false, error };
    } finally {
      this.busy = false;
    }
  }

  /** Delivered against ordered, per kind; on a closed mission, a kind delivered short of its order is flagged, in words too. */
  protected orderView(m: StaffMission) {
    return m.order.map((o) => {
      const short = m.status === 'closed' && o.delivered < o.ordered;
      return html`<div data-kind=${o.kind} class=${short ? 'badge warning' : ''}>
        ${this.t.orderLine(this.labels.kind[o.kind], o.delivered, o.ordered)}${short ? html`<span class="visually-hidden"> — ${this.t.shortfall}</span>` : nothing}
      </div>`;
    });
  }

  /** A screen's load while it has nothing to show: loading, or why it failed and a way to try again. */
  protected loadState(task: Task<readonly unknown[], unknown>) {
    return task.render({
      pending: () => loadingView(this.t.loading),
      error: (e) => errorView(reasonMessage(this.localize.lang, this.reasonOf(e)), this.t.retry, () => void task.run()),
    });
  }

  /** The action's outcome, announced: an alert for a refusal, a status for a success. */
  protected outcome() {
    return html`${this.problem ? html`<p role="alert" class="error notice">${this.problem}</p>` : nothing}
      <p role="status" class="success">${this.done}</p>`;
  }
}
