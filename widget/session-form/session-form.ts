import { FreskSessionFormElement } from './session-form.component.ts';

export { FreskSessionFormElement };
if (!customElements.get('fresk-session-form')) customElements.define('fresk-session-form', FreskSessionFormElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-session-form': FreskSessionFormElement;
  }
}
