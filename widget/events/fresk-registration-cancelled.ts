/** `<fresk-invite cancel-token>` cancelled the participant's registration: the seat is free again. */
export type FreskRegistrationCancelledEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-registration-cancelled': FreskRegistrationCancelledEvent;
  }
}
