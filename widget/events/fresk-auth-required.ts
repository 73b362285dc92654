/**
 * A call answered UNAUTHORIZED (`unauthorized`), or the token's `exp` has passed while the page was open
 * (`expired`): the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 */
export type FreskAuthRequiredEvent = CustomEvent<{ reason: 'unauthorized' | 'expired' }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-auth-required': FreskAuthRequiredEvent;
  }
}
