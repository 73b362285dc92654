import type { SessionInfo } from './layout.ts';
import { kindLabel, where } from './layout.ts';

const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** RFC 5545 text escaping, and folding of long lines at 73 octets-ish (characters here). */
const icsText = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1').replace(/[\u0000-\u001f]/g, '');
const fold = (line: string) => line.match(/.{1,73}/gu)?.join('\r\n ') ?? line;

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
