import { FreskInvitationListElement } from './invitation-list.component.ts';

export { FreskInvitationListElement };
if (!customElements.get('fresk-invitation-list')) customElements.define('fresk-invitation-list', FreskInvitationListElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-invitation-list': FreskInvitationListElement;
  }
}
