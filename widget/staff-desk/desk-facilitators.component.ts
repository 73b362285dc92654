import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import { DeskScreen, type AdminOutputs, type FacilitatorItem } from './desk-screen.ts';
import { ConfirmController } from '../shared/confirm.ts';
import { tableHead } from '../shared/table.ts';

type Of = 'yes' | 'no' | 'unknown';
const stateOf = (f: FacilitatorItem): Of => (f.ofCompliant === null ? 'unknown' : f.ofCompliant ? 'yes' : 'no');

interface Loaded {
  queue: AdminOutputs['facilitators'];
  found: AdminOutputs['facilitators'];
}

/**
 * @summary The desk's Animateur·ices: the queue "à vérifier" (compliance nobody stated yet), a search by name
 * or email filtered by compliance, and setting or withdrawing *conforme OF* after a confirmation
 * (`admin.setFacilitator`: staff's word then wins over the portal's claim).
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @csspart queue - The "à vérifier" list.
 * @csspart search - The search and its results.
 */
export class FreskDeskFacilitatorsElement extends DeskScreen {
  @state() private query = '';
  @state() private of: Of | '' = '';
  /** The pending confirmation: who, and the compliance about to be set. */
  /** The change being confirmed: whose compliance, and to what. */
  private readonly confirmChange = new ConfirmController<{ f: FacilitatorItem; ofCompliant: boolean }>(this);
  @state() private more: FacilitatorItem[] = [];
  @state() private nextCursor: string | null = null;

  private readonly task = new Task(this, {
    task: async ([client, query, of], { signal }): Promise<Loaded | typeof initialState> => {
      if (!client) return initialState;
      const [queue, found] = await Promise.all([
        client.admin.facilitators.query({ of: 'unknown', limit: 50 }, { signal }),
        client.admin.facilitators.query({ query: query || undefined, of: of || undefined, limit: 50 }, { signal }),
      ]);
      this.more = [];
      this.nextCursor = found.nextCursor;
      return { queue, found };
    },
    args: () => [this.client, this.query, this.of] as const,
    onError: (e) => void this.failed(e),
  });

  private async loadMore(): Promise<void> {
    if (!this.nextCursor) return;
    const page = await this.client!.admin.facilitators.query({ query: this.query || undefined, of: this.of || undefined, cursor: this.nextCursor, limit: 50 });
    this.more = [...this.more, ...page.items];
    this.nextCursor = page.nextCursor;
  }

  private async apply(): Promise<void> {
    const c = this.confirmChange.value;
    if (!c) return;
    const who = c.f.name || c.f.email;
    const ok = await this.act(
      () => this.client!.admin.setFacilitator.mutate({ email: c.f.email, ofCompliant: c.ofCompliant }),
      this.t.changed(who, this.t.of[c.ofCompliant ? 'yes' : 'no']),
      () => this.task.run(),
    );
    if (ok) this.confirmChange.close();
  }

  protected override render() {
    const t = this.t;
    const loaded = this.task.value;
    return html`${this.outcome()}
      ${loaded
        ? html`<section part="queue" aria-labelledby="queue-heading">
              <h3 id="queue-heading">${t.toCheck} (${loaded.queue.items.length}${loaded.queue.nextCursor ? '+' : ''})</h3>
              <p class="muted">${t.toCheckHelp}</p>
              ${loaded.queue.items.length ? this.renderTable(loaded.queue.items, 'queue') : html`<p>${t.nobodyToCheck}</p>`}
            </section>
            ${this.renderSearch(loaded)}`
        : this.loadState(this.task)}`;
  }

  private renderSearch(loaded: Loaded) {
    const t = this.t;
    const items = [...loaded.found.items, ...this.more];
    return html`<section part="search" aria-labelledby="everyone-heading">
      <h3 id="everyone-heading">${t.everyone}</h3>
      <form
        class="fields"
        role="search"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget as HTMLFormElement);
          this.query = String(data.get('query') ?? '').trim();
          this.of = String(data.get('of') ?? '') as Of | '';
        }}
      >
        <div class="field">
          <label for="query">${t.search}</label>
          <input id="query" name="query" type="search" maxlength="254" .value=${this.query} />
        </div>
        <div class="field">
          <label for="of">${t.compliance}</label>
          <select id="of" name="of">
            <option value="" ?selected=${this.of === ''}>${t.all}</option>
            ${(['yes', 'no', 'unknown'] as const).map((o) => html`<option value=${o} ?selected=${this.of === o}>${t.of[o]}</option>`)}
          </select>
        </div>
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">${t.show}</button></div>
      </form>
      ${items.length ? this.renderTable(items, 'found') : html`<p>${t.noFacilitator}</p>`}
      ${this.nextCursor ? html`<button type="button" @click=${this.loadMore}>${t.more}</button>` : nothing}
    </section>`;
  }

  private renderTable(items: FacilitatorItem[], where: string) {
    const t = this.t;
    return html`<div class="table-wrap">
      <table aria-labelledby=${where === 'queue' ? 'queue-heading' : 'everyone-heading'}>
        ${tableHead([t.name, t.email, t.compliance, t.sessions, { hidden: t.confirm }])}
        <tbody>
          ${items.map((f) => this.renderRow(f))}
        </tbody>
      </table>
    </div>`;
  }

  private renderRow(f: FacilitatorItem) {
    const t = this.t;
    const s = stateOf(f);
    const who = f.name || f.email;
    // The step opens in the row whose button was pressed (the same person may be listed twice).
    const c = this.confirmChange.value?.f === f ? this.confirmChange.value : undefined;
    const ask = (ofCompliant: boolean, label: string) =>
      html`<button type="button" class=${ofCompliant ? '' : 'danger'} aria-label=${`${label} — ${who}`} @click=${() => this.confirmChange.ask({ f, ofCompliant }, `tr[data-facilitator="${CSS.escape(f.facilitatorId)}"] .actions button`)}>${label}</button>`;
    return html`<tr data-facilitator=${f.facilitatorId} data-of=${s}>
      <th scope="row">${f.name || '—'}</th>
      <td class="email" data-label=${t.email}>${f.email}</td>
      <td data-label=${t.compliance}><span class="badge ${s === 'yes' ? 'success' : s === 'no' ? 'muted' : 'warning'}">${t.of[s]}</span></td>
      <td data-label=${t.sessions}>${f.sessions}</td>
      <td>
        ${c
          ? this.confirmChange.render(
              { id: 'confirm-compliance', text: c.ofCompliant ? t.confirmCompliant(who) : t.confirmNotCompliant(who), yes: t.confirm, no: t.cancel, danger: !c.ofCompliant, onYes: () => this.apply() },
              this.busy,
            )
          : html`<div class="actions">
              ${s !== 'yes' ? ask(true, t.setCompliant) : nothing} ${s === 'yes' ? ask(false, t.withdraw) : s === 'unknown' ? ask(false, t.setNotCompliant) : nothing}
            </div>`}
      </td>
    </tr>`;
  }
}
