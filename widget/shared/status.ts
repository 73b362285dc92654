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
