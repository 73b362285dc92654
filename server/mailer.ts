import { Resend } from 'resend';
import type { Rendered } from './emails/index.ts';

/** What the drainer needs from an email provider. */
export interface Mailer {
  send(message: { from: string; to: string } & Rendered, idempotencyKey: string): Promise<MailResult>;
  /** The longest one `send` may take; the drainer leases a message a little longer than this. */
  readonly timeoutMs?: number;
}

export type MailResult =
  /** Sent. `providerId` is null when the provider says it already sent this message under this key. */
  | { ok: true; providerId: string | null; note?: string }
  | { ok: false; retryable: boolean; message: string; retryAfterMs?: number };

/** `retry-after` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds from now. */
export function parseRetryAfter(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/**
 * Whether a failed send may succeed later. No status: network error or timeout. 429 and 5xx: the provider
 * asks us to come back. 409 `concurrent_idempotent_requests`: the same key is still being processed
 * (e.g. after a timeout); Resend documents it as safe to retry. Any other 4xx is permanent.
 */
function retryable(status: number | null, name: string | undefined): boolean {
  if (status === null) return true;
  if (status === 429 || status >= 500) return true;
  return status === 409 && name === 'concurrent_idempotent_requests';
}

/** Resend through its SDK (RESEND_BASE_URL points it elsewhere, e.g. the tests' fake API). */
export function resendMailer(apiKey: string, baseUrl?: string, timeoutMs = 10_000): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    timeoutMs,
    async send(m, idempotencyKey) {
      const { data, error, headers } = await resend.emails.send(
        {
          from: m.from,
          to: [m.to],
          subject: m.subject,
          html: m.html,
          text: m.text,
          // UTF-8 bytes; the SDK sends binary content as base64 (on Node and Workers alike).
          attachments: m.attachments?.map((a) => ({ filename: a.filename, content: typeof a.content === 'string' ? new TextEncoder().encode(a.content) : a.content, contentType: a.contentType })),
        },
        // The SDK passes `signal` on to fetch; a timeout comes back as an error without a status.
        { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (data?.id) return { ok: true, providerId: data.id };
      const err = error as { statusCode?: number | null; name?: string; message?: string } | null;
      const status = typeof err?.statusCode === 'number' ? err.statusCode : null;
      if (status === 409 && err?.name === 'invalid_idempotent_request') {
        // Resend keeps a key for 24 hours once an email was sent with it: this message already went out
        // (an earlier attempt whose answer was lost, rendered slightly differently, e.g. after a deploy).
        // Sending it again under a new key would double it.
        return { ok: true, providerId: null, note: `409: ${err.message ?? 'idempotency key already used'} (already sent under this key)`.slice(0, 500) };
      }
      return {
        ok: false,
        retryable: retryable(status, err?.name),
        message: `${status ?? 'network'}: ${err?.message ?? 'unknown error'}`.slice(0, 500),
        retryAfterMs: parseRetryAfter(headers?.['retry-after']),
      };
    },
  };
}
