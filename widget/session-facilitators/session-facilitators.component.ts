import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { emit } from '../shared/emit.ts';
import { domainLabels } from '../shared/labels.ts';
import { statusesAllowed, statusRefusal } from '../../domain/rules.ts';
import { baseStyles } from '../shared/styles.ts';
import { tableHead } from '../shared/table.ts';
import { outcomeView } from '../shared/status.ts';
import type { FacilitatorStatus, Mission, Session, SessionFacilitator } from '../shared/api.ts';
import { messages } from './session-facilitators.i18n.ts';
import styles from './session-facilitators.styles.ts';
import '../copy-link/copy-link.ts';
import '../email-invites/email-invites.ts';
import '../invitation-list/invitation-list.ts';
import '../events/fresk-session-updated.ts';

/**
 * @summary The "Animateur·ices" tab of `<fresk-session-planner>`: who is registered, their status (which
 * decides their pay) and retribution, the shareable invitation link, and invitations by email.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskSessionUpdatedEvent} fresk-session-updated - A facilitator's status changed, one was removed or the link was replaced.
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @csspart roster - The table of registered facilitators.
 * @csspart status-select - A facilitator's status dropdown.
 * @csspart remove-button - A facilitator's remove button.
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
export class FreskSessionFacilitatorsElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The session, as `sessions.get` returns it. */
  @property({ attribute: false }) session?: Session;

  /** Its mission, as `missions.get` returns it (the sector decides whether "bénévole" is offered). */
  @property({ attribute: false }) mission?: Mission;

  /** Shows the roster without letting it change (a closed mission). */
  @property({ type: Boolean }) readonly = false;

  /** The facilitator whose details are open (clicking a name opens them, as the association's guide says). */
  @state() private opened?: string;

  private readonly localize = new LocalizeController(this, messages);

  private changed(): void {
    if (this.session) emit(this, 'fresk-session-updated', { sessionId: this.session.id, missionId: this.session.missionId });
  }

  /** The last change's refusal in words (this tab says some reasons its own way). */
  private problem(): string {
    const reason = this.action.reason;
    return (reason && this.localize.t.reasons[reason]) || reasonMessage(this.localize.lang, reason);
  }

  /** Runs one change, showing its outcome in words. */
  private async act(run: () => Promise<unknown>, done: string): Promise<void> {
    await this.action.run(async () => {
      await run();
      this.changed();
    }, done);
  }

  private setStatus(f: SessionFacilitator, status: FacilitatorStatus): Promise<void> {
    const client = this.client;
    const session = this.session;
    if (!client || !session) return Promise.resolve();
    const label = domainLabels[this.localize.lang].facilitatorStatus[status];
    return this.act(
      () => client.facilitators.setStatus.mutate({ sessionId: session.id, facilitatorId: f.facilitatorId, status }),
      this.localize.t.statusChanged(f.name, label),
    );
  }

  private removeFacilitator(f: SessionFacilitator): Promise<void> {
    const client = this.client;
    const session = this.session;
    if (!client || !session) return Promise.resolve();
    return this.act(
      () => client.facilitators.remove.mutate({ sessionId: session.id, facilitatorId: f.facilitatorId }),
      this.localize.t.removed(f.name),
    );
  }

  private regenerate(): Promise<void> {
    const client = this.client;
    const session = this.session;
    if (!client || !session) return Promise.resolve();
    return this.act(() => client.sessions.regenerateLink.mutate({ sessionId: session.id, link: 'facilitator' }), this.localize.t.regenerated);
  }

  private invite = (emails: string[]) => {
    const session = this.session!;
    return this.client!.facilitators.invite.mutate({ sessionId: session.id, emails });
  };

  /** "Renvoyer": a fresh invitation replaces the previous one; the tab reloads to show it. */
  private resend = async (email: string) => {
    const session = this.session!;
    const res = await this.invite([email]);
    emit(this, 'fresk-session-updated', { sessionId: session.id, missionId: session.missionId });
    return res;
  };

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const t = this.localize.t;
    const overview = this.mission?.sessions.find((s) => s.id === session.id);
    const registered = overview?.facilitatorsCount ?? session.facilitators.length;
    const expected = overview?.expectedFacilitators;
    const locked = this.readonly || session.status === 'cancelled';
    const invitable = !locked && !session.ended;
    return html`
      <section aria-labelledby="roster-heading">
        <h3 id="roster-heading">${t.heading}</h3>
        <p class="muted">${t.intro}</p>
        ${expected !== undefined
          ? html`<p><strong>${t.slots(registered, expected)}</strong> — ${t.openSlots(Math.max(0, expected - registered))}</p>`
          : nothing}
        ${session.facilitators.length ? this.renderRoster(session.facilitators, locked) : html`<p>${t.nobody}</p>`}
        ${outcomeView(this.problem(), this.action.done)}
      </section>
      <fresk-invitation-list
        lang=${this.localize.lang}
        timezone=${session.timezone ?? nothing}
        .invitations=${(session.invitations ?? []).filter((i) => i.kind === 'facilitator')}
        .resend=${invitable ? this.resend : undefined}></fresk-invitation-list>
      ${invitable
        ? html`<section>
              <fresk-copy-link lang=${this.localize.lang} label=${t.link} .value=${session.facilitatorInviteUrl}></fresk-copy-link>
              <div class="regenerate">
                <button type="button" aria-describedby="regenerate-hint" ?disabled=${this.action.busy} @click=${this.regenerate}>${t.regenerate}</button>
                <p id="regenerate-hint" class="muted">${t.regenerateHint}</p>
              </div>
            </section>
            <section>
              <fresk-email-invites lang=${this.localize.lang} label=${t.inviteByEmail} .invite=${this.invite}></fresk-email-invites>
            </section>`
        : session.ended || session.status === 'cancelled'
          ? html`<p class="muted">${t.closedForInvites}</p>`
          : nothing}
    `;
  }

  private renderRoster(facilitators: SessionFacilitator[], locked: boolean) {
    const t = this.localize.t;
    const ended = Boolean(this.session?.ended);
    const benevoleAllowed = statusRefusal(this.mission?.organization.sector ?? '', 'benevole') === null;
    const columns = locked ? 4 : 5;
    return html`<div class="table-wrap">
      <table part="roster" class="cards">
        ${tableHead([t.name, t.email, t.status, t.retribution, locked ? false : { hidden: t.actions }])}
        <tbody>
          ${facilitators.map((f) => {
            // Once their pay is requested, a facilitator's status and place on the session are settled.
            const settled = locked || f.retribution === 'requested';
            const open = this.opened === f.facilitatorId;
            return html`<tr>
                <th scope="row">
                  <button
                    type="button"
                    class="link name"
                    aria-expanded=${open ? 'true' : 'false'}
                    aria-controls="details-${f.facilitatorId}"
                    @click=${() => (this.opened = open ? undefined : f.facilitatorId)}
                  >
                    ${f.name}
                  </button>
                </th>
                <td class="email" data-label=${t.email}>${f.email}</td>
                <td data-label=${t.status}>${this.statusSelect(f, settled, t.statusOf(f.name))}</td>
                <td data-label=${t.retribution}>${this.retributionBadge(f, ended)}</td>
                ${locked
                  ? nothing
                  : html`<td>
                      <button type="button" class="danger" part="remove-button" aria-label=${t.removeWho(f.name)} ?disabled=${settled || this.action.busy} @click=${() => this.removeFacilitator(f)}>
                        ${t.remove}
                      </button>
                    </td>`}
              </tr>
              <tr class="details" id="details-${f.facilitatorId}" ?hidden=${!open}>
                <td colspan=${columns}>${open ? this.renderDetails(f, settled, ended) : nothing}</td>
              </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${benevoleAllowed ? nothing : html`<p class="muted">${t.benevoleHint}</p>`}`;
  }

  /** A facilitator's status dropdown; "bénévole" is offered on enseignement missions only. */
  private statusSelect(f: SessionFacilitator, settled: boolean, label: string, id?: string) {
    const labels = domainLabels[this.localize.lang];
    // The statuses the mission's sector allows (domain/rules.ts), and the one already set.
    const offered: FacilitatorStatus[] = [...statusesAllowed(this.mission?.organization.sector ?? '')];
    if (!offered.includes(f.status)) offered.push(f.status);
    return html`<select
      part="status-select"
      id=${id ?? nothing}
      aria-label=${id ? nothing : label}
      ?disabled=${settled || this.action.busy}
      .value=${live(f.status)}
      @change=${(e: Event) => this.setStatus(f, (e.target as HTMLSelectElement).value as FacilitatorStatus)}
    >
      ${offered.map((s) => html`<option value=${s} ?selected=${f.status === s}>${labels.facilitatorStatus[s]}</option>`)}
    </select>`;
  }

  /** The retribution's state: a paid facilitator's is to request only once the session has ended. */
  private retributionBadge(f: SessionFacilitator, ended: boolean) {
    const labels = domainLabels[this.localize.lang];
    if (!ended && f.retribution === 'not_requested') return html`<span class="muted">${this.localize.t.afterSession}</span>`;
    return html`<span class="badge ${f.retribution === 'requested' ? 'success' : f.retribution === 'not_requested' ? 'warning' : 'muted'}"
      >${labels.retribution[f.retribution]}</span
    >`;
  }

  /** The details opened from a facilitator's name: email, the status menu with its meaning, the retribution. */
  private renderDetails(f: SessionFacilitator, settled: boolean, ended: boolean) {
    const t = this.localize.t;
    const selectId = `status-${f.facilitatorId}`;
    return html`<div class="details-body" role="group" aria-label=${f.name}>
      <p class="email">${f.email}</p>
      <label for=${selectId}>${t.statusOf(f.name)}</label>
      ${this.statusSelect(f, settled, t.statusOf(f.name), selectId)}
      <p class="muted">${t.statusHelp}</p>
      ${settled && !this.readonly ? html`<p class="muted">${t.reasons.retribution_requested}</p>` : nothing}
      <p>${t.retributionLabel} ${this.retributionBadge(f, ended)}</p>
    </div>`;
  }
}
