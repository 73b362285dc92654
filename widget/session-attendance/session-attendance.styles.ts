import { css } from 'lit';

export default css`
  section {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  ul.people {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul.people li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }
  .who {
    flex: 1 1 12rem;
    overflow-wrap: anywhere;
  }
  .toggle {
    display: flex;
    gap: 0.25rem;
  }
  .toggle button {
    min-width: 6.5rem;
    min-height: 3rem;
  }
  .toggle button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
  }
  .toggle button.absent[aria-pressed='true'] {
    background: var(--_danger);
    border-color: var(--_danger);
  }
  input[type='search'] {
    width: 100%;
  }
  form.add {
    display: grid;
    gap: 0.5rem;
  }
  dialog.qr {
    width: 100vw;
    height: 100vh;
    max-width: 100vw;
    max-height: 100vh;
    margin: 0;
    border: 0;
    background: #fff;
    color: #000;
    text-align: center;
  }
  dialog.qr svg {
    width: min(80vw, 70vh);
    height: auto;
  }
  dialog.qr .url {
    font-size: 1.25rem;
    overflow-wrap: anywhere;
  }
`;
