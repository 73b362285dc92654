import { FreskTokenElement } from './fresk-token.component.ts';

export { FreskTokenElement };
if (!customElements.get('fresk-token')) customElements.define('fresk-token', FreskTokenElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-token': FreskTokenElement;
  }
}
