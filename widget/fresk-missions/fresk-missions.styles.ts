import { css } from 'lit';

export default css`
  :host {
    background: var(--_bg);
  }
  ul.missions {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  ul.missions li {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem var(--_space);
  }
  ul.missions button.link {
    font-size: 1.1rem;
    font-weight: 700;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.35rem 0 0;
    color: var(--_muted);
  }
  .back {
    margin-bottom: var(--_space);
  }
  a {
    color: var(--_primary);
  }
`;
