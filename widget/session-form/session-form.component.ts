import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FreskElement } from '../shared/fresk-element.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { fieldErrors } from '../shared/client.ts';
import { emit } from '../shared/emit.ts';
import { domainLabels } from '../shared/labels.ts';
import { KINDS } from '../../domain/enums/missions.ts';
import { baseStyles } from '../shared/styles.ts';
import { ConfirmController } from '../shared/confirm.ts';
import { messages } from './session-form.i18n.ts';
import styles from './session-form.styles.ts';
import { blank, fieldErrorsView, inputFor, localErrors, payloadOf, valuesOf, withValue, type Values } from './session-values.ts';
import type { Session } from '../shared/api.ts';
import { whenFields } from './when-fields.ts';
import '../events/fresk-session-created.ts';
import '../events/fresk-session-updated.ts';
import '../events/fresk-session-cancelled.ts';

/**
 * @summary The session form of `<fresk-session-planner>`: kind, date and times (Paris time), place or
 * online link, seats, title, language, and the facilitators expected. Creates or updates the session, or
 * cancels it after a confirmation. Server validation errors are shown next to their field.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 *
 * @fires {FreskSessionCreatedEvent} fresk-session-created - A session was created; `detail` has `sessionId` and `missionId`.
 * @fires {FreskSessionUpdatedEvent} fresk-session-updated - The session was saved; `detail` has `sessionId` and `missionId`.
 * @fires {FreskSessionCancelledEvent} fresk-session-cancelled - The session was cancelled; `detail` has `sessionId` and `missionId`.
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @csspart form - The form.
 * @csspart submit-button - Create or save.
 * @csspart cancel-button - "Annuler la session".
 * @csspart field-error - A field's error message.
 *
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
 * @cssproperty [--fresk-color-warning=#7a4800] - Over-order and "to request" tags.
 * @cssproperty [--fresk-radius=6px] - Corner radius.
 * @cssproperty [--fresk-space=1rem] - Base spacing.
 */
