/**
 * Semicolon-separated CSV for the French Excel the association uses: UTF-8 BOM, CRLF, quoted cells, and
 * no formula injection (a cell starting with = + - @ is prefixed with an apostrophe).
 */
export function toCsv(head: string[], rows: string[][]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\ufeff' + [head, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
