import { LitElement, html, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { createFreskClient } from '../shared/client.ts';
import { freskClientContext } from '../shared/context.ts';

/**
 * @summary Provides the Fresk API client, built from the server URL and the signed-in person's token, to
 * every Fresk element inside it.
 *
 * The host page mints the JWT for its logged-in user and sets it here once. When a call is refused, the
 * element that made it emits `fresk-auth-required`, which bubbles to the page: set a fresh `token` and
 * the elements inside load again.
 *
 * @slot - The Fresk elements that use this server and token.
 */
export class FreskTokenElement extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the Fresk server, e.g. `https://missions.example.org`. */
  @property() api?: string;

  /** The signed-in person's JWT (HS256, with `exp`), minted by the host page. */
  @property() token?: string;

  private readonly provider = new ContextProvider(this, { context: freskClientContext });

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('api') || changed.has('token')) {
      const token = this.token || undefined;
      this.provider.setValue(this.api ? { client: createFreskClient(this.api, () => token), token } : undefined);
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
