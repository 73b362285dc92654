import type { SessionInfo } from './layout.ts';
import { kindLabel, where } from './layout.ts';

const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** RFC 5545 text escaping (line breaks become `\n`, other control characters are dropped). */
const icsText = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/([,;])/g, '\\$1').replace(/[\u0000-\u001f\u007f]/g, '');
const utf8 = new TextEncoder();
/**
 * RFC 5545 §3.1 folding: lines of at most 75 octets (UTF-8), continuation lines starting with a space,
 * never splitting a character.
 */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines carry a leading space
    if (octets + n > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** An iCalendar event for a session (UTC times), used by the confirmation email and `/calendar/<id>.ics`. */
export function sessionIcs(opts: { uid: string; session: SessionInfo; organization: string; lang: 'fr' | 'en'; now: number }): string {
  const s = opts.session;
  const summary = `${kindLabel(opts.lang, s.kind)}${s.title ? ` — ${s.title}` : ''} (${opts.organization})`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fresk missions//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${opts.uid}@fresk-missions`,
    `DTSTAMP:${stamp(new Date(opts.now).toISOString())}`,
    `DTSTART:${stamp(s.startsAt)}`,
    `DTEND:${stamp(s.endsAt)}`,
    `SUMMARY:${icsText(summary)}`,
    `LOCATION:${icsText(where(opts.lang, s))}`,
    ...(s.location.mode === 'online' && s.location.url ? [`URL:${icsText(s.location.url)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
