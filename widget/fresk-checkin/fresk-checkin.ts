import { FreskCheckIn } from './fresk-checkin.component.ts';

export { FreskCheckIn };

if (!customElements.get('fresk-checkin')) customElements.define('fresk-checkin', FreskCheckIn);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-checkin': FreskCheckIn;
  }
}
