import { html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { encode } from 'uqr';
import { FreskElement } from '../shared/fresk-element.ts';
import type { AttendancePerson, AttendanceSheet, FollowUpResults } from '../shared/api.ts';
import { LocalizeController, reasonMessage } from '../shared/i18n.ts';
import { baseStyles } from '../shared/styles.ts';
import { outcomeView } from '../shared/status.ts';
import { ConfirmController } from '../shared/confirm.ts';
import { messages } from './session-attendance.i18n.ts';
import styles from './session-attendance.styles.ts';

type Sheet = AttendanceSheet;
type Person = AttendancePerson;
type Results = FollowUpResults;

/** How often the sheet is read again while the tab is shown, so self check-ins appear within seconds. */
const REFRESH_MS = 4000;

/** The check-in link as a QR code: one SVG path of dark modules, with a 4-module quiet zone (no canvas, CSP-safe). */
export function qrSvg(text: string) {
  const { size, data } = encode(text, { border: 0 });
  let d = '';
  data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x + 4} ${y + 4}h1v1h-1z`)));
  const n = size + 8;
  return html`<svg viewBox="0 0 ${n} ${n}" role="img" aria-labelledby="qr-title" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
    ${svg`<rect width=${n} height=${n} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
  </svg>`;
}

/**
 * @summary The "Émargement" tab of `<fresk-session-planner>`, phone-first: who is here (a large present /
 * absent toggle each, a search, "everyone is here"), walk-ins added in a row, the check-in QR code full
 * screen, then after the end the follow-up (attestations and surveys) and the session's results.
 *
 * @csspart sheet - The list of participants.
 * @csspart qr - The full-screen QR code view.
 *
 * @attr {'fr' | 'en'} lang - Language of the texts: `fr` (the default) or `en`; when absent, the closest ancestor's `lang` (so `<html lang="en">` is enough).
 * @fires {FreskAuthRequiredEvent} fresk-auth-required - A call answered UNAUTHORIZED: the host page should mint a fresh token and set it on the element or its `<fresk-token>`.
 *
 * @cssproperty [--fresk-color-warning=#7a4800] - Over-order and "to request" tags.
 * @cssproperty [--fresk-space=1rem] - Base spacing.
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
export class FreskSessionAttendanceElement extends FreskElement {
  static override styles = [baseStyles, styles];

  /** The session whose attendance is taken. */
  @property({ attribute: 'session-id' }) sessionId?: string;

  /** Reads the sheet again every few seconds while true (the tab is shown). */
  @property({ type: Boolean }) active = false;

  @state() private sheet?: Sheet;
  @state() private results?: Results;
  @state() private loadError = '';
  @state() private query = '';
  /** A walk-in submitted without a name or an email. */
  @state() private incomplete = false;

  private readonly localize = new LocalizeController(this, messages);
  private readonly confirmSend = new ConfirmController(this);
  private timer?: ReturnType<typeof setInterval>;
  private loadedFor?: unknown;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  protected override updated(): void {
    const key = `${this.sessionId}|${!!this.client}`;
    if (key !== this.loadedFor && this.client && this.sessionId) {
      this.loadedFor = key;
      void this.load();
    }
    if (this.active && !this.timer) this.timer = setInterval(() => void this.load(), REFRESH_MS);
    if (!this.active && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async load(): Promise<void> {
    if (!this.client || !this.sessionId) return;
    try {
      this.sheet = await this.client.attendance.get.query({ sessionId: this.sessionId });
      this.loadError = '';
      if (this.sheet.session.ended) {
        // The coordinator's view only: a co-facilitator gets NOT_FOUND and sees no results.
        this.results = await this.client.followUp.results.query({ sessionId: this.sessionId }).catch(() => undefined);
      }
    } catch (e) {
      this.loadError = this.failed(e);
    }
  }

  private act(run: () => Promise<unknown>, done: () => string): Promise<boolean> {
    this.incomplete = false;
    return this.action.run(async () => {
      await run();
      await this.load();
    }, done);
  }

  private mark(p: Person, attendance: 'present' | 'absent') {
    const next = p.attendance === attendance ? 'unknown' : attendance;
    return this.act(
      () => this.client!.attendance.mark.mutate({ sessionId: this.sessionId!, participantIds: [p.participantId], attendance: next }),
      () => this.localize.t.marked(p.name, next === 'present'),
    );
  }

  private everyonePresent() {
    const ids = this.sheet!.participants.filter((p) => p.attendance === 'unknown').map((p) => p.participantId);
    if (!ids.length) return;
    return this.act(() => this.client!.attendance.mark.mutate({ sessionId: this.sessionId!, participantIds: ids, attendance: 'present' }), () => this.localize.t.allPresentDone(ids.length));
  }

  private async addWalkIn(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = (form.elements.namedItem('walk-name') as HTMLInputElement).value.trim();
    const email = (form.elements.namedItem('walk-email') as HTMLInputElement).value.trim();
    if (!name || !email) {
      this.action.clear();
      this.incomplete = true;
      return;
    }
    const ok = await this.act(() => this.client!.attendance.addWalkIn.mutate({ sessionId: this.sessionId!, name, email }), () => this.localize.t.added(name));
    if (ok) {
      // Keep the keyboard flowing: the next person's name.
      form.reset();
      (form.elements.namedItem('walk-name') as HTMLInputElement).focus();
    }
  }

  private async send() {
    this.confirmSend.close();
    let sent = 0;
    await this.act(
      async () => (sent = (await this.client!.followUp.send.mutate({ sessionId: this.sessionId! })).sent),
      () => this.localize.t.sentDone(sent),
    );
  }

  private showQr() {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.qr')?.showModal();
  }

  protected override render() {
    const t = this.localize.t;
    const sheet = this.sheet;
    if (!sheet) {
      return this.loadError
        ? html`<p role="alert" class="error">${reasonMessage(this.localize.lang, this.loadError)}</p><button type="button" @click=${() => this.load()}>${t.retry}</button>`
        : html`<p role="status">${t.loading}</p>`;
    }
    const q = this.query.toLowerCase();
    const shown = sheet.participants.filter((p) => !q || p.name.toLowerCase().includes(q) || p.email.includes(q));
    const open = sheet.window.open && sheet.session.status === 'planned';
    return html`
      <section aria-labelledby="attendance-heading">
        <h3 id="attendance-heading">${t.heading}</h3>
        <p><strong>${t.counts(sheet.counts.present, sheet.counts.participants)}</strong></p>
        ${this.windowNotice(sheet)}
        <div class="bar">
          <button type="button" class="primary" @click=${this.showQr}>${t.showQr}</button>
          ${open && sheet.counts.unknown ? html`<button type="button" ?disabled=${this.action.busy} @click=${this.everyonePresent}>${t.allPresent}</button>` : nothing}
        </div>
        ${outcomeView(this.incomplete ? t.required : reasonMessage(this.localize.lang, this.action.reason), this.action.done)}
        ${sheet.participants.length
          ? html`<label for="attendance-search">${t.search}</label>
              <input id="attendance-search" type="search" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}>`
          : html`<p>${t.nobody}</p>`}
        <ul class="people" part="sheet">
          ${shown.map((p) => this.renderPerson(p, open))}
        </ul>
        ${sheet.participants.length && !shown.length ? html`<p>${t.noMatch}</p>` : nothing}
      </section>
      ${open
        ? html`<section aria-labelledby="add-heading">
            <h4 id="add-heading">${t.addHeading}</h4>
            <form class="add" @submit=${this.addWalkIn}>
              <label for="walk-name">${t.name}</label>
              <input id="walk-name" name="walk-name" autocomplete="off" maxlength="120">
              <label for="walk-email">${t.email}</label>
              <input id="walk-email" name="walk-email" type="email" autocomplete="off" maxlength="254" spellcheck="false">
              <button type="submit" ?disabled=${this.action.busy}>${t.add}</button>
            </form>
          </section>`
        : nothing}
      ${this.renderFollowUp(sheet)}
      <dialog class="qr" part="qr" aria-labelledby="qr-title">
        <h3 id="qr-title">${t.qrTitle}</h3>
        <p>${t.qrHint}</p>
        ${qrSvg(sheet.checkIn.url)}
        <p class="url">${sheet.checkIn.url}</p>
        <form method="dialog"><button type="submit" class="primary">${t.closeQr}</button></form>
      </dialog>
    `;
  }

  private windowNotice(sheet: Sheet) {
    const t = this.localize.t;
    if (sheet.window.open) return nothing;
    if (Date.parse(sheet.window.opensAt) > Date.now()) {
      return html`<p class="notice">${t.notOpen(this.localize.dateTime(sheet.window.opensAt, sheet.session.timezone, { dateStyle: 'full', timeStyle: 'short' }))}</p>`;
    }
    return html`<p class="notice">${t.closed}</p>`;
  }

  private renderPerson(p: Person, open: boolean) {
    const t = this.localize.t;
    const notes = [p.source === 'walk_in' ? t.walkIn : '', p.checkedInBy === 'self' ? t.self : '', p.surveyAnswered ? t.answered : p.followUpSentAt ? t.sent : ''].filter(Boolean);
    return html`<li>
      <span class="who"><strong>${p.name}</strong><br><span class="muted">${p.email}${notes.length ? ` · ${notes.join(' · ')}` : ''}</span></span>
      <span class="toggle">
        <button type="button" aria-pressed=${p.attendance === 'present' ? 'true' : 'false'} aria-label=${t.presentWho(p.name)} ?disabled=${!open || this.action.busy} @click=${() => this.mark(p, 'present')}>${t.present}</button>
        <button type="button" class="absent" aria-pressed=${p.attendance === 'absent' ? 'true' : 'false'} aria-label=${t.absentWho(p.name)} ?disabled=${!open || this.action.busy} @click=${() => this.mark(p, 'absent')}>${t.absent}</button>
      </span>
    </li>`;
  }

  private renderFollowUp(sheet: Sheet) {
    const t = this.localize.t;
    const toServe = sheet.participants.filter((p) => p.attendance === 'present' && !p.followUpSentAt);
    const r = this.results;
    return html`<section aria-labelledby="follow-up-heading">
      <h4 id="follow-up-heading">${t.followUpHeading}</h4>
      ${!sheet.session.ended
        ? html`<p class="muted">${t.followUpBefore}</p>`
        : toServe.length
          ? this.confirmSend.isOpen()
            ? this.confirmSend.render(
                { id: 'confirm-send', text: t.confirm(toServe.length, toServe.map((p) => p.name).join(', ')), yes: t.confirmYes, no: t.cancel, onYes: () => this.send() },
                this.action.busy,
              )
            : html`<button type="button" class="primary" id="send-follow-up" @click=${() => this.confirmSend.ask(true, '#send-follow-up')}>${t.send}</button>`
          : sheet.counts.present
            ? html`<p class="muted">${t.nothingToSend}</p>`
            : nothing}
      ${r && r.sent
        ? html`<h4>${t.results}</h4>
            <p>${t.rate(r.responseRate)} · ${t.nps(r.nps)}</p>
            <p>${t.means(r.averages.overall, r.averages.content, r.averages.facilitation)}</p>
            ${r.comments.length
              ? html`<h4>${t.comments}</h4>
                  <ul>${r.comments.map((c) => html`${c.takeaway ? html`<li>${c.takeaway}</li>` : nothing}${c.comment ? html`<li>${c.comment}</li>` : nothing}`)}</ul>`
              : nothing}`
        : nothing}
    </section>`;
  }
}
