import { LitElement, html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LocalizeController } from '../shared/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { messages } from './copy-link.i18n.ts';
import styles from './copy-link.styles.ts';

/**
 * @summary A shareable link in a read-only field with a "copy" button. Where the clipboard is refused
 * (an insecure page, a browser policy), the link is selected so the person copies it by hand.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @csspart input - The read-only field holding the link.
 * @csspart copy-button - The copy button.
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
export class FreskCopyLinkElement extends LitElement {
  static override styles = [baseStyles, styles];

  /** The field's visible label. */
  @property() label = '';

  /** The link to share. */
  @property() value = '';

  @state() private status = '';
  @query('input') private input!: HTMLInputElement;

  private readonly localize = new LocalizeController(this, messages);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.status = '';
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value);
      this.status = this.localize.t.copied;
    } catch {
      this.input.focus();
      this.input.select();
      this.status = this.localize.t.selectToCopy;
    }
  }

  protected override render() {
    const t = this.localize.t;
    return html`
      <label for="link">${this.label}</label>
      <div class="row">
        <input id="link" part="input" readonly .value=${this.value} @focus=${() => this.input.select()} />
        <button type="button" part="copy-button" @click=${this.copy}>${t.copy}</button>
      </div>
      <p role="status" class="muted">${this.status}</p>
    `;
  }
}
