/** A session changed: its form was saved, or its facilitators or participants changed. */
export type FreskSessionUpdatedEvent = CustomEvent<{ sessionId: string; missionId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-session-updated': FreskSessionUpdatedEvent;
  }
}
