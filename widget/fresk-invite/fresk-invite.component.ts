import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { emit } from '../shared/emit.ts';
import { LocalizeController } from '../shared/i18n.ts';
import { publicReasonMessage as reasonMessage } from '../shared/public-reasons.ts';
import { safeHttpUrl } from '../shared/urls.ts';
import { InviteCallError, inviteApi, type InviteApi } from './fresk-invite.api.ts';
import { messages, type InviteMessages } from './fresk-invite.i18n.ts';
import { inviteStyles } from './fresk-invite.styles.ts';

export type { FreskRegisteredEvent } from '../events/fresk-registered.ts';
export type { FreskRegistrationCancelledEvent } from '../events/fresk-registration-cancelled.ts';
import type { Kind } from '../../domain/enums/missions.ts';
import type { LocationMode } from '../../domain/enums/sessions.ts';

/** What `participants.signupInfo` answers and this element shows (API.md, issue 4). */
export interface SignupInfo {
  session: {
    kind: Kind;
    title?: string | null;
    startsAt: string;
    endsAt: string;
    location: { mode: LocationMode; address?: string | null; url?: string | null };
    language?: string;
    timezone?: string | null;
  };
  organization: { name: string };
  seatsLeft: number;
  open: boolean;
  reason?: string | null;
  email?: string | null;
  waitlist?: { open: boolean; count: number };
  registration?: { status?: string };
}

type Step = 'loading' | 'problem' | 'form' | 'registered' | 'waitlisted' | 'cancel' | 'cancelled';
type Field = 'name' | 'email' | 'consent';

/** Reasons after which registering cannot succeed: the form gives way to the reason. */
const final = new Set(['session_full', 'session_cancelled', 'session_ended', 'mission_closed', 'invalid_token']);
/** Reasons worth a "try again" button when the session itself could not be loaded. */
const transient = new Set(['network', 'rate_limited', 'database_unavailable', 'unknown']);

/** The reason of a failed call (the tRPC-free caller of `./fresk-invite.api.ts` throws nothing else). */
const reasonOf = (error: unknown) => (error instanceof InviteCallError ? error.reason : 'unknown');

/** The server that served this script: the default `api` when the bundle comes from `<server>/widget/`. */
const scriptOrigin = new URL(import.meta.url).origin;

/**
 * @summary The public signup form of one workshop or training session, for any page (WordPress first).
 *
 * Shows the session (kind, title, date and time in the session's time zone, place or online link, client,
 * seats left), then a form (name, email, consent) that registers the participant, then a confirmation with
 * an "add to my calendar" link; or the reason registering is not possible. With `cancel-token` it shows the
 * cancellation of an existing registration instead. The form is on screen at once; the session's details
 * fill in when the server answers. A form the server rendered inside the element (`GET /signup/<code>/form`,
 * printed by the WordPress plugin and the `/signup/<code>` page) is taken over with what was typed in it.
 *
 * @fires {FreskRegisteredEvent} fresk-registered - The participant is registered. `detail: { registrationId }`.
 * @fires {FreskRegistrationCancelledEvent} fresk-registration-cancelled - The registration given by `cancel-token` was cancelled.
 *
 * @csspart base - The card around everything.
 * @csspart summary - The session's facts (when, where, client, seats).
 * @csspart form - The signup form.
 * @csspart field - One label with its input and message.
 * @csspart input - The name and email inputs.
 * @csspart checkbox - The consent checkbox.
 * @csspart button - The submit, cancel, retry and calendar buttons.
 * @csspart field-error - The message next to an invalid field.
 * @csspart confirmation - The confirmation shown once registered or cancelled.
 * @csspart error - The reason shown when registering or cancelling is not possible.
 *
 * @cssproperty [--fresk-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font family.
 * @cssproperty [--fresk-font-size=16px] - Base font size; everything else scales from it.
 * @cssproperty [--fresk-color-text=#1f2933] - Text colour.
 * @cssproperty [--fresk-color-muted=#4a5562] - Secondary text colour.
 * @cssproperty [--fresk-color-background=#ffffff] - Background of the element, its cards and inputs.
 * @cssproperty [--fresk-color-surface=#f4f6f8] - Background of notices and summaries.
 * @cssproperty [--fresk-color-border=#7b8794] - Borders of fields, cards and tables.
 * @cssproperty [--fresk-color-primary=#0b5e57] - Buttons, links and the selected tab.
 * @cssproperty [--fresk-color-on-primary=#ffffff] - Text on primary buttons.
 * @cssproperty [--fresk-color-danger=#a8221b] - Errors and destructive buttons.
 * @cssproperty [--fresk-color-success=#1b6535] - Confirmations.
 * @cssproperty [--fresk-color-focus=#1a56c4] - Focus ring.
 * @cssproperty [--fresk-radius=6px] - Corner radius.
 */
