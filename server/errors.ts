import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

import { REASON_CODES, type Reason } from '../domain/reasons.ts';

export type { Reason };

/** Each reason's tRPC code, from the one list in domain/reasons.ts. */
const codeOf: Record<Reason, TRPC_ERROR_CODE_KEY> = REASON_CODES;

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
