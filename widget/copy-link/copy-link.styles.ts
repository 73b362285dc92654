import { css } from 'lit';

export default css`
  .row {
    display: flex;
    gap: 0.5rem;
    margin-top: 0.25rem;
  }
  input {
    flex: 1;
    min-width: 0;
  }
  [role='status'] {
    margin: 0.25rem 0 0;
    min-height: 1.45em;
  }
`;
