import { html, nothing } from 'lit';
import { Task, initialState } from '@lit/task';
import { DeskScreen, type StaffMission } from './desk-screen.ts';
import { tableHead } from '../shared/table.ts';

/**
 * @summary The desk's Facturation: the closed missions not yet invoiced, delivered against ordered per kind,
 * and "marquer comme facturée" with an optional invoice reference.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @csspart to-invoice - The closed missions section.
 */
export class FreskDeskInvoicingElement extends DeskScreen {
  private readonly task = new Task(this, {
    task: async ([client], { signal }): Promise<StaffMission[] | typeof initialState> =>
      client ? client.admin.missions.query({ status: 'closed', invoiced: false, limit: 200 }, { signal }) : initialState,
    args: () => [this.client] as const,
    onError: (e) => void this.failed(e),
  });

  private invoice(m: StaffMission, form: HTMLFormElement): void {
    const reference = (new FormData(form).get('reference') as string | null)?.trim() || undefined;
    void this.act(() => this.client!.admin.markInvoiced.mutate({ missionId: m.id, reference }), this.t.invoiced(m.title), () => this.task.run());
  }

  protected override render() {
    const t = this.t;
    const missions = this.task.value;
    return html`<section part="to-invoice" aria-labelledby="closed-heading">
      <h3 id="closed-heading">${t.toInvoice}</h3>
      ${this.outcome()}
      ${missions
        ? missions.length
          ? this.renderTable(missions)
          : html`<p>${t.noClosed}</p>`
        : this.loadState(this.task)}
    </section>`;
  }

  private renderTable(missions: StaffMission[]) {
    const t = this.t;
    const sorted = [...missions].sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
    return html`<div class="table-wrap">
      <table aria-labelledby="closed-heading">
        ${tableHead([t.mission, t.client, t.coordinator, t.closedOn, t.deliveredOrdered, t.markInvoiced])}
        <tbody>
          ${sorted.map(
            (m) => html`<tr data-mission=${m.id}>
              <th scope="row">${m.title}</th>
              <td data-label=${t.client}>${m.organization.name}</td>
              <td data-label=${t.coordinator}>${m.coordinator.name}<br /><span class="email">${m.coordinator.email}</span></td>
              <td data-label=${t.closedOn}>${m.closedAt ? this.date(m.closedAt) : nothing}</td>
              <td data-label=${t.deliveredOrdered}>${this.orderView(m)}</td>
              <td>
                <form
                  class="field"
                  @submit=${(e: SubmitEvent) => {
                    e.preventDefault();
                    this.invoice(m, e.currentTarget as HTMLFormElement);
                  }}
                >
                  <label for=${`ref-${m.id}`}><span class="visually-hidden">${t.referenceOf(m.title)}</span><span aria-hidden="true">${t.reference}</span></label>
                  <input id=${`ref-${m.id}`} name="reference" maxlength="200" autocomplete="off" />
                  <button type="submit" class="primary" ?disabled=${this.busy} aria-label=${t.markInvoicedLabel(m.title)}>${t.markInvoiced}</button>
                </form>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
