import type { FacilitatorStatus } from './enums/people.ts';
import { DEFAULT_TIME_ZONE, zonedParts } from './time.ts';

/**
 * A CSV for spreadsheets as French offices use them: `;` separators, CRLF lines, a UTF-8 byte-order mark
 * so Excel reads accents right, quoted cells where needed. A cell that a spreadsheet would take for a
 * formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`: names come from the public signup form.
 * `rows` includes the header line.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** A CSV's columns, each a header and how a row fills it: one definition for the server's export and the widgets' downloads. */
export type CsvColumns<T> = readonly (readonly [header: string, value: (row: T) => string])[];

/** The CSV of `rows` by `columns`, then `extra` rows as they are (a totals line). */
export function csvOf<T>(columns: CsvColumns<T>, rows: readonly T[], extra: readonly (readonly string[])[] = []): string {
  return toCsv([columns.map(([header]) => header), ...rows.map((row) => columns.map(([, value]) => value(row))), ...extra]);
}

/** One line of a retribution request, as `admin.retributionRequests` gives it. */
export interface RetributionCsvLine {
  name: string;
  email: string;
  sessionId: string;
  kind: string;
  startedAt?: string;
  endedAt: string;
  status?: string;
}

/**
 * A retribution request as the CSV the staff write the invoices from (`/export/retribution-requests/<id>.csv`
 * and the desk's download): `facilitator;email;session;kind;date;status`, with the contract's values for kind
 * and status and the session's Paris date.
 */
export const RETRIBUTION_CSV: CsvColumns<RetributionCsvLine> = [
  ['facilitator', (l) => l.name],
  ['email', (l) => l.email],
  ['session', (l) => l.sessionId],
  ['kind', (l) => l.kind],
  ['date', (l) => zonedParts(l.startedAt ?? l.endedAt, DEFAULT_TIME_ZONE).date],
  ['status', (l) => l.status ?? ('remunere' satisfies FacilitatorStatus)],
];
/** A retribution request (`admin.retributionRequests`), as far as its CSV needs. */
export interface RetributionCsvRequest {
  requestId: string;
  missionId: string;
  period: string;
  lines: readonly RetributionCsvLine[];
}
export const retributionRequestCsv = (request: RetributionCsvRequest) => csvOf(RETRIBUTION_CSV, request.lines);

/** A session's participants (`/export/sessions/<id>/participants.csv` and the planner's download). */
export const PARTICIPANTS_CSV: CsvColumns<{ name: string; email: string; registeredAt: string }> = [
  ['name', (p) => p.name],
  ['email', (p) => p.email],
  ['registeredAt', (p) => p.registeredAt],
];
export const participantsCsv = (participants: readonly { name: string; email: string; registeredAt: string }[]) => csvOf(PARTICIPANTS_CSV, participants);

/** The shape of `admin.activity`, as far as its CSV needs. */
export interface ActivityFigures {
  rows: readonly { kind: string; sector: string; sessions: number; hours: number; participantsPresent: number; traineeHours: number }[];
  totals: { sessions: number; hours: number; participantsPresent: number; traineeHours: number };
}

/** `admin.activity` as CSV (`/export/activity.csv` and the desk's Bilan): one row per kind and sector, then the totals (numbers as in the API, `.` decimals). */
export function activityCsv(a: ActivityFigures): string {
  const figures = (f: ActivityFigures['totals']) => [String(f.sessions), String(f.hours), String(f.participantsPresent), String(f.traineeHours)];
  return toCsv([
    ['kind', 'sector', 'sessions', 'hours', 'participantsPresent', 'traineeHours'],
    ...a.rows.map((r) => [r.kind, r.sector, ...figures(r)]),
    ['total', '', ...figures(a.totals)],
  ]);
}
