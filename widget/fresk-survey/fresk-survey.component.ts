import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { dayStyles } from '../fresk-checkin/fresk-checkin.styles.ts';
import type { FreskClient } from '../shared/client.ts';
import { reasonMessage } from '../shared/i18n.ts';
import { TRANSIENT_REASONS, TokenPage } from '../shared/token-page.ts';
import type { RouterOutputs } from '../shared/api.ts';
import { messages, type SurveyMessages } from './fresk-survey.i18n.ts';

type Survey = RouterOutputs['survey']['get'];
type Step = 'form' | 'thanks' | 'already';
type Scored = 'overall' | 'content' | 'facilitation' | 'recommend';

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
export class FreskSurvey extends TokenPage<Survey, Step, SurveyMessages> {
  static override styles = dayStyles;

  /** The participant's follow-up token (the end of their `/survey/<token>` link). */
  @property() token?: string;

  @state() private missing: Scored[] = [];
  @state() private formError = '';

  constructor() {
    super(messages);
  }

  protected linkCode() {
    return this.token;
  }

  protected async open(client: FreskClient, token: string): Promise<void> {
    this.info = await client.survey.get.query({ token });
    if (this.info.answered) this.step = 'already';
    else if (this.info.open) this.step = 'form';
    else this.fail('survey_closed');
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.action.busy) return;
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
    const answered = await this.action.run(async () => {
      await this.client!.survey.answer.mutate({
        token: this.token ?? '',
        answers: { overall: score('overall')!, content: score('content')!, facilitation: score('facilitation')!, recommend: score('recommend')!, takeaway: text('takeaway'), comment: text('comment') },
      });
    });
    const reason = this.action.reason;
    if (answered) this.step = 'thanks';
    else if (reason === 'survey_already_answered') this.step = 'already';
    else if (TRANSIENT_REASONS.has(reason) || reason === 'invalid_input') this.formError = reason;
    else this.fail(reason);
    if (this.step !== 'form') await this.focusOutcome();
  }

  protected renderSummary(t: SurveyMessages): TemplateResult | typeof nothing {
    const s = this.info?.session;
    if (!s) return nothing;
    const kind = t.kind[s.kind] ?? s.kind;
    const day = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: s.timezone || 'Europe/Paris' }).format(new Date(s.startsAt));
    return html`${s.title ? html`<p class="kind">${kind}</p>` : nothing}
      <h1>${s.title || kind}</h1>
      <p class="muted">${this.info!.organization.name} · ${day}</p>`;
  }

  private outcome(kind: 'success' | 'problem', heading: string, text: string): TemplateResult {
    return html`<div class="outcome ${kind}" part=${kind === 'success' ? 'confirmation' : 'error'}>
      <h2 id="outcome" tabindex="-1">${heading}</h2>
      <p>${text}</p>
      ${kind === 'problem' ? this.retryButton() : nothing}
    </div>`;
  }

  protected renderStep(t: SurveyMessages): TemplateResult | typeof nothing {
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
    return html`<p class="intro">${t.intro(this.info!.participant.name)}</p>
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
        <button type="submit" aria-disabled=${this.action.busy ? 'true' : nothing}>${this.action.busy ? t.submitting : t.submit}</button>
      </form>`;
  }
}
