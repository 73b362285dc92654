/** The coordinator requested the month's retributions of a mission. */
export type FreskRetributionsRequestedEvent = CustomEvent<{ missionId: string; requestId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-retributions-requested': FreskRetributionsRequestedEvent;
  }
}
