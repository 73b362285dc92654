import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from '../shared/action.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { tableHead } from '../shared/table.ts';
import { outcomeView } from '../shared/status.ts';
import type { InviteResult, SessionInvitation } from '../shared/api.ts';
import { messages } from './invitation-list.i18n.ts';
import { emit } from '../shared/emit.ts';
import '../events/fresk-invitation-resent.ts';

/**
 * @summary Who was invited to a session by email, with each invitation's state and date, and "Renvoyer"
 * (a fresh invitation that replaces the previous one). Used by the Animateur·ices and Participant·es tabs.
 *
 * @csspart invitations - The table of invitations.
 * @csspart resend-button - An invitation's resend button.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @cssproperty [--fresk-color-warning=#7a4800] - Over-order and "to request" tags.
 * @cssproperty [--fresk-space=1rem] - Base spacing.
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
 * @cssproperty [--fresk-radius=6px] - Corner radius.
 * @fires {FreskInvitationResentEvent} fresk-invitation-resent - An invitation was sent again (the previous link is revoked); `detail.email` is the address.
 */
export class FreskInvitationListElement extends LitElement {
  static override styles = baseStyles;

  /** The invitations of one kind, as `sessions.get` lists them. */
  @property({ attribute: false }) invitations: SessionInvitation[] = [];

  /** Sends the invitation again (`facilitators.invite` or `participants.invite` with one address); none: no button. */
  @property({ attribute: false }) resend?: (email: string) => Promise<InviteResult>;

  /** The session's time zone, for the dates. */
  @property() timezone?: string;

  /** Why the last resend was refused (by the server, or for that address), in words. */
  @state() private refusal = '';

  private readonly localize = new LocalizeController(this, messages);
  private readonly action = new ActionController(this);

  private async again(email: string): Promise<void> {
    const resend = this.resend;
    if (!resend) return;
    this.refusal = '';
    let refused = '';
    await this.action.run(
      async () => {
        refused = (await resend(email)).refused[0]?.reason ?? '';
        emit(this, 'fresk-invitation-resent', { email });
      },
      () => (refused ? '' : this.localize.t.resent(email)),
    );
    this.refusal = reasonMessage(this.localize.lang, this.action.reason || refused);
  }

  protected override render() {
    if (!this.invitations.length) return nothing;
    const t = this.localize.t;
    // The latest invitation per address carries the action; older ones are history.
    const latest = new Map(this.invitations.map((i) => [i.email, i]));
    return html`<h4>${t.heading}</h4>
      <div class="table-wrap scroll">
        <table part="invitations">
          ${tableHead([t.email, t.invitedAt, t.state, this.resend ? { hidden: t.resend } : false])}
          <tbody>
            ${this.invitations.map(
              (i) => html`<tr data-state=${i.state}>
                <td class="email">${i.email}</td>
                <td>${this.localize.dateTime(i.invitedAt, this.timezone, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td>${t.states[i.state] ?? i.state}</td>
                ${this.resend
                  ? html`<td>
                      ${latest.get(i.email) === i && i.state !== 'used'
                        ? html`<button type="button" part="resend-button" aria-label=${t.resendTo(i.email)} ?disabled=${this.action.busy} @click=${() => this.again(i.email)}>${t.resend}</button>`
                        : nothing}
                    </td>`
                  : nothing}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${outcomeView(this.refusal, this.action.done)}`;
  }
}
