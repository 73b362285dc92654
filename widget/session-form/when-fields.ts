import { html, nothing } from 'lit';
import { COMMON_TIME_ZONES } from '../../domain/time.ts';
import { viewerTimeZone } from '../shared/time.ts';
import { OTHER_ZONE, zoneLabel, zoneOf, type FieldErrorsView, type Values } from './session-values.ts';
import type { SessionFormMessages } from './session-form.i18n.ts';

type Set = <K extends keyof Values>(key: K, value: Values[K]) => void;

/**
 * The session form's "when": start date and time, end date and time (a session may cross midnight or last
 * several days), and the time zone they are read in — a common one or any other IANA name — with a hint
 * that says how the times read where the coordinator is. Each row's error shows under the row.
 */
export function whenFields(v: Values, t: SessionFormMessages, f: FieldErrorsView, set: Set) {
  const tz = ['hint-tz'];
  return html`<div class="row">
      ${f.field({ id: 'date', label: t.date, value: v.date, field: 'startsAt', type: 'date', error: false, onInput: (x) => set('date', x) })}
      ${f.field({ id: 'start', label: t.start, value: v.start, field: 'startsAt', type: 'time', hints: tz, error: false, onInput: (x) => set('start', x) })}
    </div>
    ${f.error('startsAt')}
    <div class="row">
      ${f.field({ id: 'end-date', label: t.endDate, value: v.endDate, field: 'endsAt', type: 'date', min: v.date, error: false, onInput: (x) => set('endDate', x) })}
      ${f.field({ id: 'end', label: t.end, value: v.end, field: 'endsAt', type: 'time', hints: tz, error: false, onInput: (x) => set('end', x) })}
    </div>
    ${f.error('endsAt')}
    <div class="row">
      <div class="field">
        <label for="timezone">${t.timezone}</label>
        <select
          id="timezone"
          aria-invalid=${f.invalid('timezone')}
          aria-describedby=${f.describedBy('hint-tz', 'timezone')}
          @change=${(e: Event) => set('timezone', (e.target as HTMLSelectElement).value)}
        >
          ${COMMON_TIME_ZONES.map((zone) => html`<option value=${zone} ?selected=${v.timezone === zone}>${zoneLabel(zone)}</option>`)}
          <option value=${OTHER_ZONE} ?selected=${v.timezone === OTHER_ZONE}>${t.otherZone}</option>
        </select>
      </div>
      ${v.timezone === OTHER_ZONE
        ? f.field({
            id: 'other-zone',
            label: t.otherZoneName,
            value: v.otherZone,
            field: 'timezone',
            autocomplete: 'off',
            spellcheck: false,
            maxlength: 64,
            placeholder: 'America/Montreal',
            error: false,
            onInput: (x) => set('otherZone', x),
          })
        : nothing}
    </div>
    <p id="hint-tz" class="muted">${t.timeZoneHint(zoneOf(v), viewerTimeZone())}</p>
    ${f.error('timezone')}`;
}
