import { FreskDeskMissionsElement } from './desk-missions.component.ts';

export { FreskDeskMissionsElement };
if (!customElements.get('fresk-desk-missions')) customElements.define('fresk-desk-missions', FreskDeskMissionsElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-desk-missions': FreskDeskMissionsElement;
  }
}
