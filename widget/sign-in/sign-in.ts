import { FreskSignInElement } from './sign-in.component.ts';

export { FreskSignInElement };
if (!customElements.get('fresk-sign-in')) customElements.define('fresk-sign-in', FreskSignInElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-sign-in': FreskSignInElement;
  }
}
