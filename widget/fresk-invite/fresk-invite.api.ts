import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router.ts';

/**
 * The three calls of the public signup form, spoken in tRPC v11's HTTP wire format (API.md, Transport)
 * without @trpc/client: the form makes one call at a time, never batches, and the client with its links
 * was a third of this bundle (≈ 7 KB gzip of ≈ 19 KB). Typed from the router (type-only import), so a
 * server change to these procedures fails to compile here as it would with the tRPC client.
 *
 * - A query by public signup `code` is a GET with `?input=`: a "simple" cross-origin request, without the
 *   CORS preflight round trip a JSON POST costs (150 ms on a slow mobile network). The code is public: it
 *   is the end of the shareable `/signup/<code>` link.
 * - Queries that carry a secret (a personal invitation or a cancellation token) are POSTed (the server
 *   allows tRPC's method override), so the secret stays out of URLs that proxies and CDNs log.
 * - Answers are `{result:{data}}` or `{error:{message, code, data:{code, httpStatus, reason?, fieldErrors?}}}`.
 */
type Inputs = inferRouterInputs<AppRouter>['participants'];
type Outputs = inferRouterOutputs<AppRouter>['participants'];
export type InviteProcedure = 'signupInfo' | 'register' | 'cancel';

/** A failed call: the server's stable `reason` (or `network`, `aborted`), and its field errors if any. */
export class InviteCallError extends Error {
  constructor(
    readonly reason: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(reason);
  }
}

/** The reason of a tRPC error's `data`, as `errorReason` of widget/shared/client.ts reads it for the portal. */
function reasonOf(data: { reason?: string; code?: string } | undefined): string {
  if (!data) return 'network';
  if (data.reason) return data.reason;
  const byCode: Record<string, string> = { UNAUTHORIZED: 'unauthorized', NOT_FOUND: 'not_found', BAD_REQUEST: 'invalid_input' };
  return byCode[data.code ?? ''] ?? 'unknown';
}

/** A caller of the participants' public procedures on the server at `api` (its base URL). */
export function inviteApi(api: string) {
  const base = `${api.replace(/\/+$/, '')}/trpc/participants.`;
  return async <P extends InviteProcedure>(procedure: P, input: Inputs[P], signal?: AbortSignal): Promise<Outputs[P]> => {
    const json = JSON.stringify(input);
    const byGet = procedure === 'signupInfo' && 'code' in input;
    let answer: { result?: { data: Outputs[P] }; error?: { data?: { reason?: string; code?: string; fieldErrors?: Record<string, string[]> } } };
    try {
      const response = await fetch(
        byGet ? `${base}${procedure}?input=${encodeURIComponent(json)}` : base + procedure,
        byGet ? { signal } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: json, signal },
      );
      answer = await response.json();
    } catch (error) {
      throw new InviteCallError(signal?.aborted ? 'aborted' : 'network');
    }
    if (answer?.result) return answer.result.data;
    const data = answer?.error?.data;
    throw new InviteCallError(reasonOf(data), data?.fieldErrors);
  };
}

/** The caller's type, for the element's field. */
export type InviteApi = ReturnType<typeof inviteApi>;
