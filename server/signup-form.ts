import { publicReasonTexts } from '../domain/reason-texts.ts';
import { messages } from '../widget/fresk-invite/fresk-invite.i18n.ts';
import { escapeHtml as esc } from './pages.ts';

/**
 * The signup form as plain HTML, rendered by the server: inside `<fresk-invite>` on the server's
 * `/signup/<code>` page and in the WordPress plugin's render (fetched from `/signup/<code>/form`), it is
 * usable before any script runs and works without JavaScript, posting to `POST /signup/<code>`
 * (server/signup-routes.ts); once the element is defined it takes the typed values over. The same texts
 * as the element (widget/fresk-invite/fresk-invite.i18n.ts), so the form does not change words on upgrade.
 * Labels wrap their inputs (no ids: two forms may share a page).
 */

export type FormLang = 'fr' | 'en';
export type FormField = 'name' | 'email' | 'consent';

/** What `participants.signupInfo` answers, as far as the form shows it. */
export interface FormSession {
  session: { kind: 'atelier' | 'formation'; title?: string | null; startsAt: string; endsAt: string; timezone?: string | null; location: { mode: string; address?: string | null; url?: string | null } };
  organization: { name: string };
  seatsLeft: number;
  open: boolean;
  reason?: string | null;
  waitlist?: { open: boolean; count: number };
}

export interface FormState {
  /** Absolute URL the form posts to: `<server>/signup/<code>`. */
  action: string;
  lang: FormLang;
  info?: FormSession;
  values?: { name?: string; email?: string; consent?: boolean };
  /** Fields refused, each with its message. */
  errors?: Partial<Record<FormField, true>>;
  /** A reason that stops the form (the session is full, cancelled, ended…), or one to retry (rate limited). */
  reason?: string;
  /** The outcome of a registration posted without JavaScript. */
  outcome?: { status: 'registered'; email: string; icsUrl?: string } | { status: 'waitlisted'; email: string; position: number };
}

/** Reasons after which this form cannot register: the reason replaces the form (as in the element). */
const final = new Set(['session_full', 'session_cancelled', 'session_ended', 'mission_closed', 'invalid_token']);

/** A reason in words for participants (*vous*), as the element says it. */
export function reasonText(lang: FormLang, reason: string): string {
  const own = messages[lang].reasons[reason];
  const shared = publicReasonTexts[lang] as Record<string, string>;
  return own ?? (Object.prototype.hasOwnProperty.call(shared, reason) ? shared[reason] : shared.unknown);
}

/** "jeudi 4 mars 2027, 09:00–12:00 (heure normale d’Europe centrale)": the session's clock, its zone named. */
function when(lang: FormLang, session: FormSession['session']): string {
  const timeZone = session.timezone || 'Europe/Paris';
  const locale = messages[lang].locale;
  const range = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).formatRange(new Date(session.startsAt), new Date(session.endsAt));
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(new Date(session.startsAt)).find((p) => p.type === 'timeZoneName');
  return zone ? `${range} (${zone.value})` : range;
}

function summary(lang: FormLang, { session, organization, seatsLeft }: FormSession, withSeats: boolean): string {
  const t = messages[lang];
  const kind = t.kind[session.kind] ?? session.kind;
  const url = session.location.url && /^https?:\/\//i.test(session.location.url) ? session.location.url : null;
  const where =
    session.location.mode === 'online'
      ? `${esc(t.online)}${url ? ` : <a href="${esc(url)}" rel="noopener noreferrer">${esc(url)}</a>` : ''}`
      : esc(session.location.address ?? '');
  const row = (dt: string, dd: string) => `<div><dt>${esc(dt)}</dt><dd>${dd}</dd></div>`;
  return (
    (session.title ? `<p class="kind">${esc(kind)}</p>` : '') +
    `<h2>${esc(session.title || kind)}</h2><dl>` +
    row(t.when, esc(when(lang, session))) +
    (where ? row(t.where, where) : '') +
    row(t.client, esc(organization.name)) +
    (withSeats ? row(t.seats, esc(t.seatsLeft(Math.max(0, seatsLeft)))) : '') +
    '</dl>'
  );
}

