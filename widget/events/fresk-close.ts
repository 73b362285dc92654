/** The person dismissed `<fresk-session-planner>` (its close button or Escape). */
export type FreskCloseEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'fresk-close': FreskCloseEvent;
  }
}
