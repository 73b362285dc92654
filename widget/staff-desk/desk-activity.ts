import { FreskDeskActivityElement } from './desk-activity.component.ts';

export { FreskDeskActivityElement };
if (!customElements.get('fresk-desk-activity')) customElements.define('fresk-desk-activity', FreskDeskActivityElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-desk-activity': FreskDeskActivityElement;
  }
}
