import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import { KINDS } from '../../domain/enums/missions.ts';
import { SECTORS } from '../../domain/enums/organizations.ts';
import { fieldErrors } from '../shared/client.ts';
import { DeskScreen, type StaffMission } from './desk-screen.ts';

type Filter = 'open' | 'closed' | 'invoiced';
const query: Record<Filter, { status: Filter; invoiced?: boolean }> = {
  open: { status: 'open' },
  closed: { status: 'closed', invoiced: false },
  invoiced: { status: 'invoiced' },
};

/** The order per kind read from a form (`quantity-atelier`, `quantity-formation`). */
const orderOf = (data: FormData) => KINDS.map((kind) => ({ kind, quantity: Number(data.get(`quantity-${kind}`) || 0) }));

/**
 * @summary The desk's Missions: create one from a won opportunity (the coordinator gets the link by
 * email), list them by state (open, closed to invoice, invoiced) with delivered / ordered per kind, and edit
 * the order of an open mission.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @csspart create - The new mission form.
 * @csspart missions - The list of missions.
 */
export class FreskDeskMissionsElement extends DeskScreen {
  @state() private filter: Filter = 'open';
  @state() private editing?: string;
  @state() private errors: Record<string, string[]> = {};

  private readonly task = new Task(this, {
    task: async ([client, filter], { signal }): Promise<StaffMission[] | typeof initialState> =>
      client ? client.admin.missions.query({ ...query[filter], limit: 200 }, { signal }) : initialState,
    args: () => [this.client, this.filter] as const,
    onError: (e) => void this.failed(e),
  });

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const input = {
      title: text('title'),
      organization: { name: text('client'), sector: text('sector') as (typeof SECTORS)[number] },
      coordinator: { email: text('email'), name: text('name') || undefined },
      order: orderOf(data),
    };
    this.errors = {};
    if (await this.act(() => this.client!.admin.createMission.mutate(input), this.t.created(input.title, input.coordinator.email), () => this.task.run())) form.reset();
    else this.errors = fieldErrors(this.action.error);
  }

  private async saveOrder(e: SubmitEvent, m: StaffMission): Promise<void> {
    e.preventDefault();
    const order = orderOf(new FormData(e.currentTarget as HTMLFormElement));
    if (await this.act(() => this.client!.admin.updateOrder.mutate({ missionId: m.id, order }), this.t.orderSaved, () => this.task.run())) this.editing = undefined;
  }

  private field(name: string, label: string, control: unknown) {
    const problem = this.errors[name]?.[0] ?? this.errors[name.split('.')[0]]?.[0];
    return html`<div class="field">
      <label for=${`new-${name}`}>${label}</label>
      ${control} ${problem ? html`<span class="error" id=${`new-${name}-error`}>${problem}</span>` : nothing}
    </div>`;
  }

  protected override render() {
    const t = this.t;
    const missions = this.task.value;
    return html`${this.renderCreate()} ${this.outcome()}
      <section part="missions" aria-labelledby="missions-heading">
        <h3 id="missions-heading">${t.tabs.missions}</h3>
        <div class="field">
          <label for="filter">${t.filter}</label>
          <select id="filter" @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as Filter)}>
            ${(['open', 'closed', 'invoiced'] as const).map((f) => html`<option value=${f} ?selected=${this.filter === f}>${t.filters[f]}</option>`)}
          </select>
        </div>
        ${missions
          ? missions.length
            ? missions.map((m) => this.renderMission(m))
            : html`<p>${t.noMission}</p>`
          : this.loadState(this.task)}
      </section>`;
  }

  private renderCreate() {
    const t = this.t;
    const invalid = (k: string) => (this.errors[k] ? 'true' : 'false');
    return html`<details part="create">
      <summary>${t.newMission}</summary>
      <form @submit=${this.create}>
        <p class="muted">${t.newMissionHelp}</p>
        <div class="fields">
          ${this.field('title', t.title, html`<input id="new-title" name="title" required maxlength="200" aria-invalid=${invalid('title')} />`)}
          ${this.field('organization.name', t.client, html`<input id="new-organization.name" name="client" required maxlength="200" aria-invalid=${invalid('organization.name')} />`)}
          ${this.field(
            'organization.sector',
            t.sector,
            html`<select id="new-organization.sector" name="sector">
              ${SECTORS.map((s) => html`<option value=${s}>${t.sectors[s]}</option>`)}
            </select>`,
          )}
          ${this.field('coordinator.email', t.coordinatorEmail, html`<input id="new-coordinator.email" name="email" type="email" required maxlength="254" autocomplete="off" aria-invalid=${invalid('coordinator.email')} />`)}
          ${this.field('coordinator.name', t.coordinatorName, html`<input id="new-coordinator.name" name="name" maxlength="120" autocomplete="off" aria-invalid=${invalid('coordinator.name')} />`)}
          ${KINDS.map((k) => this.field(`quantity-${k}`, t.orderOf(this.labels.kind[k]), html`<input id=${`new-quantity-${k}`} name=${`quantity-${k}`} type="number" min="0" max="10000" value="0" required />`))}
        </div>
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.create}</button>
      </form>
    </details>`;
  }

  private renderMission(m: StaffMission) {
    const t = this.t;
    const ordered = (k: string) => m.order.find((o) => o.kind === k)?.ordered ?? 0;
    return html`<article class="card" data-mission=${m.id} aria-labelledby=${`m-${m.id}`}>
      <h4 id=${`m-${m.id}`}>${m.title}</h4>
      <p class="meta">
        <span>${t.client} : ${m.organization.name} (${t.sectors[m.organization.sector]})</span>
        <span>${t.coordinator} : ${m.coordinator.name || m.coordinator.email} <span class="email">${m.coordinator.email}</span></span>
        ${m.closedAt ? html`<span>${t.closedOn} ${this.date(m.closedAt)}</span>` : nothing}
        ${m.invoicedAt ? html`<span>${t.invoicedOn(this.date(m.invoicedAt), m.invoiceReference)}</span>` : nothing}
      </p>
      <div aria-label=${t.deliveredOrdered} role="group">${this.orderView(m)}</div>
      ${m.status !== 'open'
        ? nothing
        : this.editing === m.id
          ? html`<form @submit=${(e: SubmitEvent) => this.saveOrder(e, m)} aria-label=${t.editOrderOf(m.title)}>
              <div class="fields">
                ${KINDS.map(
                  (k) => html`<div class="field">
                    <label for=${`q-${m.id}-${k}`}>${t.orderOf(this.labels.kind[k])}</label>
                    <input id=${`q-${m.id}-${k}`} name=${`quantity-${k}`} type="number" min="0" max="10000" required .value=${String(ordered(k))} />
                  </div>`,
                )}
              </div>
              <div class="actions">
                <button type="submit" class="primary" ?disabled=${this.busy}>${t.save}</button>
                <button type="button" @click=${() => (this.editing = undefined)}>${t.cancel}</button>
              </div>
            </form>`
          : html`<button type="button" aria-label=${t.editOrderOf(m.title)} @click=${() => (this.editing = m.id)}>${t.editOrder}</button>`}
    </article>`;
  }
}
