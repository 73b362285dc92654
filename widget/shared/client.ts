import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../server/router.ts';

/** The typed tRPC client every element uses. Only types come from the server: no server code is bundled. */
export type FreskClient = ReturnType<typeof createFreskClient>;

/**
 * Creates a client for the server at `api` (its base URL, e.g. `https://missions.example.org`).
 * `getToken` is read on every request so a host page can swap the JWT without re-creating the client.
 */
export function createFreskClient(api: string, getToken: () => string | undefined = () => undefined) {
  const base = api.replace(/\/+$/, '');
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        // Queries go as POST too: invitation, cancellation and signup secrets stay out of URLs that
        // proxies, CDNs and browser history keep (the server allows tRPC's method override).
        methodOverride: 'POST',
        // The server refuses batches of more than 20 calls.
        maxItems: 20,
        headers() {
          const token = getToken();
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

/** The stable `data.reason` of a server error (`session_full`, …), or a transport-level reason. */
export function errorReason(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { reason?: string; code?: string } | undefined;
    if (data?.reason) return data.reason;
    if (data?.code === 'UNAUTHORIZED') return 'unauthorized';
    if (data?.code === 'NOT_FOUND') return 'not_found';
    if (data?.code === 'BAD_REQUEST') return 'invalid_input';
    if (!data) return 'network';
  }
  if (error instanceof DOMException && error.name === 'AbortError') return 'aborted';
  return 'unknown';
}

/** Field errors of a BAD_REQUEST answer, keyed by input field (`capacity`, `location.url`, …). */
export function fieldErrors(error: unknown): Record<string, string[]> {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string[]> } | undefined;
    return data?.fieldErrors ?? {};
  }
  return {};
}

/** Extra data a reason carries (e.g. `nextAllowedAt` for `retributions_already_requested_this_month`). */
export function errorData(error: unknown): Record<string, unknown> {
  return error instanceof TRPCClientError ? ((error.data as Record<string, unknown>) ?? {}) : {};
}
