/** Dispatches a typed `fresk-*` event that bubbles out of shadow roots to the host page. */
export function emit<K extends keyof GlobalEventHandlersEventMap>(
  el: HTMLElement,
  name: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  el.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