export class FreskInvite extends LitElement {
  static override styles = inviteStyles;

  /** The session's public signup code (the end of its `/signup/<code>` link). */
  @property() code?: string;

  /** A personal invitation token, instead of `code`; pre-fills the invited email. */
  @property() token?: string;

  /** A cancellation token (from the confirmation email): shows the cancellation view instead of the form. */
  @property({ attribute: 'cancel-token' }) cancelToken?: string;

  /** The server's base URL; defaults to the origin that served this script. */
  @property() api?: string;

  /** `fr` (default) or `en`; without it, the closest ancestor's `lang` is used. */
  @property() override lang!: string;

  @state() private step: Step = 'form';
  @state() private info?: SignupInfo;
  @state() private reason = '';
  @state() private formError = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private busy = false;
  @state() private registered?: { email: string; icsUrl?: string | null; position?: number };
  /** The session is full and its waiting list open: the form joins the list. */
  @state() private waitlist = false;

  private readonly i18n = new LocalizeController<InviteMessages>(this, messages);
  private call?: InviteApi;
  private loading?: AbortController;
  /** The `signupInfo` call under way: a form submitted before it answers waits for it. */
  private pending?: Promise<void>;
  private loadedFor?: string;
  /** The session's date range as last formatted, with what it was formatted for (see `when`). */
  private formatted?: [key: string, text: string];
  /** The session as the server rendered it (`data-info`), shown at once while `signupInfo` refreshes it. */
  private rendered?: SignupInfo;
  /** The server's formatted date range from `data-info`, with its locale: shown until ours is formatted. */
  private renderedWhen?: [locale: string, text: string];
  /** What was typed into the server-rendered form before this element was defined (see `adoptStaticForm`). */
  private typed?: { name: string; email: string; consent: boolean; focus?: Field; selection?: [number | null, number | null] };

  override connectedCallback(): void {
    super.connectedCallback();
    this.adoptStaticForm();
  }

  /**
   * The server's signup page and the WordPress plugin deliver the form already rendered in the light DOM
   * (`<fresk-invite …><form method="post" …>…</form></fresk-invite>`): usable, and working without
   * JavaScript, before this script runs. Once defined, the element takes over: what was typed, the consent
   * tick and the focus (with the caret) move to its own form, which replaces the static one on screen (the
   * light DOM is not slotted, so it is no longer rendered). The session's summary the server rendered comes
   * along as JSON (`data-info` of the form, or of the reason shown instead of it), so it does not blink.
   */
  private adoptStaticForm(): void {
    try {
      const data = JSON.parse(this.querySelector<HTMLElement>(':scope > [data-info]')?.dataset.info ?? 'null');
      if (data && !this.rendered) {
        const { when, ...info } = data as SignupInfo & { when?: [string, string] };
        this.rendered = info;
        this.renderedWhen = when;
      }
    } catch {
      // Not ours, or damaged on the way: the element asks the server, as without it.
    }
    const form = this.querySelector(':scope > form');
    if (!form || this.typed) return;
    const field = (name: Field) => form.querySelector<HTMLInputElement>(`[name="${name}"]`);
    const focused = document.activeElement instanceof HTMLInputElement && form.contains(document.activeElement) ? document.activeElement : undefined;
    const focus = focused?.name as Field | undefined;
    this.typed = {
      name: field('name')?.value ?? '',
      email: field('email')?.value ?? '',
      consent: !!field('consent')?.checked,
      // Only text fields have a caret to carry over (an email field's `selectionStart` is null).
      ...(focus && { focus, selection: focused!.selectionStart === null ? undefined : [focused!.selectionStart, focused!.selectionEnd] }),
    };
  }

