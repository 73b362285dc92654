/** A session was cancelled by its coordinator. */
export type FreskSessionCancelledEvent = CustomEvent<{ sessionId: string; missionId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-session-cancelled': FreskSessionCancelledEvent;
  }
}
