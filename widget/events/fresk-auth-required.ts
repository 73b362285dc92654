/** A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`. */
export type FreskAuthRequiredEvent = CustomEvent<{ reason: 'unauthorized' }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-auth-required': FreskAuthRequiredEvent;
  }
}
