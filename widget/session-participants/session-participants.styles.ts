import { css } from 'lit';

export default css`
  section {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  td.email {
    overflow-wrap: anywhere;
  }
  .heading-row {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.5rem;
  }
`;
