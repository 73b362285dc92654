/**
 * The stable reasons of API.md (`error.data.reason`), each with its tRPC error code: the one list the
 * server's errors, the OpenAPI document and the widgets' texts are typed from. Adding a reason here makes
 * the compiler ask for its French and English texts (domain/reason-texts.ts).
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

export const REASON_CODES = {
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
  invitation_for_someone_else: 'FORBIDDEN',
  session_started: 'PRECONDITION_FAILED',
  attendance_not_open: 'PRECONDITION_FAILED',
  attendance_closed: 'PRECONDITION_FAILED',
  checkin_not_open: 'PRECONDITION_FAILED',
  checkin_closed: 'PRECONDITION_FAILED',
  name_required: 'BAD_REQUEST',
  consent_required: 'BAD_REQUEST',
  session_not_ended: 'PRECONDITION_FAILED',
  nothing_to_send: 'PRECONDITION_FAILED',
  survey_already_answered: 'CONFLICT',
  survey_closed: 'PRECONDITION_FAILED',
  mission_not_closed: 'PRECONDITION_FAILED',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  /** More than 20 calls in one batch (API.md: bounds). */
  batch_too_large: 'BAD_REQUEST',
  invalid_claims: 'UNAUTHORIZED',
  identity_conflict: 'UNAUTHORIZED',
  // Added by this project (README, "The API").
  invalid_input: 'BAD_REQUEST',
  not_found: 'NOT_FOUND',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  capacity_below_registrations: 'BAD_REQUEST',
  retribution_requested: 'PRECONDITION_FAILED',
  database_unavailable: 'SERVICE_UNAVAILABLE',
  coordinates_open_mission: 'PRECONDITION_FAILED',
} as const satisfies Record<string, ErrorCode>;

export type Reason = keyof typeof REASON_CODES;
export const REASONS = Object.keys(REASON_CODES) as Reason[];

/** Things a mission's closing warns of without blocking it (`missions.get` → `close.warnings`). */
export const CLOSE_WARNINGS = ['attendance_missing', 'followup_pending', 'order_not_fulfilled'] as const;
export type CloseWarning = (typeof CLOSE_WARNINGS)[number];

/** What only a client can tell: the server did not answer, or answered something this client does not know. */
export type ClientReason = 'network' | 'unknown';

export const isReason = (value: string): value is Reason => Object.prototype.hasOwnProperty.call(REASON_CODES, value);
