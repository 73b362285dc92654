import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { dayStyles } from '../fresk-checkin/fresk-checkin.styles.ts';
import { createFreskClient, errorReason, type FreskClient } from '../shared/client.ts';
import { LocalizeController, reasonMessage, type Lang } from '../shared/i18n.ts';
import { messages, type SurveyMessages } from './fresk-survey.i18n.ts';

type Survey = Awaited<ReturnType<FreskClient['survey']['get']['query']>>;
type Step = 'loading' | 'problem' | 'form' | 'thanks' | 'already';
type Scored = 'overall' | 'content' | 'facilitation' | 'recommend';

const transient = new Set(['network', 'rate_limited', 'database_unavailable', 'unknown']);
const SCORED: Scored[] = ['overall', 'content', 'facilitation', 'recommend'];

/**
 * @summary The satisfaction survey of one session, from the link in the follow-up email (phone-first).
 *
 * Three 1–5 ratings and the 0–10 recommendation as radio groups (each a fieldset with its legend, so
 * arrows move within a group and Tab between groups), two optional texts, then a thank-you; a second
 * visit says the survey was already answered.
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
export class FreskSurvey extends LitElement {
  static override styles = dayStyles;

  /** The participant's follow-up token (the end of their `/survey/<token>` link). */
  @property() token?: string;

  /** The server's base URL; defaults to the page's origin. */
  @property() api?: string;

  /** `fr` or `en`; without it, the session's language. */
  @property() override lang!: string;

  @state() private step: Step = 'loading';
  @state() private survey?: Survey;
  @state() private reason = '';
  @state() private missing: Scored[] = [];
  @state() private formError = '';
  @state() private busy = false;

  private readonly i18n = new LocalizeController<SurveyMessages>(this, messages);
  private client?: FreskClient;
  private loadedFor?: string;

  private get language(): Lang {
    if (this.lang) return this.i18n.lang;
    return this.survey?.session.language === 'en' ? 'en' : 'fr';
  }

  protected override willUpdate(): void {
    const key = `${this.api}\n${this.token}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    this.client = createFreskClient(this.api || location.origin);
    this.step = 'loading';
    try {
      this.survey = await this.client.survey.get.query({ token: this.token ?? '' });
      this.step = this.survey.answered ? 'already' : this.survey.open ? 'form' : 'problem';
      if (this.step === 'problem') this.reason = 'survey_closed';
    } catch (error) {
      this.reason = errorReason(error);
      this.step = 'problem';
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const score = (id: Scored) => (data.get(id) === null ? null : Number(data.get(id)));
    this.missing = SCORED.filter((id) => score(id) === null);
    this.formError = '';
    if (this.missing.length) {
      this.formError = 'missing';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`input[name="${this.missing[0]}"]`)?.focus();
      return;
    }
    const text = (id: string) => String(data.get(id) ?? '').trim() || undefined;
    this.busy = true;
    try {
      await this.client!.survey.answer.mutate({
        token: this.token ?? '',
        answers: { overall: score('overall')!, content: score('content')!, facilitation: score('facilitation')!, recommend: score('recommend')!, takeaway: text('takeaway'), comment: text('comment') },
      });
      this.step = 'thanks';
    } catch (error) {
      const reason = errorReason(error);
      if (reason === 'survey_already_answered') this.step = 'already';
      else if (transient.has(reason) || reason === 'invalid_input') this.formError = reason;
      else {
        this.reason = reason;
        this.step = 'problem';
      }
    } finally {
      this.busy = false;
    }
    if (this.step !== 'form') {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#outcome')?.focus();
    }
  }

  override render(): TemplateResult {
    const t = messages[this.language];
    return html`<div class="root" part="base" lang=${this.language}>
      ${this.step === 'loading' ? html`<p class="muted" role="status">${t.loading}</p>` : html`${this.renderSummary(t)}${this.renderStep(t)}`}
    </div>`;
  }

  private renderSummary(t: SurveyMessages): TemplateResult | typeof nothing {
    const s = this.survey?.session;
    if (!s) return nothing;
    const kind = t.kind[s.kind] ?? s.kind;
    const day = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: s.timezone || 'Europe/Paris' }).format(new Date(s.startsAt));
    return html`${s.title ? html`<p class="kind">${kind}</p>` : nothing}
      <h1>${s.title || kind}</h1>
      <p class="muted">${this.survey!.organization.name} · ${day}</p>`;
  }

  private outcome(kind: 'success' | 'problem', heading: string, text: string): TemplateResult {
    return html`<div class="outcome ${kind}" part=${kind === 'success' ? 'confirmation' : 'error'}>
      <h2 id="outcome" tabindex="-1">${heading}</h2>
      <p>${text}</p>
      ${kind === 'problem' && !this.survey && transient.has(this.reason)
        ? html`<button type="button" @click=${() => { this.loadedFor = undefined; this.requestUpdate(); }}>${messages[this.language].retry}</button>`
        : nothing}
    </div>`;
  }

  private renderStep(t: SurveyMessages): TemplateResult | typeof nothing {
    switch (this.step) {
      case 'thanks':
        return this.outcome('success', t.thanks, t.thanksText);
      case 'already':
        return this.outcome('success', t.already, t.alreadyText);
      case 'problem':
        return this.outcome('problem', t.unavailable, reasonMessage(this.language, this.reason));
      case 'form':
        return this.renderForm(t);
      default:
        return nothing;
    }
  }

  private scale(t: SurveyMessages, id: Scored, min: number, max: number, low: string, high: string): TemplateResult {
    const invalid = this.missing.includes(id);
    return html`<fieldset aria-describedby="${id}-ends${invalid ? ` ${id}-error` : ''}">
      <legend>${t.questions[id]}</legend>
      <div class="scale">
        ${Array.from({ length: max - min + 1 }, (_, i) => min + i).map(
          (n) => html`<label>${n}<input type="radio" name=${id} value=${n} required aria-invalid=${invalid ? 'true' : nothing}></label>`,
        )}
      </div>
      <p class="ends" id="${id}-ends"><span>${low}</span><span>${high}</span></p>
      ${invalid ? html`<p class="message" id="${id}-error">${t.required}</p>` : nothing}
    </fieldset>`;
  }

  private renderForm(t: SurveyMessages): TemplateResult {
    return html`<p class="intro">${t.intro(this.survey!.participant.name)}</p>
      <form novalidate @submit=${this.submit}>
        ${this.scale(t, 'overall', 1, 5, t.low, t.high)}
        ${this.scale(t, 'content', 1, 5, t.low, t.high)}
        ${this.scale(t, 'facilitation', 1, 5, t.low, t.high)}
        ${this.scale(t, 'recommend', 0, 10, t.npsLow, t.npsHigh)}
        ${(['takeaway', 'comment'] as const).map(
          (id) => html`<div class="field">
            <label for=${id}>${t.questions[id]} <span class="muted">(${t.optional})</span></label>
            <textarea id=${id} name=${id} maxlength="2000"></textarea>
          </div>`,
        )}
        ${this.formError ? html`<p class="message" role="alert">${this.formError === 'missing' ? t.missing : reasonMessage(this.language, this.formError)}</p>` : nothing}
        <button type="submit" aria-disabled=${this.busy ? 'true' : nothing}>${this.busy ? t.submitting : t.submit}</button>
      </form>`;
  }
}
