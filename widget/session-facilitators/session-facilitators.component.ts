import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { emit } from '../shared/emit.ts';
import { domainLabels } from '../shared/labels.ts';
import { baseStyles } from '../shared/styles.ts';
import type { FacilitatorStatus, Mission, Session, SessionFacilitator } from '../shared/contract.ts';
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
 * @event fresk-session-updated - A facilitator's status changed, one was removed or the link was replaced.
 *
 * @csspart roster - The table of registered facilitators.
 * @csspart status-select - A facilitator's status dropdown.
 * @csspart remove-button - A facilitator's remove button.
 */
export class FreskSessionFacilitatorsElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The session, as `sessions.get` returns it. */
  @property({ attribute: false }) session?: Session;

  /** Its mission, as `missions.get` returns it (the sector decides whether "bénévole" is offered). */
  @property({ attribute: false }) mission?: Mission;

  /** Shows the roster without letting it change (a closed mission). */
  @property({ type: Boolean }) readonly = false;

  @state() private status = '';
  @state() private error = '';
  @state() private busy = false;

  private readonly localize = new LocalizeController(this, messages);

  private changed(): void {
    if (this.session) emit(this, 'fresk-session-updated', { sessionId: this.session.id, missionId: this.session.missionId });
  }

  /** Runs one change, showing its outcome in words. */
  private async act(run: () => Promise<unknown>, done: string): Promise<void> {
    this.busy = true;
    this.error = '';
    this.status = '';
    try {
      await run();
      this.status = done;
      this.changed();
    } catch (e) {
      const reason = this.failed(e);
      this.error = this.localize.t.reasons[reason] ?? reasonMessage(this.localize.lang, reason);
      this.requestUpdate();
    } finally {
      this.busy = false;
    }
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
        <p role="alert" class="error">${this.error}</p>
        <p role="status" class="success">${this.status}</p>
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
                <button type="button" aria-describedby="regenerate-hint" ?disabled=${this.busy} @click=${this.regenerate}>${t.regenerate}</button>
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
    const labels = domainLabels[this.localize.lang];
    const enseignement = this.mission?.organization.sector === 'enseignement';
    return html`<div class="table-wrap">
      <table part="roster">
        <thead>
          <tr>
            <th scope="col">${t.name}</th>
            <th scope="col">${t.email}</th>
            <th scope="col">${t.status}</th>
            <th scope="col">${t.retribution}</th>
            ${locked ? nothing : html`<th scope="col"><span class="visually-hidden">${t.actions}</span></th>`}
          </tr>
        </thead>
        <tbody>
          ${facilitators.map((f) => {
            // Once their pay is requested, a facilitator's status and place on the session are settled.
            const settled = locked || f.retribution === 'requested';
            const offered: FacilitatorStatus[] = enseignement || f.status === 'benevole' ? ['remunere', 'interne', 'benevole'] : ['remunere', 'interne'];
            return html`<tr>
              <th scope="row">${f.name}</th>
              <td class="email">${f.email}</td>
              <td>
                <select
                  part="status-select"
                  aria-label=${t.statusOf(f.name)}
                  ?disabled=${settled || this.busy}
                  .value=${live(f.status)}
                  @change=${(e: Event) => this.setStatus(f, (e.target as HTMLSelectElement).value as FacilitatorStatus)}
                >
                  ${offered.map((s) => html`<option value=${s} ?selected=${f.status === s}>${labels.facilitatorStatus[s]}</option>`)}
                </select>
              </td>
              <td>
                <span class="badge ${f.retribution === 'requested' ? 'success' : f.retribution === 'not_requested' ? 'warning' : 'muted'}"
                  >${labels.retribution[f.retribution]}</span
                >
              </td>
              ${locked
                ? nothing
                : html`<td>
                    <button type="button" class="danger" part="remove-button" aria-label=${t.removeWho(f.name)} ?disabled=${settled || this.busy} @click=${() => this.removeFacilitator(f)}>
                      ${t.remove}
                    </button>
                  </td>`}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${enseignement ? nothing : html`<p class="muted">${t.benevoleHint}</p>`}`;
  }
}
