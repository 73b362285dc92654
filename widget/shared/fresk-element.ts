import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { ActionController } from './action.ts';
import { createFreskClient, errorData, errorReason, type FreskClient } from './client.ts';
import { freskClientContext, type FreskConnection } from './context.ts';
import { emit } from './emit.ts';
import '../events/fresk-auth-required.ts';

/**
 * What every portal element shares: the API client. It comes from a `<fresk-token>` (or an outer Fresk
 * element) above; with none above, the element builds it from its own `api` and `token` attributes. Either
 * way the element provides it to the elements it renders, so the client is set up once per page region.
 * A new token gives a new client, so tasks that take the client as an argument load again by themselves.
 */
export class FreskElement extends LitElement {
  /** Base URL of the Fresk server, e.g. `https://missions.example.org`; only needed without a `<fresk-token>` around. */
  @property() api?: string;

  /** The signed-in person's JWT, minted by the host page; only needed without a `<fresk-token>` around. */
  @property() token?: string;

  /** Runs this element's actions: `busy`, the refusal's `reason`, `retry()`; UNAUTHORIZED goes through `failed`. */
  protected readonly action = new ActionController(this, (error) => this.failed(error));

  private own?: FreskConnection;
  private readonly upstream = new ContextConsumer(this, { context: freskClientContext, subscribe: true });
  private readonly provider = new ContextProvider(this, { context: freskClientContext });

  /** The client and token this element uses, or `undefined` when nothing says where the server is. */
  protected get connection(): FreskConnection | undefined {
    return this.upstream.value ?? this.own;
  }

  /** The client this element calls the server with, or `undefined` when nothing says where the server is. */
  protected get client(): FreskClient | undefined {
    return this.connection?.client;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('api') || changed.has('token')) {
      const token = this.token || undefined;
      this.own = this.api ? { client: createFreskClient(this.api, () => token), token } : undefined;
    }
    this.provider.setValue(this.connection);
  }

  /**
   * A load that runs once there is a client and a `key` (a mission's id, a token…), and again whenever
   * either changes; a refused token announces `fresk-auth-required`. Render it with `task.render(…)`.
   */
  protected loadTask<K, T>(key: () => K | undefined, load: (client: FreskClient, key: K, signal: AbortSignal) => Promise<T>) {
    return new Task(this, {
      task: async ([client, k], { signal }) => (client && k ? load(client, k, signal) : initialState),
      args: () => [this.client, key()] as const,
      onError: (e) => void this.failed(e),
    });
  }

  /** The stable reason of a failed call (`session_full`, `unauthorized`, `network`, …). */
  protected reasonOf(error: unknown): string {
    const reason = errorReason(error);
    // A new token would not help: the person must see why (staff link the accounts).
    if (reason === 'identity_conflict') return reason;
    return errorData(error).code === 'UNAUTHORIZED' ? 'unauthorized' : reason;
  }

  /**
   * Notes a failed call and returns its reason; when the server refused the token, announces
   * `fresk-auth-required` so the host page can mint a new one.
   */
  protected failed(error: unknown): string {
    const reason = this.reasonOf(error);
    if (reason === 'unauthorized') emit(this, 'fresk-auth-required', { reason: 'unauthorized' });
    return reason;
  }
}
