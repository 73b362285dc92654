import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import { downloadCsv } from '../shared/csv.ts';
import { activityCsv } from '../../domain/csv.ts';
import { reasonMessage } from '../shared/i18n.ts';
import { parisIso, parisParts } from '../../domain/time.ts';
import { DeskScreen, type Activity } from './desk-screen.ts';
import { tableHead } from '../shared/table.ts';

/** The last calendar year in Paris, as dates: `{from: '2026-01-01', to: '2027-01-01'}` during 2027. */
export function lastCalendarYear(now = new Date()): { from: string; to: string } {
  const year = Number(parisParts(now.toISOString()).date.slice(0, 4));
  return { from: `${year - 1}-01-01`, to: `${year}-01-01` };
}

/** The figures as CSV: the server's `/export/activity.csv` definition (domain/csv.ts). */
export { activityCsv };

/**
 * @summary The desk's Bilan: `admin.activity` for a period of Paris dates (default: the last calendar year),
 * as a table per kind and sector with totals, and as a CSV — the training organisation's yearly figures.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @csspart activity - The figures table.
 */
export class FreskDeskActivityElement extends DeskScreen {
  /** The period's first day, `YYYY-MM-DD` (Paris); default: 1 January of last year. */
  @property() from = lastCalendarYear().from;
  /** The day after the period, `YYYY-MM-DD` (Paris, excluded); default: 1 January of this year. */
  @property() to = lastCalendarYear().to;
  @state() private invalid = false;

  private readonly task = new Task(this, {
    task: async ([client, from, to], { signal }): Promise<Activity | typeof initialState> =>
      client ? client.admin.activity.query({ from: parisIso(from, '00:00'), to: parisIso(to, '00:00') }, { signal }) : initialState,
    args: () => [this.client, this.from, this.to] as const,
    onError: (e) => void this.failed(e),
  });

  private choose(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    this.invalid = !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || to <= from;
    if (this.invalid) return;
    this.from = from;
    this.to = to;
  }

  protected override render() {
    const t = this.t;
    const figures = this.task.value;
    return html`<section aria-labelledby="activity-heading">
      <h3 id="activity-heading">${t.activity}</h3>
      <p class="muted">${t.activityHelp}</p>
      <form class="fields" @submit=${this.choose}>
        <div class="field"><label for="from">${t.from}</label><input id="from" name="from" type="date" required .value=${this.from} /></div>
        <div class="field">
          <label for="to">${t.to}</label>
          <input id="to" name="to" type="date" required .value=${this.to} aria-invalid=${this.invalid ? 'true' : 'false'} aria-describedby="to-error" />
          <span id="to-error" class="error">${this.invalid ? reasonMessage(this.localize.lang, 'invalid_input') : nothing}</span>
        </div>
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">${t.show}</button></div>
      </form>
      ${figures
        ? this.renderFigures(figures)
        : this.loadState(this.task)}
    </section>`;
  }

  private renderFigures(a: Activity) {
    const t = this.t;
    const n = (v: number) => v.toLocaleString(this.localize.lang === 'en' ? 'en-GB' : 'fr-FR');
    const day = (d: string) => this.date(`${d}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
    const cells = (r: Activity['totals']) => html`<td data-label=${t.sessions}>${n(r.sessions)}</td>
      <td data-label=${t.hours}>${n(r.hours)}</td>
      <td data-label=${t.present}>${n(r.participantsPresent)}</td>
      <td data-label=${t.traineeHours}>${n(r.traineeHours)}</td>`;
    if (!a.rows.length) return html`<p>${t.noActivity}</p>`;
    return html`<button type="button" @click=${() => downloadCsv(`bilan-${this.from}-${this.to}.csv`, activityCsv(a))}>${t.downloadActivity}</button>
      <div class="table-wrap">
        <table part="activity">
          <caption>
            ${t.activityCaption(day(this.from), day(this.to))}
          </caption>
          ${tableHead([`${t.kind} — ${t.sector}`, t.sessions, t.hours, t.present, t.traineeHours])}
          <tbody>
            ${a.rows.map((r) => html`<tr data-kind=${r.kind} data-sector=${r.sector}><th scope="row">${this.labels.kind[r.kind]} — ${t.sectors[r.sector]}</th>${cells(r)}</tr>`)}
          </tbody>
          <tfoot>
            <tr data-total>
              <th scope="row">${t.total}</th>
              ${cells(a.totals)}
            </tr>
          </tfoot>
        </table>
      </div>`;
  }
}
