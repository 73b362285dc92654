import { css } from 'lit';

export default css`
  section {
    margin-bottom: calc(var(--_space) * 1.75);
  }
  .header {
    margin-bottom: calc(var(--_space) * 1.25);
  }
  .subtitle {
    color: var(--_muted);
  }
  .date .duration,
  .date .session-title {
    display: block;
    font-weight: normal;
  }
  .over {
    color: var(--_warning);
    font-weight: 600;
  }
  .section-head {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  .section-head h3 {
    margin: 0;
  }
  .plan {
    font-size: 1.3rem;
    line-height: 1;
    width: 2.75rem;
    height: 2.75rem;
    padding: 0;
    border-radius: 50%;
  }
  tr.cancelled td,
  tr.cancelled th {
    color: var(--_muted);
  }
  tr.cancelled .date {
    text-decoration: line-through;
  }
  ul.plain {
    margin: 0 0 0.5rem;
    padding-inline-start: 1.25rem;
  }
  dialog {
    margin-block: 2rem auto;
    border: none;
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.25);
    width: min(52rem, 100vw - 2rem);
    max-height: calc(100vh - 2rem);
    background: var(--_bg);
    color: var(--_text);
    box-shadow: 0 10px 40px rgb(0 0 0 / 30%);
  }
  /* On a phone the planner takes the whole screen. */
  @media (max-width: 600px) {
    dialog {
      margin: 0;
      width: 100vw;
      max-width: 100vw;
      height: 100dvh;
      max-height: 100dvh;
      border-radius: 0;
      padding: var(--_space) calc(var(--_space) * 0.75);
    }
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 45%);
  }
`;
