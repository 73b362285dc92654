/** Building blocks shared by the email templates: escaping, the HTML frame, session details, links. */
import { KIND_LABELS, LOCATION_MODE_LABELS, type Kind, type Lang, type LocationMode } from '../../domain/enums/index.ts';
import { dateFormat } from '../../domain/time.ts';

export type { Lang };

export interface SessionInfo {
  kind: Kind;
  title?: string | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  location: { mode: LocationMode; address?: string | null; url?: string | null };
}

/** What a message about one session carries to describe it. */
export interface AboutSession {
  session: SessionInfo;
  organizationName: string;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** Text attachments are strings (sent as UTF-8); binary ones (the attestation PDF) are bytes. */
  attachments?: { filename: string; content: string | Uint8Array; contentType: string }[];
}

/** What a template may use besides its data: links rendered at send time, from FRESK_APP_URL only. */
export interface RenderContext {
  appUrl: string;
  /** The secret of a token id, recomputed from the server secret. */
  secret(tokenId: string): Promise<string>;
  /** The sender's address, named as the calendar files' ORGANIZER. */
  organizer?: string;
  /** The recipient's address, named as ATTENDEE in a cancellation's calendar file. */
  recipient?: string;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ESC[c]);

/** Only http(s) URLs from data become links. */
export const safeUrl = (u: string | null | undefined) => (u && /^https?:\/\//i.test(u) ? u : null);

/** "Label : value" in French typography, "Label: value" in English. */
export const colon = (lang: Lang) => (lang === 'fr' ? ' : ' : ': ');

export const kindLabel = (lang: Lang, kind: Kind) => KIND_LABELS[lang][kind];

/** "mardi 4 mars 2027, 09:00 – 12:00 (heure de Paris)" in the reader's language and the session's zone. */
export function when(lang: Lang, s: SessionInfo): string {
  const day = dateFormat(lang, { dateStyle: 'full', timeZone: s.timezone }).format(new Date(s.startsAt));
  const time = dateFormat(lang, { timeStyle: 'short', timeZone: s.timezone });
  return `${day}, ${time.format(new Date(s.startsAt))} – ${time.format(new Date(s.endsAt))} (${s.timezone})`;
}

export function where(lang: Lang, s: SessionInfo): string {
  if (s.location.mode === 'online') return `${LOCATION_MODE_LABELS[lang].online}${colon(lang)}${s.location.url ?? ''}`;
  return s.location.address ?? '';
}

/** Session details as text lines and as an HTML list. */
export function sessionBlock(lang: Lang, s: SessionInfo, organization: string): { text: string; html: string } {
  const rows: [string, string, string | null][] = [
    [lang === 'fr' ? 'Session' : 'Session', `${kindLabel(lang, s.kind)}${s.title ? ` — ${s.title}` : ''}`, null],
    [lang === 'fr' ? 'Date' : 'Date', when(lang, s), null],
    [lang === 'fr' ? 'Lieu' : 'Place', where(lang, s), s.location.mode === 'online' ? safeUrl(s.location.url) : null],
    [lang === 'fr' ? 'Client' : 'Client', organization, null],
  ];
  return {
    text: rows.map(([k, v]) => `${k}${colon(lang)}${v}`).join('\n'),
    html: `<ul>${rows
      .map(([k, v, href]) => `<li><strong>${esc(k)}</strong>${colon(lang)}${href ? `<a href="${esc(href)}">${esc(v)}</a>` : esc(v)}</li>`)
      .join('')}</ul>`,
  };
}

/** Wraps paragraphs (already-escaped HTML) in a minimal, accessible email frame. */
export function frame(lang: Lang, title: string, bodyHtml: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem">` +
    `${bodyHtml}<p style="color:#555;font-size:.9em">Fresk missions</p></body></html>`;
}

export const button = (href: string, label: string) =>
  `<p><a href="${esc(href)}" style="display:inline-block;padding:.6em 1.2em;background:#0b5a3c;color:#fff;border-radius:6px;text-decoration:none">${esc(label)}</a></p>`;

/** The one call to action of a message: a button, or a sentence ending with an inline link (`lead`). */
type Action = { link: string; cta: string; lead?: string };

/**
 * The shape most messages share, text and HTML from the same parts: paragraphs, the session's details
 * (when about a session), one call to action, and closing notes.
 */
export function message(
  lang: Lang,
  subject: string,
  parts: { paragraphs: string[]; details?: { text: string; html: string }; action: Action; notes?: string[] },
): Rendered {
  const { paragraphs, details, action, notes = [] } = parts;
  const text = [...paragraphs, ...(details ? [details.text] : [])].join('\n\n');
  const actionText = action.lead ? `${action.lead} ${action.link}` : `${action.cta}${colon(lang)}${action.link}`;
  const actionHtml = action.lead ? `<p>${esc(action.lead)} <a href="${esc(action.link)}">${esc(action.cta)}</a></p>` : button(action.link, action.cta);
  return {
    subject,
    text: `${text}\n\n${actionText}\n${notes.map((n) => `${n}\n`).join('')}`,
    html: frame(lang, subject, `${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}${details?.html ?? ''}${actionHtml}${notes.map((n) => `<p>${esc(n)}</p>`).join('')}`),
  };
}
