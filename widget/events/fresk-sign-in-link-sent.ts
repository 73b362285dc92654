/** The magic-link form was sent (the server answers the same whether the address is known or not). */
export type FreskSignInLinkSentEvent = CustomEvent<{ email: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-sign-in-link-sent': FreskSignInLinkSentEvent;
  }
}
