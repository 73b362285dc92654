/**
 * A CSV for spreadsheets as French offices use them: `;` separators, CRLF lines, a UTF-8 byte-order mark
 * so Excel reads accents right. A cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`) is
 * prefixed with `'`: names come from the public signup form.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** Hands a CSV to the browser as a file download, from a Blob URL (no server round trip, no inline data URL). */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
