import { html, nothing } from 'lit';
import type { Task } from '@lit/task';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { domainLabels } from '../shared/labels.ts';
import { baseStyles } from '../shared/styles.ts';
import { errorView, loadingView } from '../shared/status.ts';
import { messages } from './staff-desk.i18n.ts';
import styles from './staff-desk.styles.ts';

export type { Activity, AdminOutputs, CoordinationLine, FacilitatorItem, RetributionRequest, StaffMission } from '../shared/api.ts';
import type { StaffMission } from '../shared/api.ts';

/**
 * What every screen of the desk shares: the messages, dates in Paris time, and one way to run an action —
 * busy while it runs, its refusal in words, a polite status once done.
 */
export class DeskScreen extends FreskElement {
  static override styles = [baseStyles, styles];

  protected readonly localize = new LocalizeController(this, messages);

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

  /** True while an action runs (its buttons are disabled). */
  protected get busy(): boolean {
    return this.action.busy;
  }

  /** Runs a call through the action controller: `done` says what happened; `after` reloads what changed. Answers whether it succeeded. */
  protected act(call: () => Promise<unknown>, done: string, after?: () => Promise<unknown>): Promise<boolean> {
    return this.action.run(async () => {
      await call();
      await after?.();
    }, done);
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
    const problem = reasonMessage(this.localize.lang, this.action.reason);
    return html`${problem ? html`<p role="alert" class="error notice">${problem}</p>` : nothing}
      <p role="status" class="success">${this.action.done}</p>`;
  }
}
