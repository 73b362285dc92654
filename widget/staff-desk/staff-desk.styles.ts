import { css } from 'lit';

/**
 * The desk's look, shared by its screens: cards, filters, and tables that become stacked cards with their
 * labels (`data-label`) when the desk is narrower than 600 px; touch targets at least 44 px.
 */
export default css`
  :host {
    container-type: inline-size;
  }
  section {
    margin-bottom: calc(var(--_space) * 1.75);
  }
  button,
  input,
  select {
    min-height: 2.75rem;
    max-width: 100%;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_space);
  }
  nav button[aria-current='page'],
  button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .card,
  .request {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem var(--_space);
    margin-bottom: var(--_space);
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    color: var(--_muted);
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75rem;
    margin-bottom: 0.75rem;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  ul.plain {
    margin: 0.5rem 0 0;
    padding-inline-start: 1.25rem;
  }
  summary {
    cursor: pointer;
    color: var(--_primary);
    min-height: 2.75rem;
    display: flex;
    align-items: center;
  }
  tfoot th,
  tfoot td {
    font-weight: 700;
    border-top: 2px solid var(--_border);
  }
  @container (max-width: 600px) {
    caption,
    table,
    thead,
    tbody,
    tfoot,
    tr,
    th,
    td {
      display: block;
      width: 100%;
    }
    thead tr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
    }
    tr {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin-bottom: 0.5rem;
      padding: 0.25rem 0.5rem;
    }
    th,
    td {
      border: none;
      padding: 0.2em 0;
    }
    td[data-label]::before,
    th[data-label]::before {
      content: attr(data-label) ' : ';
      font-weight: 600;
      color: var(--_muted);
    }
  }
`;
