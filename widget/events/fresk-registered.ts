/**
 * `<fresk-invite>` registered the participant (`status: 'registered'`: the seat is theirs and a confirmation
 * email is on its way), or put them on the waiting list of a full session (`'waitlisted'`, with `position`).
 */
export type FreskRegisteredEvent = CustomEvent<{ registrationId: string; status: 'registered' | 'waitlisted'; position?: number }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-registered': FreskRegisteredEvent;
  }
}
