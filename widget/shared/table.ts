import { html, nothing } from 'lit';

/** A column whose header is read by screen readers only (a column of buttons). */
export interface HiddenHeader {
  hidden: string;
}

/**
 * A table's header row: one `th scope="col"` per column, in order; `false` leaves a column out (an
 * optional column of actions). Tables sit in a `.table-wrap` and, with class `cards`, become one card per
 * row on a phone (shared/styles.ts).
 */
export function tableHead(columns: readonly (string | HiddenHeader | false)[]) {
  return html`<thead>
    <tr>
      ${columns.map((c) =>
        c === false
          ? nothing
          : typeof c === 'string'
            ? html`<th scope="col">${c}</th>`
            : html`<th scope="col"><span class="visually-hidden">${c.hidden}</span></th>`,
      )}
    </tr>
  </thead>`;
}
