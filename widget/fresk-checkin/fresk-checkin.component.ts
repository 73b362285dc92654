import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorData, type FreskClient } from '../shared/client.ts';
import { reasonMessage } from '../shared/i18n.ts';
import { TRANSIENT_REASONS, TokenPage } from '../shared/token-page.ts';
import type { RouterOutputs } from '../shared/api.ts';
import { messages, type CheckInMessages } from './fresk-checkin.i18n.ts';
import { dayStyles } from './fresk-checkin.styles.ts';

type Info = RouterOutputs['attendance']['checkInInfo'];
type Step = 'form' | 'done';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * @summary Self check-in on the day of a session, from the QR code shown in the room (phone-first).
 *
 * Asks for the email the person registered with and marks them present; an address not on the session
 * asks for a name and consent, then adds the person as a walk-in. Speaks the session's language unless
 * `lang` is set.
 *
 * @csspart base - The card around everything.
 *
 * @cssproperty [--fresk-font-size=16px] - Base font size; everything else scales from it.
 * @cssproperty [--fresk-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font family.
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
export class FreskCheckIn extends TokenPage<Info, Step, CheckInMessages> {
  static override styles = dayStyles;

  /** The session's check-in code (the end of its `/checkin/<code>` link). */
  @property() code?: string;

  @state() private opensAt?: string;
  @state() private needsDetails = false;
  @state() private errors: Partial<Record<'email' | 'name' | 'consent', string>> = {};
  @state() private formError = '';
  @state() private name = '';

  constructor() {
    super(messages);
  }

  protected linkCode() {
    return this.code;
  }

  protected async open(client: FreskClient, code: string): Promise<void> {
    this.info = await client.attendance.checkInInfo.query({ code });
    if (this.info.open) this.step = 'form';
    else this.fail(this.info.reason ?? 'checkin_closed', this.info.reason === 'checkin_not_open' ? this.info.opensAt : undefined);
  }

  protected override fail(reason: string, opensAt?: string): void {
    this.opensAt = opensAt;
    super.fail(reason);
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.action.busy) return;
    const form = event.target as HTMLFormElement;
    const value = (n: string) => ((form.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '').trim();
    const email = value('email');
    const name = value('name');
    const consent = (form.elements.namedItem('consent') as HTMLInputElement | null)?.checked ?? false;
    const t = this.t;
    const errors: typeof this.errors = {};
    if (!EMAIL.test(email)) errors.email = email ? t.invalidEmail : t.required;
    if (this.needsDetails && !name) errors.name = t.required;
    if (this.needsDetails && !consent) errors.consent = t.required;
    this.errors = errors;
    this.formError = '';
    if (Object.keys(errors).length) return this.focusFirstInvalid();
    const checkedIn = await this.action.run(async () => {
      const done = await this.client!.attendance.selfCheckIn.mutate({ code: this.code ?? '', email, ...(this.needsDetails ? { name, consent } : {}) });
      this.name = done.name;
      this.step = 'done';
    });
    if (checkedIn) return this.focusOutcome();
    const reason = this.action.reason;
    if (reason === 'name_required' || reason === 'consent_required') {
      this.needsDetails = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus();
    } else if (TRANSIENT_REASONS.has(reason) || reason === 'invalid_input') this.formError = reason;
    else {
      const opensAt = errorData(this.action.error).opensAt;
      this.fail(reason, typeof opensAt === 'string' ? opensAt : undefined);
    }
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  protected renderSummary(t: CheckInMessages): TemplateResult | typeof nothing {
    const s = this.info?.session;
    if (!s) return nothing;
    const kind = t.kind[s.kind] ?? s.kind;
    const when = new Intl.DateTimeFormat(t.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: s.timezone || 'Europe/Paris' }).formatRange(new Date(s.startsAt), new Date(s.endsAt));
    return html`${s.title ? html`<p class="kind">${kind}</p>` : nothing}
      <h1 class="title">${s.title || kind}</h1>
      <p class="muted">${this.info!.organization.name} · ${when}</p>`;
  }

  protected renderStep(t: CheckInMessages): TemplateResult | typeof nothing {
    if (this.step === 'done') {
      return html`<div class="outcome success" part="confirmation">
        <h2 id="outcome" tabindex="-1">${t.done}</h2>
        <p>${t.doneText(this.name)}</p>
      </div>`;
    }
    if (this.step === 'problem') {
      const when = this.opensAt
        ? new Intl.DateTimeFormat(t.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: this.info?.session.timezone || 'Europe/Paris' }).format(new Date(this.opensAt))
        : '';
      return html`<div class="outcome problem" part="error">
        <h2 id="outcome" tabindex="-1">${t.unavailable}</h2>
        <p>${reasonMessage(this.language, this.reason)}${when ? html` ${t.opensAt(when)}` : nothing}</p>
        ${this.retryButton()}
      </div>`;
    }
    if (this.step !== 'form') return nothing;
    const invalid = (n: 'email' | 'name' | 'consent') => (this.errors[n] ? 'true' : nothing);
    const describedBy = (n: 'email' | 'name' | 'consent') => (this.errors[n] ? `${n}-error` : nothing);
    const message = (n: 'email' | 'name' | 'consent') => (this.errors[n] ? html`<p class="message" id="${n}-error">${this.errors[n]}</p>` : nothing);
    return html`<h2>${t.heading}</h2>
      <p class="intro">${t.intro}</p>
      <form novalidate @submit=${this.submit}>
        <div class="field">
          <label for="email">${t.email}</label>
          <input id="email" name="email" type="email" autocomplete="email" inputmode="email" maxlength="254" spellcheck="false" required
            aria-invalid=${invalid('email')} aria-describedby=${describedBy('email')}>
          ${message('email')}
        </div>
        ${this.needsDetails
          ? html`<p class="intro" role="status">${t.notRegistered}</p>
              <div class="field">
                <label for="name">${t.name}</label>
                <input id="name" name="name" autocomplete="name" maxlength="120" required aria-invalid=${invalid('name')} aria-describedby=${describedBy('name')}>
                ${message('name')}
              </div>
              <div class="field consent">
                <input id="consent" name="consent" type="checkbox" required aria-invalid=${invalid('consent')} aria-describedby=${describedBy('consent')}>
                <label for="consent">${t.consent}</label>
                ${message('consent')}
              </div>`
          : nothing}
        ${this.formError ? html`<p class="message" role="alert">${reasonMessage(this.language, this.formError)}</p>` : nothing}
        <button type="submit" aria-disabled=${this.action.busy ? 'true' : nothing}>${this.action.busy ? t.submitting : t.submit}</button>
      </form>`;
  }
}
