import { describe, expect, it } from 'vitest';
import { outbox } from '../../schema/index.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();

/** Every value of every table, as one string: what a leaked backup would show. */
async function dumpAll(): Promise<string> {
  const tables = await w.database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  let out = '';
  for (const t of tables.rows) {
    const rows = await w.database.client.execute(`SELECT * FROM "${String(t.name)}"`);
    out += JSON.stringify(rows.rows);
  }
  return out;
}

describe('no usable secret at rest (DESIGN.md)', () => {
  it('scans every table for any live link secret, the outbox data included', async () => {
    const missionId = await missionFor(w);
    const created = await w.as(people.camille).sessions.create(sessionInput(missionId));
    const join = secretOf(created.facilitatorInviteUrl);
    const signup = secretOf(created.participantSignupUrl);
    await w.anonymous().participants.register({ code: signup, name: 'Ada Lovelace', email: 'ada@example.org', consent: true });
    await w.as(people.camille).facilitators.invite({ sessionId: created.sessionId, emails: ['newfac@fresk.test'] });
    await w.as(people.camille).participants.invite({ sessionId: created.sessionId, emails: ['guest@example.org'] });
    // The finding: signing in from /join/<secret> stored `next=/join/<secret>` in the outbox for a year.
    await w.anonymous().auth.requestLink({ email: people.camille.email, next: `/join/${join}` });

    const secrets = new Set([join, signup]);
    for (const row of await w.db.select().from(outbox)) {
      const { text } = await renderRow(w.deps, row);
      for (const m of text.matchAll(/\/(?:join|signup|invitation|cancel|auth)\/([A-Za-z0-9_-]{16,64})/g)) secrets.add(m[1]);
      // …and the sign-in mail still brings the person back to the invitation.
      if (row.template === 'magic_link') expect(decodeURIComponent(text)).toContain(`next=/join/${join}`);
    }
    expect(secrets.size).toBeGreaterThanOrEqual(6);
    const dump = await dumpAll();
    for (const s of secrets) expect(dump, `secret ${s.slice(0, 6)}… found at rest`).not.toContain(s);
  });
});
