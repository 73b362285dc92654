import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { emit } from '../shared/emit.ts';
import { domainLabels } from '../shared/labels.ts';
import { safeHttpUrl } from '../shared/urls.ts';
import { baseStyles } from '../shared/styles.ts';
import { errorView, loadingView, outcomeView } from '../shared/status.ts';
import type { Invitation } from '../shared/api.ts';
import { messages } from './facilitator-join.i18n.ts';
import styles from './facilitator-join.styles.ts';
import '../sign-in/sign-in.ts';
import '../events/fresk-facilitator-joined.ts';

/**
 * @summary The invited facilitator's side: the session an invitation link is for (client, date, place,
 * slots left) and an "Accepter" button. Without a valid sign-in, it offers the magic-link form first.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskFacilitatorJoinedEvent} fresk-facilitator-joined - The facilitator is registered; `detail.sessionId` is the session.
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @csspart details - The session's details.
 * @csspart accept-button - The accept button.
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
export class FreskFacilitatorJoinElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The invitation's token, from the link `/join/<token>` (a personal invitation or the session's shareable link). */
  @property() invitation?: string;

  /** Passed to the sign-in form: where the emailed sign-in link brings the person back. */
  @property({ attribute: 'return-path' }) returnPath?: string;

  @state() private joined = false;

  private readonly localize = new LocalizeController(this, messages);

  private readonly invitationTask = this.loadTask(
    () => this.invitation,
    (client, token, signal) => client.facilitators.invitation.query({ token }, { signal }),
  );

  private reasonText(reason: string): string {
    return (reason && this.localize.t.reasons[reason]) || reasonMessage(this.localize.lang, reason);
  }

  private async accept(): Promise<void> {
    const client = this.client;
    const token = this.invitation;
    if (!client || !token) return;
    await this.action.run(async () => {
      const r = await client.facilitators.join.mutate({ token });
      this.joined = true;
      emit(this, 'fresk-facilitator-joined', { sessionId: r.sessionId });
    }, this.localize.t.joined);
  }

  protected override render() {
    const t = this.localize.t;
    return html`
      <h2>${t.heading}</h2>
      ${this.invitationTask.render({
        pending: () => loadingView(t.loading),
        complete: (inv) => this.renderInvitation(inv),
        error: (e) => {
          const reason = this.reasonOf(e);
          return reason === 'network' || reason === 'unknown'
            ? errorView(this.reasonText(reason), t.retry, () => void this.invitationTask.run())
            : html`<p role="alert" class="error">${this.reasonText(reason)}</p>`;
        },
      })}
    `;
  }

  private renderInvitation(inv: Invitation) {
    const t = this.localize.t;
    const labels = domainLabels[this.localize.lang];
    const s = inv.session;
    const url = s.location.mode === 'online' ? safeHttpUrl(s.location.url) : undefined;
    const start = this.localize.dateTime(s.startsAt, s.timezone, { dateStyle: 'full', timeStyle: 'short' });
    const end = this.localize.dateTime(s.endsAt, s.timezone, { timeStyle: 'short' });
    // Accepting without a session asks to sign in first (the sign-in link brings the person back here).
    const needsSignIn = this.action.reason === 'unauthorized';
    const closedReason = this.joined ? null : inv.open === false ? (inv.reason ?? 'no_slot_left') : inv.slotsLeft <= 0 ? 'no_slot_left' : null;
    return html`
      ${inv.coordinator?.name ? html`<p>${t.invitedBy(inv.coordinator.name)}</p>` : nothing}
      <dl part="details">
        <dt>${t.client}</dt>
        <dd>${inv.organization.name}</dd>
        <dt>${t.kind}</dt>
        <dd>${labels.kind[s.kind]}${s.title ? ` — ${s.title}` : ''}</dd>
        <dt>${t.when}</dt>
        <dd>${t.timeRange(start, end)}</dd>
        <dt>${t.where}</dt>
        <dd>
          ${s.location.mode === 'online'
            ? url
              ? html`${labels.online} — <a href=${url} target="_blank" rel="noopener noreferrer">${url}</a>`
              : labels.online
            : s.location.address}
        </dd>
        <dt>${t.slots}</dt>
        <dd>${t.slotsLeft(inv.slotsLeft)}</dd>
      </dl>
      ${closedReason ? html`<p class="error">${this.reasonText(closedReason)}</p>` : nothing}
      ${this.joined || closedReason
        ? nothing
        : html`<button type="button" class="primary" part="accept-button" ?disabled=${this.action.busy} @click=${this.accept}>
            ${this.action.busy ? t.accepting : t.accept}
          </button>`}
      ${outcomeView(needsSignIn ? '' : this.reasonText(this.action.reason), this.action.done)}
      ${needsSignIn ? html`<fresk-sign-in lang=${this.localize.lang} reason=${t.signInToAccept} return-path=${this.returnPath ?? nothing}></fresk-sign-in>` : nothing}
    `;
  }
}