export class FreskSessionFormElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The mission a new session is planned for. */
  @property({ attribute: 'mission-id' }) missionId?: string;

  /** The session being edited (from `sessions.get`); none to plan a new one. */
  @property({ attribute: false }) session?: Session;

  /** Shows the session without letting it change (a closed mission, a cancelled session). */
  @property({ type: Boolean }) readonly = false;

  @state() private v: Values = { ...blank };
  @state() private errors: Record<string, string> = {};
  @state() private formError = '';

  private loadedId?: string;
  private readonly localize = new LocalizeController(this, messages);
  private readonly confirmCancel = new ConfirmController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('session') && this.session?.id !== this.loadedId) {
      this.loadedId = this.session?.id;
      this.v = this.session ? valuesOf(this.session) : { ...blank };
      this.errors = {};
      this.formError = '';
      this.confirmCancel.close();
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = this.localize.t;
    this.action.clear();
    this.formError = '';
    const local = localErrors(this.v, this.localize.t, this.localize.lang);
    if (Object.keys(local).length) return this.showErrors(local, []);
    const client = this.client;
    const session = this.session;
    const missionId = this.missionId;
    if (!client || (!session && !missionId)) return;
    const saved = await this.action.run(
      async () => {
        if (session) {
          await client.sessions.update.mutate({ sessionId: session.id, ...payloadOf(this.v) });
          emit(this, 'fresk-session-updated', { sessionId: session.id, missionId: session.missionId });
        } else if (missionId) {
          const created = await client.sessions.create.mutate({ missionId, ...payloadOf(this.v), coordinatorFacilitates: this.v.coordinatorFacilitates });
          emit(this, 'fresk-session-created', { sessionId: created.sessionId, missionId });
        }
        this.errors = {};
      },
      session ? t.updated : t.created,
    );
    if (!saved && this.action.reason) this.showServerError(this.action.reason, this.action.error);
  }

  private showServerError(reason: string, error: unknown): void {
    const t = this.localize.t;
    const byField = fieldErrors(error);
    const errors: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const [key, list] of Object.entries(byField)) {
      const field = key === 'location' ? (this.v.mode === 'onsite' ? 'location.address' : 'location.url') : key;
      if (inputFor[field]) errors[field] = t.fields[field] ?? t.fields[key] ?? list[0];
      else unplaced.push(list[0] ?? key);
    }
    if (reason === 'ends_before_start') errors.endsAt = reasonMessage(this.localize.lang, reason);
    if (Object.keys(errors).length || unplaced.length) this.showErrors(errors, unplaced);
    else this.formError = reasonMessage(this.localize.lang, reason);
  }

  private async showErrors(errors: Record<string, string>, unplaced: string[]): Promise<void> {
    this.errors = errors;
    this.formError = [this.localize.t.notSaved, ...unplaced].join(' ');
    await this.updateComplete;
    const first = Object.keys(inputFor).find((k) => errors[k]);
    if (first) this.renderRoot.querySelector<HTMLElement>(`#${inputFor[first]}`)?.focus();
  }

  private async cancelSession(): Promise<void> {
    const session = this.session;
    const client = this.client;
    if (!session || !client) return;
    this.formError = '';
    const cancelled = await this.action.run(async () => {
      await client.sessions.cancel.mutate({ sessionId: session.id });
      this.confirmCancel.close();
      emit(this, 'fresk-session-cancelled', { sessionId: session.id, missionId: session.missionId });
    }, this.localize.t.cancelled);
    if (!cancelled) this.formError = reasonMessage(this.localize.lang, this.action.reason);
  }

  private set<K extends keyof Values>(key: K, value: Values[K]): void {
    this.v = withValue(this.v, key, value);
  }

  /** A labelled checkbox (its id is the value's name in kebab case). */
  private check(key: 'extra' | 'coordinatorFacilitates', label: string) {
    const id = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return html`<label class="check"
      ><input type="checkbox" id=${id} .checked=${this.v[key]} @change=${(e: Event) => this.set(key, (e.target as HTMLInputElement).checked)} />${label}</label
    >`;
  }

  protected override render() {
    const t = this.localize.t;
    const labels = domainLabels[this.localize.lang];
    const v = this.v;
    const locked = this.readonly || this.session?.status === 'cancelled';
    const f = fieldErrorsView(this.errors);
    return html`
      <form part="form" novalidate @submit=${this.submit}>
        <fieldset ?disabled=${locked || this.action.busy}>
          <fieldset class="choice">
            <legend>${t.kind}</legend>
            <div class="options">
              ${KINDS.map(
                (kind) => html`<label>
                  <input
                    type="radio"
                    name="kind"
                    id="kind-${kind}"
                    .checked=${v.kind === kind}
                    aria-describedby=${f.describedBy('kind')}
                    @change=${() => this.set('kind', kind)}
                  />${labels.kind[kind]}</label
                >`,
              )}
            </div>
            ${f.error('kind')}
          </fieldset>

          ${whenFields(this.v, t, f, (key, value) => this.set(key, value))}

          <fieldset class="choice">
            <legend>${t.where}</legend>
            <div class="options">
              ${(['onsite', 'online'] as const).map(
                (mode) => html`<label>
                  <input type="radio" name="mode" id="mode-${mode}" .checked=${v.mode === mode} @change=${() => this.set('mode', mode)} />${
                    mode === 'onsite' ? t.onsite : t.online
                  }</label
                >`,
              )}
            </div>
            ${f.error('location.mode')}
          </fieldset>
          ${v.mode === 'onsite'
            ? f.field({ id: 'address', label: t.address, value: v.address, field: 'location.address', autocomplete: 'street-address', maxlength: 500, onInput: (x) => this.set('address', x) })
            : f.field({
                id: 'url',
                label: t.url,
                value: v.url,
                field: 'location.url',
                type: 'url',
                inputmode: 'url',
                maxlength: 500,
                placeholder: 'https://',
                hints: ['hint-url'],
                hint: t.urlHint,
                onInput: (x) => this.set('url', x),
              })}

          <div class="row">
            ${f.field({ id: 'capacity', label: t.capacity, value: v.capacity, field: 'capacity', type: 'number', inputmode: 'numeric', onInput: (x) => this.set('capacity', x) })}
            <div class="field">
              <label for="language">${t.language}</label>
              <select
                id="language"
                aria-invalid=${f.invalid('language')}
                aria-describedby=${f.describedBy('language')}
                @change=${(e: Event) => this.set('language', (e.target as HTMLSelectElement).value as 'fr' | 'en')}
              >
                ${(['fr', 'en'] as const).map((l) => html`<option value=${l} ?selected=${v.language === l}>${t.languages[l]}</option>`)}
              </select>
              ${f.error('language')}
            </div>
          </div>
          ${f.field({ id: 'title', label: t.title, value: v.title, field: 'title', maxlength: 200, onInput: (x) => this.set('title', x) })}

          <div class="bottom">
            ${this.check('extra', t.extra)}
            <div class="extra-count" id="extra-count-field" ?hidden=${!v.extra}>
              <label for="extra-count">${t.extraCount}</label>
              ${f.input({ id: 'extra-count', label: t.extraCount, value: v.extraCount, field: 'extraFacilitators', type: 'number', inputmode: 'numeric', onInput: (x) => this.set('extraCount', x) })}
              ${f.error('extraFacilitators')}
            </div>
            ${this.session
              ? nothing
              : this.check('coordinatorFacilitates', t.coordinatorFacilitates)}
          </div>

          ${locked
            ? nothing
            : html`<div class="actions form-actions">
                <button type="submit" class="primary" part="submit-button">
                  ${this.action.busy ? t.saving : this.session ? t.save : t.create}
                </button>
              </div>`}
        </fieldset>
      </form>
      <p role="alert" class="error">${this.formError}</p>
      <p role="status" class="success">${this.action.done}</p>
      ${this.session && !locked
        ? html`<section class="danger-zone" aria-labelledby="danger-zone-heading">
            <h3 id="danger-zone-heading">${t.dangerZone}</h3>
            ${this.confirmCancel.isOpen()
              ? this.confirmCancel.render(
                  { id: 'confirm-cancel', heading: t.confirmCancelHeading, text: t.confirmCancelText, yes: t.confirmCancel, no: t.keep, danger: true, onYes: () => this.cancelSession() },
                  this.action.busy,
                )
              : html`<button type="button" class="danger" part="cancel-button" ?disabled=${this.action.busy} @click=${() => this.confirmCancel.ask(true, '[part="cancel-button"]')}>${t.cancel}</button>`}
          </section>`
        : nothing}
    `;
  }
}
