import { FreskMissionDashboardElement } from './mission-dashboard.component.ts';

export { FreskMissionDashboardElement };
if (!customElements.get('fresk-mission-dashboard')) customElements.define('fresk-mission-dashboard', FreskMissionDashboardElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-mission-dashboard': FreskMissionDashboardElement;
  }
}
