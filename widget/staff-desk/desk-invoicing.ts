import { FreskDeskInvoicingElement } from './desk-invoicing.component.ts';

export { FreskDeskInvoicingElement };
if (!customElements.get('fresk-desk-invoicing')) customElements.define('fresk-desk-invoicing', FreskDeskInvoicingElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-desk-invoicing': FreskDeskInvoicingElement;
  }
}
