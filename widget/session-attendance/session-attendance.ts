import { FreskSessionAttendanceElement } from './session-attendance.component.ts';

export { FreskSessionAttendanceElement };

if (!customElements.get('fresk-session-attendance')) customElements.define('fresk-session-attendance', FreskSessionAttendanceElement);

declare global {
  interface HTMLElementTagNameMap {
    'fresk-session-attendance': FreskSessionAttendanceElement;
  }
}
