/** A session was planned through `<fresk-session-planner>`. */
export type FreskSessionCreatedEvent = CustomEvent<{ sessionId: string; missionId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-session-created': FreskSessionCreatedEvent;
  }
}
