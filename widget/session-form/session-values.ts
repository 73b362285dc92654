import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { KINDS } from '../../domain/enums/missions.ts';
import type { LocationMode } from '../../domain/enums/sessions.ts';
import { COMMON_TIME_ZONES, DEFAULT_TIME_ZONE, isTimeZone, zonedInstant, zonedIso, zonedParts } from '../../domain/time.ts';
import { reasonMessage, type Lang } from '../shared/i18n.ts';
import type { Kind, Session } from '../shared/api.ts';
import type { SessionFormMessages } from './session-form.i18n.ts';

// The session form's values and what is derived from them, apart from the element: the form's state from
// a session, the checks made before any call, the input sent to `sessions.create` / `sessions.update`, and
// how a field shows its error.

/** The form's state, as typed (numbers stay text until they are sent). */
export interface Values {
  kind: Kind;
  date: string;
  start: string;
  /** The end's date: follows `date` until it is edited (a session across midnight or over several days). */
  endDate: string;
  endDateEdited: boolean;
  end: string;
  /** An IANA time zone: one of COMMON_TIME_ZONES, or any other typed in `otherZone`. */
  timezone: string;
  otherZone: string;
  mode: LocationMode;
  address: string;
  url: string;
  capacity: string;
  title: string;
  language: 'fr' | 'en';
  extra: boolean;
  extraCount: string;
  coordinatorFacilitates: boolean;
}

export const blank: Values = {
  kind: KINDS[0],
  date: '',
  start: '09:00',
  endDate: '',
  endDateEdited: false,
  end: '12:00',
  timezone: DEFAULT_TIME_ZONE,
  otherZone: '',
  mode: 'onsite',
  address: '',
  url: '',
  capacity: '14',
  title: '',
  language: 'fr',
  extra: false,
  extraCount: '1',
  coordinatorFacilitates: true,
};

