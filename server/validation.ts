import { z } from 'zod';
import { ATTENDANCES, FACILITATOR_STATUSES, KINDS, LANGUAGES, OF_FILTERS, REQUEST_STATUSES, SECTORS, SESSION_LINKS } from '../domain/enums/index.ts';

/**
 * Input rules of API.md, shared by every router: strict ISO 8601 instants with an offset, real emails,
 * http(s) URLs, and the size bounds. Messages are plain English; widgets localise by field name.
 */
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Parses an ISO 8601 date-time with an offset, or returns null for anything else (impossible dates too). */
export function parseInstant(value: string): number | null {
  const m = ISO_RE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', z, oh, om] = m;
  const year = +y, month = +mo, day = +d, hour = +h, minute = +mi, second = +s;
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  let offset = 0;
  if (z !== 'Z') {
    if (+oh > 14 || +om > 59) return null;
    offset = (z[0] === '-' ? -1 : 1) * (+oh * 60 + +om);
  }
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

export const instant = z
  .string()
  .max(40)
  .refine((v) => parseInstant(v) !== null, 'Must be an ISO 8601 date-time with an offset, e.g. 2027-03-04T09:00:00+01:00');

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
/** True for a plausible single email address (no display names, no lists). */
export const isEmail = (v: string) => v.length <= 254 && EMAIL_RE.test(v) && !/[\u0000-\u001f\u007f]/.test(v);

export const email = z
  .string()
  .trim()
  .max(254, 'At most 254 characters')
  .refine(isEmail, 'Must be an email address')
  .transform((v) => v.toLowerCase());

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK = /[\r\n\t\u2028\u2029]/;
/**
 * Free text: trimmed, bounded, not empty, no control characters. Single-line unless `multiline` (an
 * address may span lines; a name or title goes into email subjects and must not).
 */
export const text = (max: number, opts: { multiline?: boolean } = {}) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine((v) => !CONTROL.test(v) && (opts.multiline || !LINE_BREAK.test(v)), opts.multiline ? 'Contains control characters' : 'Must be a single line without control characters');

/** Something that reads as a link: a scheme, `www.`, or a host name on a common top-level domain. */
const LINK_LIKE = /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|[a-z0-9-]+\.(?:com|net|org|fr|io|info|biz|ru|xyz|co|me|ly|link|app|site|online|top|click|be|de|eu|ch|uk|us|tk|cn)\b|\/\//i;
/** True when `v` can be a person's name: no link, no `@`, no control character (API.md, "a name is a name"). */
export const isPersonName = (v: string) =>
  // Length first: the pattern backtracks on long runs, and an over-long name is refused by its bound anyway.
  v.length <= 200 && !v.includes('@') && !LINK_LIKE.test(v) && !CONTROL.test(v) && !LINE_BREAK.test(v);

/**
 * A person's name: bounded, single line, and never a carrier for a link or an address — it is printed in
 * emails the association sends, so it must not be able to pass for the association's message.
 */
export const personName = text(120).refine(isPersonName, 'Must be a name: no link, no @, no control character');

export const httpUrl = z
  .string()
  .trim()
  .max(500, 'At most 500 characters')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
    } catch {
      return false;
    }
  }, 'Must be an http(s) URL');

export const id = z.string().min(1).max(100);

/** A period `[from, to)` of instants, `to` after `from`; parsed to epoch milliseconds. */
export const instantRange = z
  .object({ from: instant, to: instant })
  .transform(({ from, to }) => ({ from: parseInstant(from)!, to: parseInstant(to)! }))
  .refine(({ from, to }) => to > from, { message: 'Must be after from', path: ['to'] });
export const token = z.string().min(1).max(200);
// The contract's enumerations, from their one list in domain/enums/.
export const kind = z.enum(KINDS);
export const sector = z.enum(SECTORS);
export const facilitatorStatus = z.enum(FACILITATOR_STATUSES);
export const language = z.enum(LANGUAGES);
export const attendance = z.enum(ATTENDANCES);
export const sessionLink = z.enum(SESSION_LINKS);
export const ofFilter = z.enum(OF_FILTERS);
export const requestStatus = z.enum(REQUEST_STATUSES);

/** Time zones the session may be shown in: any IANA name the runtime knows. */
export const timezone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');

export const location = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('onsite'), address: text(500, { multiline: true }) }),
  z.object({ mode: z.literal('online'), url: httpUrl }),
]);

/** An invite list: up to 100 strings; each is checked one by one so one bad address refuses only itself. */
export const emailList = z.array(z.string().max(1000)).min(1, 'At least one address').max(100, 'At most 100 addresses');
