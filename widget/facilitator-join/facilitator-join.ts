import { FreskFacilitatorJoinElement } from './facilitator-join.component.ts';

export { FreskFacilitatorJoinElement };
if (!customElements.get('fresk-facilitator-join')) customElements.define('fresk-facilitator-join', FreskFacilitatorJoinElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-facilitator-join': FreskFacilitatorJoinElement;
  }
}
