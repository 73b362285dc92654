import { FreskEmailInvitesElement } from './email-invites.component.ts';

export { FreskEmailInvitesElement };
if (!customElements.get('fresk-email-invites')) customElements.define('fresk-email-invites', FreskEmailInvitesElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-email-invites': FreskEmailInvitesElement;
  }
}
