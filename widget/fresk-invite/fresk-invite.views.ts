import { html, nothing, type TemplateResult } from 'lit';
import { safeHttpUrl } from '../shared/urls.ts';
import type { SignupInfo } from './fresk-invite.api.ts';
import type { InviteMessages } from './fresk-invite.i18n.ts';
import type { TypedValues } from './fresk-invite.static-form.ts';

// The signup form's views, apart from the element: each takes what it shows (the element keeps the state).

export type Field = 'name' | 'email' | 'consent';

/** The session's facts: kind and title, when, where (an online link only if it is http(s)), client, and seats left unless `seats` is false. */
export function summaryView(t: InviteMessages, { session, organization, seatsLeft }: SignupInfo, when: string, seats: boolean): TemplateResult {
  const kind = t.kind[session.kind] ?? session.kind;
  const url = safeHttpUrl(session.location.url);
  const where =
    session.location.mode === 'online'
      ? html`${t.online}${url ? html` : <a href=${url} rel="noopener noreferrer">${url}</a>` : nothing}`
      : session.location.address;
  return html`
    ${session.title ? html`<p class="kind">${kind}</p>` : nothing}
    <h2>${session.title || kind}</h2>
    <dl part="summary">
      <div><dt>${t.when}</dt><dd>${when}</dd></div>
      ${where ? html`<div><dt>${t.where}</dt><dd>${where}</dd></div>` : nothing}
      <div><dt>${t.client}</dt><dd>${organization.name}</dd></div>
      ${seats ? html`<div><dt>${t.seats}</dt><dd>${t.seatsLeft(Math.max(0, seatsLeft))}</dd></div>` : nothing}
    </dl>
  `;
}

/** The date range in the reader's language, on the session's clock; the zone is named when the reader's differs. */
export function formatWhen(t: InviteMessages, session: SignupInfo['session']): string {
  const timeZone = session.timezone || 'Europe/Paris'; // sessions happen in Paris unless the server says otherwise
  const start = new Date(session.startsAt);
  const range = new Intl.DateTimeFormat(t.locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).formatRange(start, new Date(session.endsAt));
  if (Intl.DateTimeFormat().resolvedOptions().timeZone === timeZone) return range;
  const zone = new Intl.DateTimeFormat(t.locale, { timeZone, timeZoneName: 'long' }).formatToParts(start).find((part) => part.type === 'timeZoneName');
  return zone ? `${range} (${zone.value})` : range;
}

/** What replaced the form (registered, cancelled, or the reason it is not possible): its heading takes the focus. */
export function outcomeView(kind: 'confirmation' | 'error', heading: string, text: string, action: unknown): TemplateResult {
  return html`<div class="outcome ${kind === 'error' ? 'problem' : 'success'}" part=${kind}>
    <h3 id="outcome" tabindex="-1" aria-describedby="outcome-text">${heading}</h3>
    <p id="outcome-text">${text}</p>
    ${action}
  </div>`;
}

/** A button that says it is busy (and stays focusable) while a call is under way; the click handler runs bound to the element. */
export function buttonView(label: string, busyLabel: string, type: 'button' | 'submit', busy: boolean, onClick?: () => void): TemplateResult {
  return html`<button type=${type} part="button" aria-disabled=${busy ? 'true' : nothing} @click=${onClick ?? nothing}>
    ${busy ? busyLabel : label}
  </button>`;
}

/** A problem the participant can retry from where they are (network, rate limit), in words: announced, focus stays put. */
export function formErrorView(message: string): TemplateResult | typeof nothing {
  return message ? html`<p class="message" role="alert">${message}</p>` : nothing;
}

/** What the form shows besides the texts: its fields' errors and starting values, and the state of the call. */
export interface FormView {
  errors: Partial<Record<Field, string>>;
  waitlist: boolean;
  typed?: TypedValues;
  /** The invited email (a personal invitation), which wins over what was typed. */
  email?: string | null;
  /** The form's problem in words, or ''. */
  formError: string;
  busy: boolean;
  /** Runs bound to the element (Lit's event listener host). */
  onSubmit: (event: SubmitEvent) => void;
}

/** An invalid field's message (`<name>-error`, which its input names in `aria-describedby`), or nothing. */
function fieldError(name: Field, errors: FormView['errors']): TemplateResult | typeof nothing {
  return errors[name] ? html`<p class="message" id="${name}-error" part="field-error">${errors[name]}</p>` : nothing;
}

/**
 * The signup form (name, email, consent), or the waiting list's, with each invalid field's message. One
 * template for the three fields (not one per field, label and input): on a cold load Lit prepares each
 * template once (an HTML parse and a walk), and this is the first render the participant waits for.
 */
