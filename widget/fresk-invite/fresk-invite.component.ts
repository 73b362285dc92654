import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { emit } from '../shared/emit.ts';
import { LocalizeController } from '../shared/i18n.ts';
import { publicReasonMessage as reasonMessage } from '../shared/public-reasons.ts';
import { failureReason as reasonOf, finalReasons as final, InviteCallError, inviteApi, transientReasons as transient, type InviteApi, type SignupInfo } from './fresk-invite.api.ts';
import { messages, type InviteMessages } from './fresk-invite.i18n.ts';
import { adoptStaticForm, restoreFocus, type TypedValues } from './fresk-invite.static-form.ts';
import { inviteStyles } from './fresk-invite.styles.ts';
import { buttonView, cancelView, fieldErrors, formView, outcomeView, registeredView, serverFieldErrors, summaryView, WhenText, type Field } from './fresk-invite.views.ts';

export type { FreskRegisteredEvent } from '../events/fresk-registered.ts';
export type { FreskRegistrationCancelledEvent } from '../events/fresk-registration-cancelled.ts';
export type { SignupInfo } from './fresk-invite.api.ts';

type Step = 'loading' | 'problem' | 'form' | 'registered' | 'waitlisted' | 'cancel' | 'cancelled';

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
  /** The session as the server rendered it (`data-info`), shown at once while `signupInfo` refreshes it. */
  private rendered?: SignupInfo;
  /** The session's date range as shown (the server's text first, when it rendered the form). */
  private readonly when = new WhenText(() => this.requestUpdate());
  /** What was typed into the server-rendered form before this element was defined (see `adoptStaticForm`). */
  private typed?: TypedValues;

  override connectedCallback(): void {
    super.connectedCallback();
    // The server-rendered form, if any, is taken over (./fresk-invite.static-form.ts); a later connection keeps what the first took.
    const { rendered, when, typed } = adoptStaticForm(this);
    if (rendered && !this.rendered) [this.rendered, this.when.server] = [rendered, when];
    this.typed ??= typed;
  }

  protected override firstUpdated(): void {
    restoreFocus(this.renderRoot, this.typed);
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
      // The first request starts once the first render is committed: on a cold page the first `fetch` costs
      // milliseconds of the main thread, and the form does not wait for the answer anyway.
      if (!this.hasUpdated) await this.updateComplete;
      if (loading.signal.aborted) return;
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

  /**
   * Moves focus to the heading of what just replaced the form (`#outcome`), so it is read and keyboard use goes on
   * from there, or to the first invalid field.
   */
  private async focusOn(selector: '#outcome' | '[aria-invalid="true"]'): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async register(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const t = this.i18n.t;
    const inputs = (event.currentTarget as HTMLFormElement).elements as unknown as Record<Field, HTMLInputElement>;
    const { name, email } = inputs;
    const errors = (this.errors = fieldErrors(t, inputs));
    this.formError = '';
    if (Object.keys(errors).length) return this.focusOn('[aria-invalid="true"]');

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
      await this.focusOn('#outcome');
    } catch (error) {
      const reason = reasonOf(error);
      const invalid = serverFieldErrors(t, error instanceof InviteCallError ? error.fieldErrors : {});
      if (Object.keys(invalid).length) {
        this.errors = invalid;
        await this.focusOn('[aria-invalid="true"]');
      } else if (final.has(reason)) {
        if (reason === 'session_full' && this.info) this.info = { ...this.info, seatsLeft: 0 };
        this.fail(reason);
        await this.focusOn('#outcome');
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
      await this.focusOn('#outcome');
    } catch (error) {
      const reason = reasonOf(error);
      if (transient.has(reason)) this.formError = reason;
      else {
        this.fail(reason);
        await this.focusOn('#outcome');
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
    // Above the step: the session's summary once known; "loading" while the form (or the cancellation) waits for it.
    const top =
      this.step !== 'loading' && this.info
        ? summaryView(t, this.info, this.when.text(t, this.info.session), !(this.cancelToken || this.step === 'registered'))
        : this.step === 'loading' || this.step === 'form'
          ? html`<p class="muted loading" role="status">${t.loading}</p>`
          : nothing;
    return html`<div class="root" part="base" lang=${this.i18n.lang}>${top}${this.renderStep(t)}</div>`;
  }

  private renderStep(t: InviteMessages): TemplateResult | typeof nothing {
    switch (this.step) {
      case 'form':
        return formView(t, { errors: this.errors, waitlist: this.waitlist, typed: this.typed, email: this.info?.email, formError: this.formErrorText(), busy: this.busy, onSubmit: this.register });
      case 'registered':
      case 'waitlisted':
        return registeredView(t, this.step, this.registered!);
      case 'cancel':
        return cancelView(t, this.info, this.formErrorText(), this.busy, this.cancelRegistration);
      case 'cancelled':
        return outcomeView('confirmation', t.cancelled, t.cancelledNote, nothing);
      case 'problem':
        return outcomeView('error', this.cancelToken ? t.cancelUnavailable : t.unavailable, this.say(this.reason),
          !this.info && transient.has(this.reason) ? buttonView(t.retry, t.retry, 'button', this.busy, this.retry) : nothing);
      default:
        return nothing;
    }
  }

  /** The problem the participant can retry from where they are, in words, or ''. */
  private formErrorText(): string {
    return this.formError ? this.say(this.formError) : '';
  }

  /** A reason in words for participants (*vous* in French). */
  private say(reason: string): string {
    return this.i18n.t.reasons[reason] ?? reasonMessage(this.i18n.lang, reason);
  }
}
