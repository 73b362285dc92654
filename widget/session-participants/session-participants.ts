import { FreskSessionParticipantsElement } from './session-participants.component.ts';

export { FreskSessionParticipantsElement };
if (!customElements.get('fresk-session-participants')) customElements.define('fresk-session-participants', FreskSessionParticipantsElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-session-participants': FreskSessionParticipantsElement;
  }
}