export function formView(t: InviteMessages, { errors, waitlist, typed, email, formError, busy, onSubmit }: FormView): TemplateResult {
  const invalid = (name: Field) => (errors[name] ? 'true' : nothing);
  const describedBy = (name: Field) => (errors[name] ? `${name}-error` : nothing);
  return html`${waitlist ? html`<p class="intro">${t.waitlistIntro}</p>` : nothing}<form part="form" novalidate @submit=${onSubmit}>
    <div class="field name" part="field">
      <label for="name">${t.name}</label><input id="name" name="name" part="input" autocomplete="name" maxlength="120" required
        value=${typed?.name ?? ''} aria-invalid=${invalid('name')} aria-describedby=${describedBy('name')}>
      ${fieldError('name', errors)}
    </div>
    <div class="field email" part="field">
      <label for="email">${t.email}</label><input id="email" name="email" part="input" type="email" autocomplete="email" maxlength="254"
        spellcheck="false" required value=${email ?? typed?.email ?? ''} aria-invalid=${invalid('email')} aria-describedby=${describedBy('email')}>
      ${fieldError('email', errors)}
    </div>
    <div class="field consent" part="field">
      <input id="consent" name="consent" part="checkbox" type="checkbox" required ?checked=${!!typed?.consent}
        aria-invalid=${invalid('consent')} aria-describedby=${describedBy('consent')}><label for="consent">${t.consent}</label>
      ${fieldError('consent', errors)}
    </div>
    ${formErrorView(formError)}
    ${buttonView(waitlist ? t.joinWaitlist : t.submit, t.submitting, 'submit', busy)}
  </form>`;
}

/** The form's own check before any call: each missing or invalid field with its message. */
export function fieldErrors(t: InviteMessages, { name, email, consent }: Record<Field, HTMLInputElement>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!name.value.trim()) errors.name = t.nameRequired;
  if (email.validity.valueMissing) errors.email = t.emailRequired;
  else if (!email.validity.valid) errors.email = t.emailInvalid;
  if (!consent.checked) errors.consent = t.consentRequired;
  return errors;
}

/** The fields the server refused (`fieldErrors` of `invalid_input`), each with the form's message for it. */
export function serverFieldErrors(t: InviteMessages, fields: Record<string, string[]>): Partial<Record<Field, string>> {
  const messagesFor: Record<Field, string> = { name: t.nameRequired, email: t.emailInvalid, consent: t.consentRequired };
  const invalid = (Object.keys(messagesFor) as Field[]).filter((field) => fields[field]);
  return Object.fromEntries(invalid.map((field) => [field, messagesFor[field]]));
}

/** The confirmation of a registration (with the calendar link, if http(s)) or of a place on the waiting list. */
export function registeredView(t: InviteMessages, step: 'registered' | 'waitlisted', { email, icsUrl, position }: { email: string; icsUrl?: string | null; position?: number }): TemplateResult {
  if (step === 'waitlisted') return outcomeView('confirmation', t.waitlisted, t.waitlistPosition(position ?? 1, email), nothing);
  const ics = safeHttpUrl(icsUrl);
  return outcomeView('confirmation', t.registered, t.emailSent(email), ics ? html`<a class="button" part="button" href=${ics}>${t.addToCalendar}</a>` : nothing);
}

/** The cancellation of a registration by its token: a waitlisted person's link leaves the list. */
export function cancelView(t: InviteMessages, info: SignupInfo | undefined, formError: string, busy: boolean, onCancel: () => void): TemplateResult {
  const label = info?.registration?.status === 'waitlisted' ? t.leaveWaitlist : t.cancel;
  return html`${info ? nothing : html`<h2 class="intro">${t.cancel}</h2>`}<p class="intro">${label === t.cancel ? t.cancelIntro : nothing}</p>
    ${formErrorView(formError)}
    ${buttonView(label, t.cancelling, 'button', busy, onCancel)}`;
}

/**
 * The session's date range as shown. Formatted once per session and language, not on every render: building
 * `Intl` formatters costs milliseconds. It runs when the session's details arrive, after the form is already
 * usable. Taking over the server's form, the server's text shows first, ours once the upgrade has painted.
 */
export class WhenText {
  /** The server's formatted date range from `data-info`, with its locale: shown until ours is formatted. */
  server?: [locale: string, text: string];
  /** The date range as last formatted, with what it was formatted for. */
  private formatted?: [key: string, text: string];

  /** `changed` asks the element to render again (once ours replaces the server's text). */
  constructor(private readonly changed: () => void) {}

  text(t: InviteMessages, session: SignupInfo['session']): string {
    const key = [t.locale, session.startsAt, session.endsAt, session.timezone].join('|');
    const server = this.server;
    this.server = undefined;
    if (this.formatted?.[0] !== key) {
      this.formatted = [key, server?.[0] === t.locale ? server[1] : formatWhen(t, session)];
      if (server?.[0] === t.locale)
        setTimeout(() => {
          this.formatted = [key, formatWhen(t, session)];
          this.changed();
        });
    }
    return this.formatted[1];
  }
}
