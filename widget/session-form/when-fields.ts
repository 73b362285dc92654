import { html, nothing } from 'lit';
import { COMMON_TIME_ZONES } from '../../domain/time.ts';
import { viewerTimeZone } from '../shared/time.ts';
import { OTHER_ZONE, zoneLabel, zoneOf, type FieldErrorsView, type Values } from './session-values.ts';
import type { SessionFormMessages } from './session-form.i18n.ts';

type Set = <K extends keyof Values>(key: K, value: Values[K]) => void;

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/**
 * The session form's "when": start date and time, end date and time (a session may cross midnight or last
 * several days), and the time zone they are read in — a common one or any other IANA name — with a hint
 * that says how the times read where the coordinator is.
 */
export function whenFields(v: Values, t: SessionFormMessages, f: FieldErrorsView, set: Set) {
  return html`<div class="row">
      <div class="field">
        <label for="date">${t.date}</label>
        <input id="date" type="date" .value=${v.date} aria-invalid=${f.invalid('startsAt')} aria-describedby=${f.describedBy('startsAt')} @input=${(e: Event) => set('date', valueOf(e))} />
      </div>
      <div class="field">
        <label for="start">${t.start}</label>
        <input id="start" type="time" .value=${v.start} aria-invalid=${f.invalid('startsAt')} aria-describedby=${f.describedBy('hint-tz', 'startsAt')} @input=${(e: Event) => set('start', valueOf(e))} />
      </div>
    </div>
    ${f.error('startsAt')}
    <div class="row">
      <div class="field">
        <label for="end-date">${t.endDate}</label>
        <input id="end-date" type="date" .value=${v.endDate} min=${v.date || nothing} aria-invalid=${f.invalid('endsAt')} aria-describedby=${f.describedBy('endsAt')} @input=${(e: Event) => set('endDate', valueOf(e))} />
      </div>
      <div class="field">
        <label for="end">${t.end}</label>
        <input id="end" type="time" .value=${v.end} aria-invalid=${f.invalid('endsAt')} aria-describedby=${f.describedBy('hint-tz', 'endsAt')} @input=${(e: Event) => set('end', valueOf(e))} />
      </div>
    </div>
    ${f.error('endsAt')}
    <div class="row">
      <div class="field">
        <label for="timezone">${t.timezone}</label>
        <select id="timezone" aria-invalid=${f.invalid('timezone')} aria-describedby=${f.describedBy('hint-tz', 'timezone')} @change=${(e: Event) => set('timezone', valueOf(e))}>
          ${COMMON_TIME_ZONES.map((tz) => html`<option value=${tz} ?selected=${v.timezone === tz}>${zoneLabel(tz)}</option>`)}
          <option value=${OTHER_ZONE} ?selected=${v.timezone === OTHER_ZONE}>${t.otherZone}</option>
        </select>
      </div>
      ${v.timezone === OTHER_ZONE
        ? html`<div class="field">
            <label for="other-zone">${t.otherZoneName}</label>
            <input
              id="other-zone"
              autocomplete="off"
              spellcheck="false"
              maxlength="64"
              placeholder="America/Montreal"
              .value=${v.otherZone}
              aria-invalid=${f.invalid('timezone')}
              aria-describedby=${f.describedBy('timezone')}
              @input=${(e: Event) => set('otherZone', valueOf(e))}
            />
          </div>`
        : nothing}
    </div>
    <p id="hint-tz" class="muted">${t.timeZoneHint(zoneOf(v), viewerTimeZone())}</p>
    ${f.error('timezone')}`;
}
