import { css } from 'lit';
import { inviteStyles } from '../fresk-invite/fresk-invite.styles.ts';

/** The public pages of the day share the signup form's look (card, fields, buttons), phone-first. */
export const dayStyles = [
  inviteStyles,
  css`
    h1 {
      font-size: 1.4em;
      line-height: 1.25;
      margin: 0 0 0.25em;
    }
    button[type='submit'],
    .big {
      width: 100%;
      min-height: 3em;
      font-size: 1.1em;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin: 0 0 1em;
      padding: 0.75em;
    }
    legend {
      font-weight: 600;
      padding: 0 0.25em;
    }
    .scale {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
    }
    .scale label {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      min-width: 2.75em;
      min-height: 2.75em;
      justify-content: center;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      cursor: pointer;
      font-weight: 400;
    }
    .scale input {
      margin: 0.2em 0 0;
      min-height: auto;
      width: auto;
    }
    .ends {
      display: flex;
      justify-content: space-between;
      font-size: 0.85em;
      color: var(--_muted);
      margin-top: 0.3em;
    }
    textarea {
      display: block;
      width: 100%;
      min-height: 5em;
      font: inherit;
      color: inherit;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5em;
    }
  `,
];
