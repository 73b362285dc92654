/**
 * The typed client for TypeScript integrators: `createFreskClient({ url, token })` over `@trpc/client`,
 * with the router's types (built to dist/client/ by `npm run build`; docs/integration.md shows it in use).
 * Only types come from the server.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/router.ts';

export type { AppRouter };
/** Inputs of every procedure, e.g. `FreskInputs['sessions']['create']`. */
export type FreskInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `FreskOutputs['missions']['get']`. */
export type FreskOutputs = inferRouterOutputs<AppRouter>;

export interface FreskClientOptions {
  /** The server's base URL, e.g. `https://missions.example.org`. */
  url: string;
  /** The HS256 JWT (API.md "Identity"), or a function read before each request (to swap an expiring token). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

/** A client of the whole API: `await client.missions.list.query({})`, `await client.sessions.create.mutate({…})`. */
export function createFreskClient(options: FreskClientOptions) {
  const { token } = options;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        fetch: options.fetch,
        async headers() {
          const value = typeof token === 'function' ? await token() : token;
          return value ? { Authorization: `Bearer ${value}` } : {};
        },
      }),
    ],
  });
}

export type FreskClient = ReturnType<typeof createFreskClient>;

/** The stable `error.data.reason` of a failed call (`session_full`, `invalid_token`, …), if the server gave one. */
export function freskReason(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? ((error.data as { reason?: string } | undefined)?.reason ?? undefined) : undefined;
}
