import { Resend } from 'resend';
import type { Rendered } from './emails/index.ts';

/** What the drainer needs from an email provider. */
export interface Mailer {
  send(message: { from: string; to: string } & Rendered, idempotencyKey: string): Promise<MailResult>;
}

export type MailResult =
  | { ok: true; providerId: string }
  | { ok: false; retryable: boolean; message: string; retryAfterMs?: number };

/** Resend through its SDK (RESEND_BASE_URL points it elsewhere, e.g. the tests' fake API). */
export function resendMailer(apiKey: string, baseUrl?: string, timeoutMs = 10_000): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    async send(m, idempotencyKey) {
      const { data, error, headers } = await resend.emails.send(
        {
          from: m.from,
          to: [m.to],
          subject: m.subject,
          html: m.html,
          text: m.text,
          attachments: m.attachments?.map((a) => ({ filename: a.filename, content: btoa(unescape(encodeURIComponent(a.content))), contentType: a.contentType })),
        },
        { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) } as never,
      );
      if (data?.id) return { ok: true, providerId: data.id };
      const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
      const retryAfter = Number(headers?.['retry-after']);
      return {
        ok: false,
        // No status: network error or timeout. 429 and 5xx: the provider asks us to come back.
        retryable: status === null || status === 429 || status >= 500,
        message: `${status ?? 'network'}: ${error?.message ?? 'unknown error'}`.slice(0, 500),
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
      };
    },
  };
}