export const OTHER_ZONE = 'other';
/** `America/Martinique` → `America / Martinique`: a name that wraps on a phone. */
export const zoneLabel = (tz: string) => tz.replace(/_/g, ' ').replace(/\//g, ' / ');
const isCommonZone = (tz: string) => (COMMON_TIME_ZONES as readonly string[]).includes(tz);

export function valuesOf(s: Session): Values {
  const timezone = s.timezone || DEFAULT_TIME_ZONE;
  const start = zonedParts(s.startsAt, timezone);
  const end = zonedParts(s.endsAt, timezone);
  return {
    kind: s.kind,
    date: start.date,
    start: start.time,
    endDate: end.date,
    endDateEdited: end.date !== start.date,
    end: end.time,
    timezone: isCommonZone(timezone) ? timezone : OTHER_ZONE,
    otherZone: isCommonZone(timezone) ? '' : timezone,
    mode: s.location.mode,
    address: s.location.mode === 'onsite' ? s.location.address : '',
    url: s.location.mode === 'online' ? s.location.url : '',
    capacity: String(s.capacity),
    title: s.title ?? '',
    language: s.language ?? 'fr',
    extra: s.extraFacilitators > 0,
    extraCount: String(Math.max(1, s.extraFacilitators)),
    coordinatorFacilitates: true,
  };
}

/** Which input shows (and takes focus for) a server field error. */
export const inputFor: Record<string, string> = {
  kind: `kind-${KINDS[0]}`,
  startsAt: 'date',
  endsAt: 'end-date',
  timezone: 'timezone',
  'location.address': 'address',
  'location.url': 'url',
  'location.mode': 'mode-onsite',
  capacity: 'capacity',
  extraFacilitators: 'extra-count',
  title: 'title',
  language: 'language',
};

/** The values after one field changed: the end's date follows the start's until it is edited. */
export function withValue<K extends keyof Values>(values: Values, key: K, value: Values[K]): Values {
  const v = { ...values, [key]: value };
  if (key === 'endDate') v.endDateEdited = true;
  else if (key === 'date' && !v.endDateEdited) v.endDate = v.date;
  return v;
}

/** The session's time zone as chosen: a common one, or the one typed under "another zone". */
export function zoneOf(v: Values): string {
  return v.timezone === OTHER_ZONE ? v.otherZone.trim() : v.timezone;
}

/** What is wrong before any call: missing date or time, an unknown zone, an end before the start. */
export function localErrors(v: Values, t: SessionFormMessages, lang: Lang): Record<string, string> {
  const zone = zoneOf(v);
  const errors: Record<string, string> = {};
  if (!v.date) errors.startsAt = t.missingDate;
  else if (!v.start) errors.startsAt = t.missingStart;
  if (!v.endDate) errors.endsAt = t.missingEndDate;
  else if (!v.end) errors.endsAt = t.missingEnd;
  if (!isTimeZone(zone)) errors.timezone = t.fields.timezone;
  else if (!errors.startsAt && !errors.endsAt && zonedInstant(v.endDate, v.end, zone) <= zonedInstant(v.date, v.start, zone)) {
    errors.endsAt = reasonMessage(lang, 'ends_before_start');
  }
  return errors;
}

/** The input of `sessions.create` / `sessions.update` (without the ids). */
export function payloadOf(v: Values) {
  const zone = zoneOf(v);
  const number = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  return {
    kind: v.kind,
    startsAt: zonedIso(v.date, v.start, zone),
    endsAt: zonedIso(v.endDate, v.end, zone),
    timezone: zone,
    location: v.mode === 'onsite' ? { mode: v.mode, address: v.address.trim() } : { mode: v.mode, url: v.url.trim() },
    capacity: number(v.capacity),
    extraFacilitators: v.extra ? number(v.extraCount) : 0,
    language: v.language,
    ...(v.title.trim() ? { title: v.title.trim() } : {}),
  };
}

/** A text, number, date or time input of the form. */
export interface InputOptions {
  id: string;
  label: string;
  value: string;
  /** The field (as the server names it) whose error this input shows: `capacity`, `location.url`, … */
  field: string;
  /** Ids of hints that describe the input too (`hint-tz`). */
  hints?: string[];
  type?: 'text' | 'url' | 'number' | 'date' | 'time';
  inputmode?: 'url' | 'numeric';
  maxlength?: number;
  autocomplete?: string;
  placeholder?: string;
  min?: string;
  /** False for names no dictionary knows (time zones). */
  spellcheck?: false;
  onInput: (value: string) => void;
}

/** How the fields show their errors: the message under a field, its `aria-describedby` and `aria-invalid`. */
export interface FieldErrorsView {
  error(key: string): ReturnType<typeof html> | typeof nothing;
  describedBy(...keys: string[]): ReturnType<typeof ifDefined>;
  invalid(...keys: string[]): 'true' | 'false';
  /** An input described by its hints and its error. */
  input(o: InputOptions): ReturnType<typeof html>;
  /** A labelled input in its `.field`, its hint text below, then its error (unless `error` is false: the row shows it). */
  field(o: InputOptions & { hint?: string; error?: boolean }): ReturnType<typeof html>;
}

export function fieldErrorsView(errors: Record<string, string>): FieldErrorsView {
  const id = (key: string) => `${key.replace('.', '-')}-error`;
  const view: FieldErrorsView = {
    error: (key) => (errors[key] ? html`<p id=${id(key)} class="field-error" part="field-error">${errors[key]}</p>` : nothing),
    describedBy: (...keys) => {
      const ids = keys.map((k) => (k.startsWith('hint') ? k : errors[k] ? id(k) : '')).filter(Boolean);
      return ifDefined(ids.length ? ids.join(' ') : undefined);
    },
    invalid: (...keys) => (keys.some((k) => errors[k]) ? 'true' : 'false'),
    input: (o) => html`<input
      id=${o.id}
      type=${o.type ?? 'text'}
      inputmode=${ifDefined(o.inputmode)}
      maxlength=${ifDefined(o.maxlength)}
      autocomplete=${ifDefined(o.autocomplete)}
      placeholder=${ifDefined(o.placeholder)}
      min=${ifDefined(o.min || undefined)}
      spellcheck=${ifDefined(o.spellcheck === false ? 'false' : undefined)}
      .value=${o.value}
      aria-invalid=${view.invalid(o.field)}
      aria-describedby=${view.describedBy(...(o.hints ?? []), o.field)}
      @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
    />`,
    field: (o) => html`<div class="field">
      <label for=${o.id}>${o.label}</label>
      ${view.input(o)} ${o.hint && o.hints?.[0] ? html`<p id=${o.hints[0]} class="muted">${o.hint}</p>` : nothing}
      ${o.error === false ? nothing : view.error(o.field)}
    </div>`,
  };
  return view;
}
