import { html } from 'lit';

/** What a loading region shows: announced politely, once. */
export function loadingView(text: string) {
  return html`<p role="status" class="muted" part="loading">${text}</p>`;
}

/** A failed load: the reason in words and a way to try again. */
export function errorView(text: string, retryLabel: string, retry: () => void) {
  return html`<div role="alert" part="error" class="notice">
    <p class="error">${text}</p>
    <button type="button" @click=${retry}>${retryLabel}</button>
  </div>`;
}

/**
 * An action's outcome, announced: a refusal as an alert, a success as a polite status. Both regions stay
 * in the page so screen readers hear what changes in them.
 */
export function outcomeView(problem: string, done: string) {
  return html`<p role="alert" class="error">${problem}</p>
    <p role="status" class="success">${done}</p>`;
}
