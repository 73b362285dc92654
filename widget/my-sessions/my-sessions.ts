import { FreskMySessionsElement } from './my-sessions.component.ts';

export { FreskMySessionsElement };
if (!customElements.get('fresk-my-sessions')) customElements.define('fresk-my-sessions', FreskMySessionsElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-my-sessions': FreskMySessionsElement;
  }
}
