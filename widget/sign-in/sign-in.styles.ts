import { css } from 'lit';

export default css`
  form {
    display: grid;
    gap: 0.35rem;
    max-width: 28rem;
  }
  button {
    justify-self: start;
    margin-top: 0.35rem;
  }
`;
