import { css } from 'lit';

export default css`
  section {
    margin-bottom: calc(var(--_space) * 1.75);
  }
  .request {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem var(--_space);
    margin-bottom: var(--_space);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    color: var(--_muted);
  }
  .table-wrap {
    margin-top: 0.5rem;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  .email {
    overflow-wrap: anywhere;
  }
  ul {
    margin: 0.5rem 0 0;
    padding-inline-start: 1.25rem;
  }
  summary {
    cursor: pointer;
    color: var(--_primary);
  }
`;
