/** The coordinator closed a mission: the association can invoice the client. */
export type FreskMissionClosedEvent = CustomEvent<{ missionId: string; closedAt: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-mission-closed': FreskMissionClosedEvent;
  }
}
