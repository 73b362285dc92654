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
 * @csspart input - The read-only field holding the link.
 * @csspart copy-button - The copy button.
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
