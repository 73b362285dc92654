import { FreskSessionPlannerElement } from './session-planner.component.ts';

export { FreskSessionPlannerElement };
if (!customElements.get('fresk-session-planner')) customElements.define('fresk-session-planner', FreskSessionPlannerElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-session-planner': FreskSessionPlannerElement;
  }
}
