import { html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { emit } from '../shared/emit.ts';
import { baseStyles } from '../shared/styles.ts';
import { messages } from './sign-in.i18n.ts';
import styles from './sign-in.styles.ts';
import '../events/fresk-sign-in-link-sent.ts';

/**
 * @summary The magic-link sign-in: an email address, and the server mails a link that signs the person in.
 * The answer is the same whether the address is known or not, so the form reveals nothing.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskSignInLinkSentEvent} fresk-sign-in-link-sent - The request was sent; `detail.email` is the address typed.
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @csspart form - The form.
 * @csspart send-button - The submit button.
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
export class FreskSignInElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** An explanation shown above the form, e.g. why signing in is needed here. */
  @property() reason = '';

  /** A path on the Fresk server to land on after following the emailed link (its own pages set it, e.g. `/join/<code>`). */
  @property({ attribute: 'return-path' }) returnPath?: string;

  @state() private email = '';
  /** The address typed is not one. */
  @state() private invalid = false;
  @query('input') private input!: HTMLInputElement;

  private readonly localize = new LocalizeController(this, messages);

  private async requestLink(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = this.email.trim();
    const client = this.client;
    this.action.clear();
    this.invalid = !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
    if (this.invalid) return this.input.focus();
    if (!client) return;
    const next = this.returnPath?.startsWith('/') && !this.returnPath.startsWith('//') ? this.returnPath : undefined;
    await this.action.run(async () => {
      await client.auth.requestLink.mutate({ email, lang: this.localize.lang, ...(next ? { next } : {}) });
      emit(this, 'fresk-sign-in-link-sent', { email });
    }, this.localize.t.sent);
  }

  protected override render() {
    const t = this.localize.t;
    const error = this.invalid ? t.invalidEmail : reasonMessage(this.localize.lang, this.action.reason);
    return html`
      <h2>${t.heading}</h2>
      ${this.reason ? html`<p class="notice">${this.reason}</p>` : ''}
      <p>${t.intro}</p>
      <form part="form" @submit=${this.requestLink} novalidate>
        <label for="email">${t.email}</label>
        <input
          id="email"
          type="email"
          autocomplete="email"
          maxlength="254"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="sign-in-error"
          .value=${this.email}
          @input=${(e: InputEvent) => (this.email = (e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" part="send-button" ?disabled=${this.action.busy}>
          ${this.action.busy ? t.sending : t.send}
        </button>
      </form>
      <p id="sign-in-error" class="error" role="alert">${error}</p>
      <p role="status" class="success">${this.action.done}</p>
    `;
  }
}
