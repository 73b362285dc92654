import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import type { InviteResult } from '../shared/api.ts';
import { messages } from './email-invites.i18n.ts';
import styles from './email-invites.styles.ts';

/** Splits what a person pasted into distinct addresses (commas, semicolons, spaces or line breaks). */
export function splitEmails(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const email of text.split(/[\s,;]+/)) {
    const key = email.toLowerCase();
    if (email && !seen.has(key)) {
      seen.add(key);
      out.push(email);
    }
  }
  return out;
}

/**
 * @summary Invite several people by email at once and see, per address, whether the invitation went out
 * or was refused and why. Refused addresses stay in the field to be corrected.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @csspart textarea - The addresses field.
 * @csspart send-button - The send button.
 * @csspart results - The per-address results.
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
export class FreskEmailInvitesElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The field's visible label. */
  @property() label = '';

  /** Sends the invitations; the parent element calls the right procedure. */
  @property({ attribute: false }) invite?: (emails: string[]) => Promise<InviteResult>;

  /** Disables the form (a closed mission, an ended session). */
  @property({ type: Boolean }) disabled = false;

  @state() private text = '';
  /** Why the list was not sent before any call (empty, too long). */
  @state() private invalid = '';
  @state() private result?: InviteResult;

  private readonly localize = new LocalizeController(this, messages);

  private async send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = this.localize.t;
    const emails = splitEmails(this.text);
    const invite = this.invite;
    this.result = undefined;
    this.action.clear();
    this.invalid = !emails.length ? t.empty : emails.length > 100 ? t.tooMany : '';
    if (this.invalid || !invite) return;
    await this.action.run(async () => {
      const result = await invite(emails);
      this.result = result;
      this.text = result.refused.map((r) => r.email).join('\n');
    });
  }

  private refusedText(reason: string): string {
    return this.localize.t.refusedReasons[reason] ?? reasonMessage(this.localize.lang, reason);
  }

  protected override render() {
    const t = this.localize.t;
    const r = this.result;
    const error = this.invalid || reasonMessage(this.localize.lang, this.action.reason);
    return html`
      <form @submit=${this.send} novalidate>
        <label for="emails">${this.label}</label>
        <p id="hint" class="muted">${t.hint}</p>
        <textarea
          id="emails"
          part="textarea"
          aria-describedby="hint${error ? ' error' : ''}"
          aria-invalid=${error ? 'true' : 'false'}
          .value=${this.text}
          ?disabled=${this.disabled}
          @input=${(e: InputEvent) => (this.text = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <button type="submit" class="primary" part="send-button" ?disabled=${this.disabled || this.action.busy}>
          ${this.action.busy ? t.sending : t.send}
        </button>
      </form>
      <p id="error" class="error" role="alert">${error}</p>
      <div role="status">
        ${r
          ? html`<p>${t.summary(r.invited.length, r.refused.length)}</p>
              <ul part="results" aria-label=${t.results}>
                ${r.invited.map((email) => html`<li data-result="invited" class="success">${email} — ${t.invited}</li>`)}
                ${r.refused.map(
                  (x) => html`<li data-result="refused" class="error">${x.email} — ${t.refused(this.refusedText(x.reason))}</li>`,
                )}
              </ul>`
          : ''}
      </div>
    `;
  }
}
