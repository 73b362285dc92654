/** An invitation was sent again from the list of invitations (the previous link is revoked); `detail.email` is the address. */
export type FreskInvitationResentEvent = CustomEvent<{ email: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-invitation-resent': FreskInvitationResentEvent;
  }
}
