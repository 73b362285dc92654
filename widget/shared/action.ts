import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { errorReason } from './client.ts';

/**
 * One way to run an action (a mutation, a send): `busy` while it runs, the refusal's stable `reason`
 * once it failed, `retry()` to run the last one again. Loads go through `@lit/task`; actions go through
 * this. The host re-renders on every change; the view says what happened in its own words.
 *
 * `failed` turns an error into its reason: portal elements pass their `this.failed(e)`, which also
 * announces `fresk-auth-required` when the server refused the token.
 */
export class ActionController implements ReactiveController {
  /** True while an action runs; a second one is refused meanwhile (a double click sends once). */
  busy = false;
  /** The stable reason of the last action's refusal (`session_full`, `network`, …); empty once one succeeds or starts. */
  reason = '';
  /** What the last action did, in words (the `done` text given to `run`); empty until one succeeds. */
  done = '';
  /** The last refusal itself, for what a reason carries (field errors, `nextAllowedAt`, …). */
  error: unknown = undefined;

  private last?: () => Promise<unknown>;
  private lastDone: string | (() => string) = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly failed: (error: unknown) => string = errorReason,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Runs `fn`; once it succeeded, `done` is the text to announce (or makes it from what `fn` did). Answers true when it succeeded, false
   * when it was refused (or another action was running).
   */
  async run(fn: () => Promise<unknown>, done: string | (() => string) = ''): Promise<boolean> {
    if (this.busy) return false;
    this.last = fn;
    this.lastDone = done;
    this.busy = true;
    this.clear();
    try {
      await fn();
      this.done = typeof done === 'function' ? done() : done;
      return true;
    } catch (error) {
      this.error = error;
      this.reason = this.failed(error);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Runs the last action again (after a network failure, say). */
  retry(): Promise<boolean> {
    return this.last ? this.run(this.last, this.lastDone) : Promise.resolve(false);
  }

  /** Announces something done without a call (a download, say), forgetting the last refusal. */
  announce(done: string): void {
    this.clear();
    this.done = done;
  }

  /** Forgets the last outcome, refusal or success. */
  clear(): void {
    this.done = '';
    this.reason = '';
    this.error = undefined;
    this.host.requestUpdate();
  }
}
