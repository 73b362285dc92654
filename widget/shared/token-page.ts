import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ActionController } from './action.ts';
import { createFreskClient, errorReason, type FreskClient } from './client.ts';
import { LocalizeController, type Lang } from './i18n.ts';

/** Refusals worth trying again as they are (the rest say something about the link or the session). */
export const TRANSIENT_REASONS: ReadonlySet<string> = new Set(['network', 'rate_limited', 'database_unavailable', 'unknown']);

/** The texts every public page of the day has (each page's interface extends it). */
export interface TokenPageMessages {
  /** For dates: `fr-FR` or `en-GB`. */
  locale: string;
  loading: string;
  kind: Record<string, string>;
  submit: string;
  submitting: string;
  required: string;
  unavailable: string;
  retry: string;
}

/**
 * What the public pages of the day (self check-in, survey) share: a page opened from a link that carries
 * a code, no sign-in. It loads what the code opens (`load`) whenever `api` or the code changes, shows
 * "loading" meanwhile, and on a refusal a problem step with its reason (and "try again" when the refusal
 * is transient). It speaks `lang` when set, else the session's language. Its form's submission goes
 * through `action` (busy, reason).
 */
export abstract class TokenPage<Info extends { session: { language?: string | null } }, Step extends string, M extends TokenPageMessages> extends LitElement {
  /** The server's base URL; defaults to the page's origin. */
  @property() api?: string;

  /** `fr` or `en`; without it, the session's language. */
  @property() override lang!: string;

  @state() protected step: Step | 'loading' | 'problem' = 'loading';
  @state() protected info?: Info;
  /** Why the page cannot be used (its problem step). */
  @state() protected reason = '';

  protected client?: FreskClient;
  protected readonly action = new ActionController(this);
  private readonly i18n: LocalizeController<M>;
  private loadedFor?: string;

  constructor(private readonly messages: Record<Lang, M>) {
    super();
    this.i18n = new LocalizeController<M>(this, messages);
  }

  /** The code of the link (check-in code, survey token). */
  protected abstract linkCode(): string | undefined;

  /** Reads what the code opens, and moves to the step it allows. */
  protected abstract open(client: FreskClient, code: string): Promise<void>;

  /** The language shown: `lang` when set, else the session's. */
  protected get language(): Lang {
    if (this.lang) return this.i18n.lang;
    return this.info?.session.language === 'en' ? 'en' : 'fr';
  }

  protected get t(): M {
    return this.messages[this.language];
  }

  protected override willUpdate(): void {
    const key = `${this.api}\n${this.linkCode()}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    this.client = createFreskClient(this.api || location.origin);
    this.step = 'loading';
    try {
      await this.open(this.client, this.linkCode() ?? '');
    } catch (error) {
      this.fail(errorReason(error));
    }
  }

  /** Shows the problem step with its reason. */
  protected fail(reason: string): void {
    this.reason = reason;
    this.step = 'problem';
  }

  /** "Try again" when nothing loaded and the refusal may pass. */
  protected retryButton(): TemplateResult | typeof nothing {
    return !this.info && TRANSIENT_REASONS.has(this.reason)
      ? html`<button type="button" @click=${() => { this.loadedFor = undefined; this.requestUpdate(); }}>${this.t.retry}</button>`
      : nothing;
  }

  /** Moves focus to the outcome's heading once it is shown (a screen reader hears the result). */
  protected async focusOutcome(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#outcome')?.focus();
  }

  override render(): TemplateResult {
    return html`<div class="root" part="base" lang=${this.language}>
      ${this.step === 'loading' ? html`<p class="muted" role="status">${this.t.loading}</p>` : html`${this.renderSummary(this.t)}${this.renderStep(this.t)}`}
    </div>`;
  }

  protected abstract renderSummary(t: M): TemplateResult | typeof nothing;
  protected abstract renderStep(t: M): TemplateResult | typeof nothing;
}
