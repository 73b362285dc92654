import { FreskCopyLinkElement } from './copy-link.component.ts';

export { FreskCopyLinkElement };
if (!customElements.get('fresk-copy-link')) customElements.define('fresk-copy-link', FreskCopyLinkElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-copy-link': FreskCopyLinkElement;
  }
}
