import { FreskInvite } from './fresk-invite.component.ts';

export { FreskInvite };
export type { FreskRegisteredEvent, FreskRegistrationCancelledEvent, SignupInfo } from './fresk-invite.component.ts';

// Guarded: a page may load the bundle twice (a theme and a plugin, or an SPA re-running its scripts).
if (!customElements.get('fresk-invite')) customElements.define('fresk-invite', FreskInvite);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-invite': FreskInvite;
  }
}
