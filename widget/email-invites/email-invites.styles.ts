import { css } from 'lit';

export default css`
  textarea {
    display: block;
    width: 100%;
    min-height: 5rem;
    margin: 0.25rem 0 0.5rem;
    resize: vertical;
  }
  ul {
    margin: 0.5rem 0 0;
    padding: 0;
    list-style: none;
  }
  li {
    padding: 0.15rem 0;
    overflow-wrap: anywhere;
  }
  li[data-result='invited']::before {
    content: '✓ ';
  }
  li[data-result='refused']::before {
    content: '✗ ';
  }
`;
