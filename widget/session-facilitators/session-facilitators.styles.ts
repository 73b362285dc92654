import { css } from 'lit';

export default css`
  section {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  td.email {
    overflow-wrap: anywhere;
  }
  .regenerate {
    margin-top: 0.25rem;
  }
`;
