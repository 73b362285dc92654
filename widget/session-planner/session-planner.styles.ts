import { css } from 'lit';

export default css`
  :host {
    background: var(--_bg);
  }
  .header {
    display: flex;
    justify-content: space-between;
    align-items: start;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }
  .header h2 {
    margin: 0;
  }
  .when {
    margin: 0.25rem 0 0;
    color: var(--_muted);
  }
  .close {
    flex: none;
  }
  [role='tablist'] {
    display: flex;
    gap: 0.25rem;
    border-bottom: 2px solid var(--_border);
    margin-bottom: var(--_space);
    /* Labels are never cut: on a narrow screen the tabs wrap onto a second line. */
    flex-wrap: wrap;
  }
  [role='tab'] {
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    margin-bottom: -2px;
    background: none;
    color: var(--_text);
    padding: 0.5em 0.75em;
    white-space: nowrap;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_primary);
    color: var(--_primary);
    font-weight: 700;
  }
  [role='tab'][aria-disabled='true'] {
    color: var(--_muted);
  }
`;
