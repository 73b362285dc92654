/**
 * The few members of the workerd test modules these tests use, declared here so the repository's Node
 * type check (`tsc -p .`, DOM lib, no @cloudflare/workers-types) accepts test/worker/*.test.ts.
 * The full declarations: @cloudflare/vitest-pool-workers/types.
 */
declare module 'cloudflare:test' {
  import type { ScheduledEventLike, WorkerContext } from '../../server/bindings.ts';
  export function createExecutionContext(): WorkerContext;
  export function waitOnExecutionContext(ctx: WorkerContext): Promise<void>;
  export function createScheduledController(options?: { scheduledTime?: Date | number; cron?: string }): ScheduledEventLike;
}

declare module 'cloudflare:workers' {
  /** The Worker's bindings, as wrangler.toml and vitest.config.ts set them. */
  export const env: import('../../server/bindings.ts').Bindings & { CONTROL_URL: string };
  /** The `main` Worker's exports, called through the runtime (assets, bindings and all). */
  export const exports: { default: { fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> } };
}
