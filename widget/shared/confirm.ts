import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** What a confirmation step says and does. */
export interface ConfirmStep {
  /** Prefix of its ids: the heading (or the text, without heading) is `<id>-heading`. */
  id: string;
  /** A question as heading (`h4`); none for a short step inside a row, where the text asks. */
  heading?: string;
  /** What will happen, and that it cannot be undone when so. */
  text: string;
  /** The button that goes ahead ("Oui, clôturer la mission"). */
  yes: string;
  /** The button that goes back ("Non, revenir"). */
  no: string;
  /** Destructive: the yes button is red and the step framed in red. */
  danger?: boolean;
  /** Goes ahead: usually an action run through the element's ActionController. */
  onYes: () => unknown;
}

/**
 * One way to ask "are you sure?" before an action that cannot be undone, in the element's own shadow root
 * (so its buttons are reached like the others). `ask(value, trigger)` opens the step for `value` (what is
 * being confirmed: `true`, a row, …) and moves focus to its question; "no" or Escape closes it and gives
 * focus back to the button that opened it; `close()` closes it after the action went ahead. Its buttons
 * are 44 px targets like every button (shared/styles.ts); the texts come from the element, in FR and EN.
 */
export class ConfirmController<T = true> implements ReactiveController {
  /** What is being confirmed; undefined while no step is open. */
  value?: T;
  private returnTo?: HTMLElement | string;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the step is open (for `value` when given). */
  isOpen(value?: T): boolean {
    return this.value !== undefined && (value === undefined || this.value === value);
  }

  /**
   * Opens the step for `value` and moves focus to its question. `returnTo` gets focus back on "no": the
   * button that opened the step, or a selector when the step replaces that button.
   */
  async ask(value: T, returnTo?: EventTarget | string | null): Promise<void> {
    this.value = value;
    this.returnTo = typeof returnTo === 'string' || returnTo instanceof HTMLElement ? returnTo : undefined;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[data-confirm-question]')?.focus();
  }

  /** Closes the step without going ahead; focus goes back to the button that opened it. */
  async back(): Promise<void> {
    this.close();
    await this.host.updateComplete;
    const target = typeof this.returnTo === 'string' ? this.host.renderRoot.querySelector<HTMLElement>(this.returnTo) : this.returnTo;
    if (target?.isConnected) target.focus();
  }

  /** Closes the step (after the action went ahead). */
  close(): void {
    this.value = undefined;
    this.host.requestUpdate();
  }

  /** The step, while open (for `value` when given); nothing otherwise. `busy` disables "yes" while the action runs. */
  render(step: ConfirmStep, busy: boolean, value?: T): TemplateResult | typeof nothing {
    if (!this.isOpen(value)) return nothing;
    const question = `${step.id}-heading`;
    const onKeydown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Escape closes the step, not the dialog the step may sit in.
      e.preventDefault();
      e.stopPropagation();
      void this.back();
    };
    return html`<div class="confirm ${step.danger ? 'danger' : ''}" role="group" aria-labelledby=${question} @keydown=${onKeydown}>
      ${step.heading
        ? html`<h4 id=${question} tabindex="-1" data-confirm-question>${step.heading}</h4>
            <p>${step.text}</p>`
        : html`<p id=${question} tabindex="-1" data-confirm-question>${step.text}</p>`}
      <div class="actions">
        <button type="button" class=${step.danger ? 'danger primary' : 'primary'} ?disabled=${busy} @click=${step.onYes}>${step.yes}</button>
        <button type="button" @click=${() => void this.back()}>${step.no}</button>
      </div>
    </div>`;
  }
}
