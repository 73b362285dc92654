import type { SessionInfo } from './layout.ts';
import { kindLabel, where } from './layout.ts';

const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** RFC 5545 text escaping (line breaks become `\n`, other control characters are dropped). */
const icsText = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/([,;])/g, '\\$1').replace(/[\u0000-\u001f\u007f]/g, '');
/**
 * RFC 5545 §3.3.13: a URI value is not escaped (`,` and `;` stay as they are, or the link breaks); only
 * characters that cannot appear in a URI at all are dropped.
 */
const icsUri = (v: string) => v.replace(/[\u0000-\u0020\u007f]/g, '');
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

export interface IcsEvent {
  /** The session id: the event's UID, the same in every file about the session. */
  uid: string;
  session: SessionInfo;
  organization: string;
  /** Grows on each change of time, place or status (sessions.sequence). */
  sequence: number;
  cancelled?: boolean;
  /** iTIP (RFC 5546): the sender, and for a cancellation the attendee it is sent to. */
  organizer?: string;
  attendee?: string;
}

const mailto = (address: string) => `mailto:${icsUri(address)}`;

function vevent(e: IcsEvent, lang: 'fr' | 'en', now: number): string[] {
  const s = e.session;
  const summary = `${kindLabel(lang, s.kind)}${s.title ? ` — ${s.title}` : ''} (${e.organization})`;
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}@fresk-missions`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${stamp(new Date(now).toISOString())}`,
    `DTSTART:${stamp(s.startsAt)}`,
    `DTEND:${stamp(s.endsAt)}`,
    `SUMMARY:${icsText(summary)}`,
    `LOCATION:${icsText(where(lang, s))}`,
    ...(s.location.mode === 'online' && s.location.url ? [`URL:${icsUri(s.location.url)}`] : []),
    `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    ...(e.organizer ? [`ORGANIZER;CN=Fresk missions:${mailto(e.organizer)}`] : []),
    ...(e.cancelled && e.organizer && e.attendee ? [`ATTENDEE:${mailto(e.attendee)}`] : []),
    'END:VEVENT',
  ];
}

/** A calendar of events (UTC times): one session's file, or a facilitator's feed. */
export function calendarIcs(opts: { events: IcsEvent[]; lang: 'fr' | 'en'; now: number; method?: 'PUBLISH' | 'CANCEL'; name?: string }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fresk missions//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${opts.method ?? 'PUBLISH'}`,
    ...(opts.name ? [`X-WR-CALNAME:${icsText(opts.name)}`] : []),
    ...opts.events.flatMap((e) => vevent(e, opts.lang, opts.now)),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * An iCalendar file for one session, used by the emails and `/calendar/<id>.ics`. A cancelled session's
 * file says `METHOD:CANCEL` for the same UID, so calendars remove the entry.
 */
export function sessionIcs(opts: {
  uid: string;
  session: SessionInfo;
  organization: string;
  lang: 'fr' | 'en';
  now: number;
  sequence?: number;
  cancelled?: boolean;
  organizer?: string;
  attendee?: string;
}): string {
  return calendarIcs({
    events: [{ uid: opts.uid, session: opts.session, organization: opts.organization, sequence: opts.sequence ?? 0, cancelled: opts.cancelled, organizer: opts.organizer, attendee: opts.attendee }],
    lang: opts.lang,
    now: opts.now,
    method: opts.cancelled ? 'CANCEL' : 'PUBLISH',
  });
}
