import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

/**
 * Every secret link: shareable facilitator and signup links, personal invitations, cancellations, magic
 * links. Only the id and the SHA-256 of the secret are stored; the secret is an HMAC of the id with the
 * server secret, recomputed when a link is rendered (see server/services/tokens.ts).
 */
export const tokens = sqliteTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    hash: text('hash').notNull(),
    purpose: text('purpose', {
      enum: ['facilitator_link', 'facilitator_invite', 'signup_link', 'participant_invite', 'cancel', 'magic_link', 'checkin_link', 'follow_up', 'calendar_feed'],
    }).notNull(),
    sessionId: text('session_id'),
    email: text('email'),
    subjectId: text('subject_id'),
    expiresAt: integer('expires_at'),
    usedAt: integer('used_at'),
    revokedAt: integer('revoked_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('tokens_hash_uq').on(t.hash), index('tokens_session_idx').on(t.sessionId, t.purpose)],
);
