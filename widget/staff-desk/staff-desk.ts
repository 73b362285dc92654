import { FreskStaffDeskElement } from './staff-desk.component.ts';

export { FreskStaffDeskElement };
if (!customElements.get('fresk-staff-desk')) customElements.define('fresk-staff-desk', FreskStaffDeskElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-staff-desk': FreskStaffDeskElement;
  }
}
