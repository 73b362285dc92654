import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** The stable reasons of API.md, plus the few this project adds (documented in the README). */
export type Reason =
  | 'mission_closed'
  | 'session_cancelled'
  | 'session_ended'
  | 'session_full'
  | 'no_slot_left'
  | 'already_registered'
  | 'not_of_compliant'
  | 'benevole_requires_enseignement'
  | 'invalid_token'
  | 'retributions_already_requested_this_month'
  | 'nothing_to_request'
  | 'sessions_not_ended'
  | 'retributions_pending'
  | 'ends_before_start'
  | 'rate_limited'
  | 'invalid_email'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'capacity_below_registrations'
  | 'retribution_requested'
  | 'database_unavailable'
  | 'coordinates_open_mission'
  | 'invalid_claims'
  | 'identity_conflict'
  | 'payload_too_large'
  | 'batch_too_large';

const codeOf: Record<Reason, TRPC_ERROR_CODE_KEY> = {
  mission_closed: 'PRECONDITION_FAILED',
  session_cancelled: 'PRECONDITION_FAILED',
  session_ended: 'PRECONDITION_FAILED',
  session_full: 'CONFLICT',
  no_slot_left: 'CONFLICT',
  already_registered: 'CONFLICT',
  not_of_compliant: 'FORBIDDEN',
  benevole_requires_enseignement: 'BAD_REQUEST',
  invalid_token: 'NOT_FOUND',
  retributions_already_requested_this_month: 'PRECONDITION_FAILED',
  nothing_to_request: 'PRECONDITION_FAILED',
  sessions_not_ended: 'PRECONDITION_FAILED',
  retributions_pending: 'PRECONDITION_FAILED',
  ends_before_start: 'BAD_REQUEST',
  rate_limited: 'TOO_MANY_REQUESTS',
  invalid_email: 'BAD_REQUEST',
  not_found: 'NOT_FOUND',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  capacity_below_registrations: 'BAD_REQUEST',
  retribution_requested: 'PRECONDITION_FAILED',
  database_unavailable: 'SERVICE_UNAVAILABLE',
  coordinates_open_mission: 'PRECONDITION_FAILED',
  invalid_claims: 'UNAUTHORIZED',
  identity_conflict: 'UNAUTHORIZED',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  batch_too_large: 'BAD_REQUEST',
};

/** A rule of the domain said no. Services throw it; server/trpc.ts maps it to a tRPC error. */
export class DomainError extends Error {
  readonly code: TRPC_ERROR_CODE_KEY;
  constructor(
    readonly reason: Reason,
    readonly extra: { fieldErrors?: Record<string, string[]>; [key: string]: unknown } = {},
  ) {
    super(reason);
    this.code = codeOf[reason];
  }
}

/** Anything not yours answers exactly like something that does not exist. */
export const notFound = () => new DomainError('not_found');
