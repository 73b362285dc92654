/**
 * Loads an element's module once the document holds that element (now or later), for elements a host
 * page may write itself but whose code is a chunk loaded on demand. Elements rendered inside a shadow root
 * are not seen here: the view rendering them loads them (shared/on-demand.ts).
 */
export function defineWhenUsed(tag: string, load: () => Promise<unknown>): void {
  if (typeof document === 'undefined' || customElements.get(tag)) return;
  const found = () => document.getElementsByTagName(tag).length > 0;
  const start = () => void load().catch((e: unknown) => console.error(`[fresk] ${tag}:`, e));
  if (found()) return start();
  // getElementsByTagName is live and cheap; the observer only looks at light-DOM additions.
  const observer = new MutationObserver(() => {
    if (customElements.get(tag)) return observer.disconnect();
    if (!found()) return;
    observer.disconnect();
    start();
  });
  observer.observe(document, { childList: true, subtree: true });
}