function outcomeBlock(kind: 'success' | 'problem', heading: string, text: string, action = '', data = ''): string {
  return `<div class="outcome ${kind}" role="${kind === 'problem' ? 'alert' : 'status'}"${data}><h3>${esc(heading)}</h3><p>${esc(text)}</p>${action}</div>`;
}

/** The light-DOM content of `<fresk-invite>`: the session's summary, then the form, its outcome or the reason there is none. */
export function signupFormHtml(state: FormState): string {
  const { lang, info, values = {}, errors = {} } = state;
  const t = messages[lang];
  const top = info ? summary(lang, info, state.outcome?.status !== 'registered') : '';
  if (state.outcome?.status === 'registered') {
    const ics = state.outcome.icsUrl && /^https?:\/\//i.test(state.outcome.icsUrl) ? `<a class="button" href="${esc(state.outcome.icsUrl)}">${esc(t.addToCalendar)}</a>` : '';
    return top + outcomeBlock('success', t.registered, t.emailSent(state.outcome.email), ics);
  }
  if (state.outcome?.status === 'waitlisted') return top + outcomeBlock('success', t.waitlisted, t.waitlistPosition(state.outcome.position, state.outcome.email));
  // The session says whether a form can register: full with an open waiting list, the form joins the list.
  // The summary as JSON for the element, which shows it at once when it takes the form over.
  // With the date range as formatted here, which the element shows until it has formatted its own off the
  // critical path (a first `Intl` date format costs a fresh page 20–50 ms).
  const data = info && !state.outcome ? ` data-info="${esc(JSON.stringify({ ...info, when: [t.locale, when(lang, info.session)] }))}"` : '';
  const stop = state.reason && final.has(state.reason) ? state.reason : info && !info.open ? info.reason ?? 'session_full' : undefined;
  const waitlist = stop === 'session_full' && !!info?.waitlist?.open;
  if (stop && !waitlist) return top + outcomeBlock('problem', t.unavailable, reasonText(lang, stop), '', data);
  const invalid = (f: FormField) => (errors[f] ? ' aria-invalid="true"' : '');
  const message = (f: FormField, text: string) => (errors[f] ? `<span class="message">${esc(text)}</span>` : '');
  const emailMessage = values.email?.trim() ? t.emailInvalid : t.emailRequired;
  return (
    top +
    (waitlist ? `<p class="intro">${esc(t.waitlistIntro)}</p>` : '') +
    (state.reason && !final.has(state.reason) ? `<p class="message" role="alert">${esc(reasonText(lang, state.reason))}</p>` : '') +
    `<form class="fresk-static" method="post" action="${esc(state.action)}"${data}>` +
    `<input type="hidden" name="lang" value="${lang}">` +
    (waitlist ? '<input type="hidden" name="waitlist" value="1">' : '') +
    `<label class="field">${esc(t.name)}<input name="name" autocomplete="name" maxlength="120" required value="${esc(values.name ?? '')}"${invalid('name')}>${message('name', t.nameRequired)}</label>` +
    `<label class="field">${esc(t.email)}<input name="email" type="email" autocomplete="email" maxlength="254" spellcheck="false" required value="${esc(values.email ?? '')}"${invalid('email')}>${message('email', emailMessage)}</label>` +
    `<label class="field consent"><input name="consent" type="checkbox" value="1" required${values.consent ? ' checked' : ''}${invalid('consent')}> ${esc(t.consent)}${message('consent', t.consentRequired)}</label>` +
    `<button type="submit">${esc(waitlist ? t.joinWaitlist : t.submit)}</button>` +
    '</form>'
  );
}
