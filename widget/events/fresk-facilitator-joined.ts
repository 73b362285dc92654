/** The signed-in facilitator accepted an invitation and is registered on the session. */
export type FreskFacilitatorJoinedEvent = CustomEvent<{ sessionId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-facilitator-joined': FreskFacilitatorJoinedEvent;
  }
}
