/** The coordinator opened a mission's dashboard (`missionId`) or went back to the list (`null`): a host can mirror it in its URL. */
export type FreskMissionSelectedEvent = CustomEvent<{ missionId: string | null }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-mission-selected': FreskMissionSelectedEvent;
  }
}
