import { FreskDeskRetributionsElement } from './desk-retributions.component.ts';

export { FreskDeskRetributionsElement };
if (!customElements.get('fresk-desk-retributions')) customElements.define('fresk-desk-retributions', FreskDeskRetributionsElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-desk-retributions': FreskDeskRetributionsElement;
  }
}
