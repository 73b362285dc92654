import { css } from 'lit';
import { themeTokens } from '../shared/theme.ts';

/**
 * The host page's CSS never reaches inside: `.root` resets every inherited property with `all: initial`
 * (a page rule such as `* { all: unset }` beats `:host`, but not this), sizes are in `em` from a pixel base
 * (themes often set `html { font-size: 62.5% }`), and only `--fresk-*` properties and `::part()` theme it.
 * The public properties are those of the portal elements (`widget/shared/styles.ts`), read once into
 * private `--_*` ones so a value set on any ancestor (`body { --fresk-color-primary: … }`) is inherited.
 * Default colours pass WCAG 2.2 AA: text ≥ 4.5:1, borders and the focus ring ≥ 3:1 on the background.
 */
export const inviteStyles = css`
  :host {
    ${themeTokens}
    --_size: var(--fresk-font-size, 16px);
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .root {
    all: initial;
    display: block;
    container-type: inline-size;
    box-sizing: border-box;
    max-width: 40em;
    padding: 1.25em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.5;
    text-align: start;
    overflow-wrap: anywhere;
  }
  * {
    box-sizing: border-box;
  }
  h2,
  h3,
  p,
  dl,
  dd {
    margin: 0;
  }
  h2 {
    font-size: 1.375em;
    line-height: 1.3;
  }
  h3 {
    font-size: 1.125em;
    line-height: 1.3;
  }
  .kind {
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  dl {
    display: grid;
    gap: 0.5em;
    margin: 1em 0 1.25em;
    padding: 0.75em 1em;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  dl > div {
    display: grid;
    grid-template-columns: 8em 1fr;
    gap: 1em;
  }
  dt {
    color: var(--_muted);
    font-weight: 600;
  }
  a {
    color: var(--_primary);
    text-underline-offset: 0.15em;
  }
  form,
  .field,
  .outcome {
    display: grid;
    gap: 1em;
  }
  .field {
    gap: 0.25em;
  }
  label {
    font-weight: 600;
    cursor: pointer;
  }
  input {
    font: inherit;
    color: inherit;
    margin: 0;
  }
  input:not([type='checkbox']) {
    display: block;
    width: 100%;
    min-height: 2.75em;
    padding: 0.5em 0.75em;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .consent {
    grid-template-columns: 1.5em 1fr;
    column-gap: 0.75em;
    align-items: start;
  }
  .consent label {
    font-weight: 400;
  }
  .consent .message {
    grid-column: 2;
  }
  input[type='checkbox'] {
    width: 1.5em;
    height: 1.5em;
    accent-color: var(--_primary);
    cursor: pointer;
  }
  [aria-invalid='true'] {
    outline: 2px solid var(--_danger);
    outline-offset: 1px;
  }
  /* After the invalid outline: the focused field shows the focus ring. */
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  .message {
    color: var(--_danger);
    font-size: 0.875em;
    font-weight: 600;
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    justify-self: start;
    min-height: 2.75em;
    padding: 0.5em 1.25em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 700;
    text-decoration: none;
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }
  .muted {
    color: var(--_muted);
  }
  .intro {
    margin-bottom: 1em;
  }
  .outcome {
    gap: 0.75em;
    padding: 1em;
    border: 1px solid currentColor;
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    color: var(--_success);
    background: var(--_surface);
  }
  .outcome.problem {
    color: var(--_danger);
    background: var(--_bg);
  }
  .outcome p {
    color: var(--_text);
  }
  /* The card is the container (not :host, whose styles the page can override): narrow on a phone or in a sidebar. */
  @container (max-width: 30em) {
    dl > div {
      grid-template-columns: 1fr;
      gap: 0;
    }
    button,
    .button {
      justify-self: stretch;
    }
  }
`;
