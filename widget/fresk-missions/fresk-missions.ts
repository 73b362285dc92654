import { FreskMissionsElement } from './fresk-missions.component.ts';

export { FreskMissionsElement };
if (!customElements.get('fresk-missions')) customElements.define('fresk-missions', FreskMissionsElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-missions': FreskMissionsElement;
  }
}
