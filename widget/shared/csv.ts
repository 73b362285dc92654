/** The CSVs themselves are built in domain/csv.ts, with the same columns as the server's exports. */

/** Hands a CSV to the browser as a file download, from a Blob URL (no server round trip, no inline data URL). */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
