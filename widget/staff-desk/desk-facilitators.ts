import { FreskDeskFacilitatorsElement } from './desk-facilitators.component.ts';

export { FreskDeskFacilitatorsElement };
if (!customElements.get('fresk-desk-facilitators')) customElements.define('fresk-desk-facilitators', FreskDeskFacilitatorsElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-desk-facilitators': FreskDeskFacilitatorsElement;
  }
}
