import { FreskSessionFacilitatorsElement } from './session-facilitators.component.ts';

export { FreskSessionFacilitatorsElement };
if (!customElements.get('fresk-session-facilitators')) customElements.define('fresk-session-facilitators', FreskSessionFacilitatorsElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-session-facilitators': FreskSessionFacilitatorsElement;
  }
}
