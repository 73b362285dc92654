import { css } from 'lit';
import { themeTokens } from './theme.ts';

/**
 * The look every portal element shares. Each public `--fresk-*` custom property is read once here with its
 * default, into a private `--_*` variable: a value the host page sets on an outer element is inherited by
 * the nested ones, and the defaults never mask it. Colours pass WCAG AA on their backgrounds.
 */
export const baseStyles = css`
  :host {
    ${themeTokens}
    --_warning: var(--fresk-color-warning, #7a4800);
    --_space: var(--fresk-space, 1rem);
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.45;
    /* Layouts follow the element's own width (a phone, or a narrow column of a desktop page). */
    container: fresk / inline-size;
    overflow-wrap: break-word;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  * {
    box-sizing: border-box;
  }
  h2,
  h3,
  h4 {
    margin: 0 0 calc(var(--_space) / 2);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.3rem;
  }
  h3 {
    font-size: 1.1rem;
  }
  h4 {
    font-size: 1rem;
  }
  p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: var(--_bg);
    color: var(--_primary);
    padding: 0.4em 0.9em;
    /* Thumb-sized: 44 px touch targets (WCAG 2.5.5). */
    min-height: 2.75rem;
    min-width: 2.75rem;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button.danger.primary {
    background: var(--_danger);
    color: var(--_on-primary);
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    min-width: 0;
    text-decoration: underline;
    color: var(--_primary);
    text-align: start;
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.4em 0.55em;
    min-height: 2.75rem;
    max-width: 100%;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  label {
    font-weight: 600;
  }
  /* Emails and links break where they can rather than push the page sideways. */
  a,
  .email,
  .break {
    overflow-wrap: anywhere;
  }
  a {
    color: var(--_primary);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  /* Every table sits in a .table-wrap; a table too wide for a phone either becomes cards (table.cards,
     below) or scrolls inside its wrap (.table-wrap.scroll). */
  .table-wrap {
    max-width: 100%;
    margin-top: 0.5rem;
  }
  .table-wrap.scroll {
    overflow-x: auto;
  }
  /* Below ~600 px a table of class "cards" becomes stacked rows: each row a card, each cell with its label
     (the cell's data-label); the row's header cell is the card's title. */
  @container fresk (max-width: 600px) {
    table.cards,
    table.cards tbody,
    table.cards tr,
    table.cards th,
    table.cards td {
      display: block;
      width: auto;
    }
    table.cards thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
    }
    table.cards tr {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
      margin-bottom: 0.75rem;
    }
    table.cards th,
    table.cards td {
      border: none;
      padding: 0.2rem 0;
    }
    table.cards td[data-label]::before {
      content: attr(data-label);
      display: block;
      font-size: 0.85em;
      font-weight: 600;
      color: var(--_muted);
    }
    table.cards td:empty {
      display: none;
    }
  }
  th,
  td {
    text-align: start;
    padding: 0.45em 0.6em;
    border-bottom: 1px solid var(--_surface);
    vertical-align: top;
  }
  th {
    font-weight: 600;
  }
  thead th {
    border-bottom: 2px solid var(--_border);
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .success {
    color: var(--_success);
  }
  .badge {
    display: inline-block;
    border-radius: 999px;
    padding: 0.05em 0.6em;
    font-size: 0.85em;
    font-weight: 600;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.warning {
    color: var(--_warning);
  }
  .badge.success {
    color: var(--_success);
  }
  .badge.muted {
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  /* A confirmation step (shared/confirm.ts): a destructive one is framed in the danger colour. */
  .confirm {
    margin-top: calc(var(--_space) / 2);
  }
  .confirm.danger {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-top: var(--_space);
  }
  .confirm h4 {
    margin: 0 0 0.5rem;
  }
  .notice {
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: calc(var(--_space) / 2) var(--_space);
    margin: 0 0 var(--_space);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
`;
