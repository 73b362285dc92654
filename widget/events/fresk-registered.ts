/** `<fresk-invite>` registered the participant: the seat is theirs and a confirmation email is on its way. */
export type FreskRegisteredEvent = CustomEvent<{ registrationId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-registered': FreskRegisteredEvent;
  }
}
