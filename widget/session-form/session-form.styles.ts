import { css } from 'lit';

export default css`
  form > fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: var(--_space);
  }
  fieldset.choice {
    border: none;
    padding: 0;
    margin: 0;
  }
  fieldset.choice legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 0.25rem;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
  }
  .options label,
  label.check {
    font-weight: normal;
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: 2.75rem;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.15rem;
    height: 1.15rem;
    min-height: 0;
    margin: 0;
    accent-color: var(--_primary);
  }
  .field-error {
    color: var(--_danger);
    margin: 0;
    font-size: 0.95em;
  }
  .bottom {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
    display: grid;
    gap: 0.5rem;
  }
  .extra-count {
    display: grid;
    gap: 0.25rem;
    max-width: 12rem;
    margin-inline-start: 1.6rem;
  }
  .form-actions {
    margin-top: var(--_space);
  }
  /* Cancelling is destructive: it sits apart from the primary button, below the form. */
  .danger-zone {
    margin-top: calc(var(--_space) * 2);
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  .danger-zone h3 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
`;