  protected override firstUpdated(): void {
    const { focus, selection } = this.typed ?? {};
    const input = focus && this.renderRoot.querySelector<HTMLInputElement>(`#${focus}`);
    if (!input) return;
    input.focus();
    if (selection) input.setSelectionRange(selection[0], selection[1]);
  }

  protected override willUpdate(): void {
    const key = [this.api, this.code, this.token, this.cancelToken].join('\n');
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  /** The input that names the session: the personal token wins over the public code. */
  private get target(): { token: string } | { code: string } {
    return this.token ? { token: this.token } : { code: this.code ?? '' };
  }

  /**
   * Asks the server about the session. The form is on screen meanwhile (only the cancellation view waits):
   * the summary fills in when the answer comes, and the form gives way to the reason if registering is not
   * possible.
   */
  private load(): Promise<void> {
    return (this.pending = this.fetchInfo());
  }

  private async fetchInfo(): Promise<void> {
    this.loading?.abort();
    const loading = (this.loading = new AbortController());
    this.call = inviteApi(this.api || scriptOrigin);
    this.step = this.cancelToken ? 'loading' : 'form';
    this.info = undefined;
    this.waitlist = false;
    this.errors = {};
    this.formError = '';
    if (!this.code && !this.token && !this.cancelToken) return this.fail('invalid_token');
    // The server's rendered summary (for the public code only) stands until the fresh answer replaces it.
    const rendered = this.code && !this.token && !this.cancelToken ? this.rendered : undefined;
    this.rendered = undefined;
    if (rendered) this.show(rendered);
    try {
      // `{ cancelToken }` asks for the summary of the registration being cancelled (see the catch below).
      const input = this.cancelToken ? { cancelToken: this.cancelToken } : this.target;
      const info: SignupInfo = await this.call('signupInfo', input, loading.signal);
      if (loading.signal.aborted) return;
      this.show(info);
    } catch (error) {
      if (loading.signal.aborted) return;
      const reason = reasonOf(error);
      // The summary is a courtesy in the cancellation view: a server that cannot describe a registration
      // from its cancel token (`invalid_input`) still lets the participant cancel; `cancel` is the authority.
      if (this.cancelToken && reason === 'invalid_input') this.step = 'cancel';
      // A refresh that failed for a passing reason leaves the server's rendered form as it was.
      else if (!(rendered && transient.has(reason))) this.fail(reason);
    }
  }

  private show(info: SignupInfo): void {
    this.info = info;
    this.waitlist = !info.open && info.reason === 'session_full' && !!info.waitlist?.open;
    if (this.cancelToken) this.step = 'cancel';
    else if (info.open || this.waitlist) this.step = 'form';
    else this.fail(info.reason ?? (info.seatsLeft <= 0 ? 'session_full' : 'unknown'));
  }

  private fail(reason: string): void {
    this.reason = reason;
    this.step = 'problem';
  }

  /** Moves focus to the heading of what just replaced the form, so it is read and keyboard use goes on from there. */
  private async focusOutcome(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#outcome')?.focus();
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private async register(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const t = this.i18n.t;
    const { name, email, consent } = (event.currentTarget as HTMLFormElement).elements as unknown as Record<Field, HTMLInputElement>;
    const errors: Partial<Record<Field, string>> = {};
    if (!name.value.trim()) errors.name = t.nameRequired;
    if (email.validity.valueMissing) errors.email = t.emailRequired;
    else if (!email.validity.valid) errors.email = t.emailInvalid;
    if (!consent.checked) errors.consent = t.consentRequired;
    this.errors = errors;
    this.formError = '';
    if (Object.keys(errors).length) return this.focusFirstInvalid();

    this.busy = true;
    try {
      // Submitted before the session's details came: wait for them, as they decide what the form does. If
      // the session cannot be joined, or only its waiting list can, the form has changed under the
      // participant's eyes: they read it and submit again.
      if (!this.info) {
        await this.pending;
        if (this.step !== 'form' || this.waitlist) return;
      }
      const input = { ...this.target, name: name.value.trim(), email: email.value, consent: true as const, ...(this.waitlist && { waitlist: true }) };
      const result = await this.call!('register', input);
      this.registered = { email: email.value, ...('icsUrl' in result ? { icsUrl: result.icsUrl } : { position: result.position }) };
      this.step = result.status;
      emit(this, 'fresk-registered', { registrationId: result.registrationId, status: result.status, ...('position' in result ? { position: result.position } : {}) });
      await this.focusOutcome();
    } catch (error) {
      const reason = reasonOf(error);
      const fields = error instanceof InviteCallError ? error.fieldErrors : {};
      const messagesFor: Record<Field, string> = { name: t.nameRequired, email: t.emailInvalid, consent: t.consentRequired };
      const invalid = (Object.keys(messagesFor) as Field[]).filter((field) => fields[field]);
      if (invalid.length) {
        this.errors = Object.fromEntries(invalid.map((field) => [field, messagesFor[field]]));
        await this.focusFirstInvalid();
      } else if (final.has(reason)) {
        if (reason === 'session_full' && this.info) this.info = { ...this.info, seatsLeft: 0 };
        this.fail(reason);
        await this.focusOutcome();
      } else {
        this.formError = reason;
      }
    } finally {
      this.busy = false;
    }
  }

  private async cancelRegistration(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.formError = '';
    try {
      await this.call!('cancel', { cancelToken: this.cancelToken! });
      this.step = 'cancelled';
      emit(this, 'fresk-registration-cancelled', {});
      await this.focusOutcome();
    } catch (error) {
      const reason = reasonOf(error);
      if (transient.has(reason)) this.formError = reason;
      else {
        this.fail(reason);
        await this.focusOutcome();
      }
    } finally {
      this.busy = false;
    }
  }

  private retry(): void {
    this.loadedFor = undefined;
    this.requestUpdate();
  }

  override render(): TemplateResult {
    const t = this.i18n.t;
    const loading = html`<p class="muted loading" role="status">${t.loading}</p>`;
    return html`<div class="root" part="base" lang=${this.i18n.lang}>
      ${this.step === 'loading'
        ? loading
        : html`${this.info ? this.renderSummary(t, this.info) : this.step === 'form' ? loading : nothing}${this.renderStep(t)}`}
    </div>`;
  }

  private renderSummary(t: InviteMessages, { session, organization, seatsLeft }: SignupInfo): TemplateResult {
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
        <div><dt>${t.when}</dt><dd>${this.when(t, session)}</dd></div>
        ${where ? html`<div><dt>${t.where}</dt><dd>${where}</dd></div>` : nothing}
        <div><dt>${t.client}</dt><dd>${organization.name}</dd></div>
        ${this.cancelToken || this.step === 'registered' ? nothing : html`<div><dt>${t.seats}</dt><dd>${t.seatsLeft(Math.max(0, seatsLeft))}</dd></div>`}
      </dl>
    `;
  }

  /**
   * The date range in the reader's language, on the session's clock; the zone is named when the reader's differs.
   * Formatted once per session and language, not on every render: building `Intl` formatters costs
   * milliseconds. It runs when the session's details arrive, after the form is already usable.
   */
  private when(t: InviteMessages, session: SignupInfo['session']): string {
    const key = [t.locale, session.startsAt, session.endsAt, session.timezone].join('|');
    const server = this.renderedWhen;
    this.renderedWhen = undefined;
    if (this.formatted?.[0] !== key) {
      // Taking over the server's form: its text now, ours once the upgrade has painted.
      this.formatted = [key, server?.[0] === t.locale ? server[1] : this.formatWhen(t, session)];
      if (server?.[0] === t.locale)
        setTimeout(() => {
          this.formatted = [key, this.formatWhen(t, session)];
          this.requestUpdate();
        });
    }
    return this.formatted[1];
  }

  private formatWhen(t: InviteMessages, session: SignupInfo['session']): string {
    const timeZone = session.timezone || 'Europe/Paris'; // sessions happen in Paris unless the server says otherwise
    const start = new Date(session.startsAt);
    const range = new Intl.DateTimeFormat(t.locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).formatRange(start, new Date(session.endsAt));
    if (Intl.DateTimeFormat().resolvedOptions().timeZone === timeZone) return range;
    const zone = new Intl.DateTimeFormat(t.locale, { timeZone, timeZoneName: 'long' }).formatToParts(start).find((part) => part.type === 'timeZoneName');
    return zone ? `${range} (${zone.value})` : range;
  }

  private renderStep(t: InviteMessages): TemplateResult | typeof nothing {
    switch (this.step) {
      case 'form':
        return this.renderForm(t);
      case 'registered': {
        const ics = safeHttpUrl(this.registered!.icsUrl);
        return this.renderOutcome('confirmation', t.registered, t.emailSent(this.registered!.email),
          ics ? html`<a class="button" part="button" href=${ics}>${t.addToCalendar}</a>` : nothing);
      }
      case 'waitlisted':
        return this.renderOutcome('confirmation', t.waitlisted, t.waitlistPosition(this.registered!.position ?? 1, this.registered!.email), nothing);
      case 'cancel':
      {
        // A waitlisted person's link leaves the list.
        const label = this.info?.registration?.status === 'waitlisted' ? t.leaveWaitlist : t.cancel;
        return html`${this.info ? nothing : html`<h2 class="intro">${t.cancel}</h2>`}<p class="intro">${label === t.cancel ? t.cancelIntro : nothing}</p>
          ${this.renderFormError()}
          ${this.renderButton(label, t.cancelling, 'button', this.cancelRegistration)}`;
      }
      case 'cancelled':
        return this.renderOutcome('confirmation', t.cancelled, t.cancelledNote, nothing);
      case 'problem':
        return this.renderOutcome('error', this.cancelToken ? t.cancelUnavailable : t.unavailable, this.say(this.reason),
          !this.info && transient.has(this.reason) ? this.renderButton(t.retry, t.retry, 'button', this.retry) : nothing);
      default:
        return nothing;
    }
  }

  private renderOutcome(kind: 'confirmation' | 'error', heading: string, text: string, action: unknown): TemplateResult {
    return html`<div class="outcome ${kind === 'error' ? 'problem' : 'success'}" part=${kind}>
      <h3 id="outcome" tabindex="-1" aria-describedby="outcome-text">${heading}</h3>
      <p id="outcome-text">${text}</p>
      ${action}
    </div>`;
  }

  private renderButton(label: string, busyLabel: string, type: 'button' | 'submit', onClick?: () => void): TemplateResult {
    return html`<button type=${type} part="button" aria-disabled=${this.busy ? 'true' : nothing} @click=${onClick ?? nothing}>
      ${this.busy ? busyLabel : label}
    </button>`;
  }

  /** A problem the participant can retry from where they are (network, rate limit): announced, focus stays put. */
  private renderFormError(): TemplateResult | typeof nothing {
    return this.formError ? html`<p class="message" role="alert">${this.say(this.formError)}</p>` : nothing;
  }

  /** A reason in words for participants (*vous* in French). */
  private say(reason: string): string {
    return this.i18n.t.reasons[reason] ?? reasonMessage(this.i18n.lang, reason);
  }

  private renderForm(t: InviteMessages): TemplateResult {
    const field = (name: Field, label: string, input: TemplateResult) =>
      html`<div class="field ${name}" part="field">
        ${name === 'consent' ? html`${input}<label for=${name}>${label}</label>` : html`<label for=${name}>${label}</label>${input}`}
        ${this.errors[name] ? html`<p class="message" id="${name}-error" part="field-error">${this.errors[name]}</p>` : nothing}
      </div>`;
    const invalid = (name: Field) => (this.errors[name] ? 'true' : nothing);
    const describedBy = (name: Field) => (this.errors[name] ? `${name}-error` : nothing);
    return html`${this.waitlist ? html`<p class="intro">${t.waitlistIntro}</p>` : nothing}<form part="form" novalidate @submit=${this.register}>
      ${field('name', t.name, html`<input id="name" name="name" part="input" autocomplete="name" maxlength="120" required value=${this.typed?.name ?? ''}
        aria-invalid=${invalid('name')} aria-describedby=${describedBy('name')}>`)}
      ${field('email', t.email, html`<input id="email" name="email" part="input" type="email" autocomplete="email" maxlength="254"
        spellcheck="false" required value=${this.info?.email ?? this.typed?.email ?? ''} aria-invalid=${invalid('email')} aria-describedby=${describedBy('email')}>`)}
      ${field('consent', t.consent, html`<input id="consent" name="consent" part="checkbox" type="checkbox" required ?checked=${!!this.typed?.consent}
        aria-invalid=${invalid('consent')} aria-describedby=${describedBy('consent')}>`)}
      ${this.renderFormError()}
      ${this.renderButton(this.waitlist ? t.joinWaitlist : t.submit, t.submitting, 'submit')}
    </form>`;
  }
}
