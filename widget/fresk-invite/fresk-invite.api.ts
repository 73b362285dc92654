import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router.ts';
import type { Kind } from '../../domain/enums/missions.ts';
import type { LocationMode } from '../../domain/enums/sessions.ts';

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

/** The reason of a failed call (the caller below throws nothing else). */
export const failureReason = (error: unknown) => (error instanceof InviteCallError ? error.reason : 'unknown');

/** Reasons after which registering cannot succeed: the form gives way to the reason. */
export const finalReasons = new Set(['session_full', 'session_cancelled', 'session_ended', 'mission_closed', 'invalid_token']);
/** Reasons worth a "try again" button when the session itself could not be loaded. */
export const transientReasons = new Set(['network', 'rate_limited', 'database_unavailable', 'unknown']);

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

/** What `participants.signupInfo` answers and this element shows (API.md, issue 4). */
export interface SignupInfo {
  session: {
    kind: Kind;
    title?: string | null;
    startsAt: string;
    endsAt: string;
    location: { mode: LocationMode; address?: string | null; url?: string | null };
    language?: string;
    timezone?: string | null;
  };
  organization: { name: string };
  seatsLeft: number;
  open: boolean;
  reason?: string | null;
  email?: string | null;
  waitlist?: { open: boolean; count: number };
  registration?: { status?: string };
}

/** The caller's type, for the element's field. */
export type InviteApi = ReturnType<typeof inviteApi>;
