import type { ReactiveControllerHost } from 'lit';
import type { Lang } from './i18n.ts';
import { reasonMessage } from './i18n.ts';
import { errorView, loadingView } from './status.ts';

/**
 * An element module loaded the first time a view needs it. In the portal bundle each dynamic `import()`
 * becomes a chunk of its own (widget/build.mjs splits), so the first view does not wait for views a person
 * may never open (the planner's dialog, the staff desk, the sign-in, a facilitator invitation).
 *
 * @example
 * const planner = new OnDemand(() => import('../session-planner/session-planner.ts'));
 * // in render(): planner.render(this, lang, texts, () => html`<fresk-session-planner …>`)
 */
export class OnDemand {
  private state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  private readonly waiting = new Set<ReactiveControllerHost>();
  private settled: Promise<void> = Promise.resolve();

  constructor(private readonly load: () => Promise<unknown>) {}

  /** Starts loading (once, again after a failure); settles when the module is defined or has failed. */
  preload(host?: ReactiveControllerHost): Promise<void> {
    if (host) this.waiting.add(host);
    if (this.state === 'loading' || this.state === 'ready') return this.settled;
    this.state = 'loading';
    return (this.settled = this.load().then(
      () => void (this.state = 'ready'),
      () => void (this.state = 'failed'),
    ).finally(() => {
      for (const h of this.waiting) h.requestUpdate();
      this.waiting.clear();
    }));
  }

  /**
   * The view once its module is defined; until then a polite loading status (the host renders again when
   * the module arrives), or, when the chunk could not be fetched, the network error with a retry.
   */
  render<T>(host: ReactiveControllerHost, lang: Lang, texts: { loading: string; retry: string }, view: () => T) {
    if (this.state === 'ready') return view();
    if (this.state === 'failed') return errorView(reasonMessage(lang, 'network'), texts.retry, () => void this.preload(host));
    void this.preload(host);
    return loadingView(texts.loading);
  }
}
