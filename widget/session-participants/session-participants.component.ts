import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { emit } from '../shared/emit.ts';
import { downloadCsv } from '../shared/csv.ts';
import { participantsCsv } from '../../domain/csv.ts';
import { parisParts } from '../../domain/time.ts';
import { baseStyles } from '../shared/styles.ts';
import { tableHead } from '../shared/table.ts';
import { outcomeView } from '../shared/status.ts';
import type { Session, SessionParticipant, SessionWaitlistEntry } from '../shared/api.ts';
import { messages } from './session-participants.i18n.ts';
import styles from './session-participants.styles.ts';
import '../copy-link/copy-link.ts';
import '../email-invites/email-invites.ts';
import '../invitation-list/invitation-list.ts';
import '../events/fresk-session-updated.ts';

/** The participants of a session as a CSV: `name;email;registeredAt`, one line each, as the server's export. */
export { participantsCsv };

/**
 * @summary The "Participant·es" tab of `<fresk-session-planner>`: seats left, the signup link to pass on,
 * invitations by email and who was invited, who registered, the waiting list, and a CSV export.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskSessionUpdatedEvent} fresk-session-updated - A participant was removed or the signup link replaced.
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @csspart roster - The table of registered participants.
 * @csspart remove-button - A participant's remove button.
 * @csspart export-button - The CSV export button.
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
export class FreskSessionParticipantsElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The session, as `sessions.get` returns it. */
  @property({ attribute: false }) session?: Session;

  /** Shows the participants without letting them change (a closed mission). */
  @property({ type: Boolean }) readonly = false;


  private readonly localize = new LocalizeController(this, messages);

  /** Runs one change to the session, showing its outcome in words (as the Animateur·ices tab does). */
  private async act(run: (sessionId: string) => Promise<unknown>, done: string): Promise<void> {
    const session = this.session;
    if (!this.client || !session) return;
    await this.action.run(async () => {
      await run(session.id);
      emit(this, 'fresk-session-updated', { sessionId: session.id, missionId: session.missionId });
    }, done);
  }

  private removeParticipant(p: SessionParticipant): Promise<void> {
    return this.act((sessionId) => this.client!.participants.remove.mutate({ sessionId, participantId: p.participantId }), this.localize.t.removed(p.name));
  }

  private regenerateLink(): Promise<void> {
    return this.act((sessionId) => this.client!.sessions.regenerateLink.mutate({ sessionId, link: 'participant' }), this.localize.t.regenerated);
  }

  private invite = (emails: string[]) => this.client!.participants.invite.mutate({ sessionId: this.session!.id, emails });

  /** "Renvoyer": a fresh invitation replaces the previous one; the tab reloads to show it. */
  private resend = async (email: string) => {
    const session = this.session!;
    const res = await this.invite([email]);
    emit(this, 'fresk-session-updated', { sessionId: session.id, missionId: session.missionId });
    return res;
  };

  private exportCsv(): void {
    const session = this.session;
    if (!session) return;
    downloadCsv(this.localize.t.fileName(parisParts(session.startsAt).date), participantsCsv(session.participants));
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const t = this.localize.t;
    const locked = this.readonly || session.status === 'cancelled';
    const invitable = !locked && !session.ended;
    return html`
      <section aria-labelledby="participants-heading">
        <div class="heading-row">
          <h3 id="participants-heading">${t.heading}</h3>
          ${session.participants.length
            ? html`<button type="button" part="export-button" aria-describedby="export-hint" @click=${this.exportCsv}>${t.export}</button>`
            : nothing}
        </div>
        <p><strong>${t.seats(session.participants.length, session.seatsLeft, session.capacity)}</strong></p>
        ${session.participants.length ? html`<p id="export-hint" class="visually-hidden">${t.exportHint}</p>` : nothing}
        ${session.participants.length ? this.renderRoster(session.participants, locked) : html`<p>${t.nobody}</p>`}
        ${outcomeView(reasonMessage(this.localize.lang, this.action.reason), this.action.done)}
      </section>
      ${session.waitlist?.length ? this.renderWaitlist(session.waitlist) : nothing}
      <fresk-invitation-list
        lang=${this.localize.lang}
        timezone=${session.timezone ?? nothing}
        .invitations=${(session.invitations ?? []).filter((i) => i.kind === 'participant')}
        .resend=${locked || session.ended ? undefined : this.resend}></fresk-invitation-list>
      ${invitable
        ? html`<section>
              <fresk-copy-link lang=${this.localize.lang} label=${t.link} .value=${session.participantSignupUrl}></fresk-copy-link>
              <p class="muted">${t.linkHint}</p>
              <button type="button" aria-describedby="regenerate-hint" ?disabled=${this.action.busy} @click=${this.regenerateLink}>${t.regenerate}</button>
              <p id="regenerate-hint" class="muted">${t.regenerateHint}</p>
            </section>
            <section>
              <fresk-email-invites lang=${this.localize.lang} label=${t.inviteByEmail} .invite=${this.invite}></fresk-email-invites>
              <p class="muted">${t.emailMatters}</p>
            </section>`
        : html`<p class="muted">${t.closedForInvites}</p>`}
    `;
  }

  private renderWaitlist(waitlist: SessionWaitlistEntry[]) {
    const t = this.localize.t;
    return html`<section aria-labelledby="waitlist-heading">
      <h4 id="waitlist-heading">${t.waitlist(waitlist.length)}</h4>
      <p class="muted">${t.waitlistHint}</p>
      <div class="table-wrap">
        <table part="waitlist">
          ${tableHead([t.position, t.name, t.email, t.joinedAt])}
          <tbody>
            ${waitlist.map(
              (p) => html`<tr>
                <td>${p.position}</td>
                <th scope="row">${p.name}</th>
                <td class="email">${p.email}</td>
                <td>${this.localize.dateTime(p.joinedAt, undefined, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderRoster(participants: SessionParticipant[], locked: boolean) {
    const t = this.localize.t;
    return html`<div class="table-wrap">
      <table part="roster" class="cards">
        ${tableHead([t.name, t.email, t.registeredAt, locked ? false : { hidden: t.actions }])}
        <tbody>
          ${participants.map(
            (p) => html`<tr>
              <th scope="row">${p.name}</th>
              <td class="email" data-label=${t.email}>${p.email}</td>
              <td data-label=${t.registeredAt}>${this.localize.dateTime(p.registeredAt, undefined, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              ${locked
                ? nothing
                : html`<td>
                    <button type="button" class="danger" part="remove-button" aria-label=${t.removeWho(p.name)} ?disabled=${this.action.busy} @click=${() => this.removeParticipant(p)}>
                      ${t.remove}
                    </button>
                  </td>`}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
