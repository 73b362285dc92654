import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { facilitators, outbox } from '../../schema/index.ts';
import { http, makeWorld, missionFor, people, planWith, slot, type Person } from './helpers.ts';

const w = await makeWorld();
const list = (token: string) => http(w, 'missions.list', { method: 'GET', token });

describe('erasure scrubs every copy and is not reversible', () => {
  it("scrubs the association's copies and refuses tokens issued before the erasure", async () => {
    const lea: Person = { sub: 'p-lea', email: 'lea@fresk.test', name: 'Léa Martin', role: 'facilitator', of: true };
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w, people.camille);
    await planWith(w, missionId, slot('2027-03-02'), [lea]);
    w.clock.set('2027-03-03T10:00:00+01:00');
    await w.as(people.camille).retributions.request({ missionId });
    const copies = async () => (await w.db.select().from(outbox).where(eq(outbox.to, 'asso@asso.test'))).map((r) => r.data).join('\n');
    expect(await copies()).toContain(lea.email);
    const before = await w.token(lea); // issued before the erasure, still within its lifetime afterwards
    expect((await list(before)).status).toBe(200);

    w.clock.set('2027-03-03T10:05:00+01:00');
    await w.as(people.admin).admin.erasePerson({ email: lea.email });
    const scrubbed = await copies();
    expect(scrubbed).not.toContain(lea.email);
    expect(scrubbed).not.toContain(lea.name);
    expect(scrubbed).toContain('Camille'); // others stay

    // A token from before the erasure neither reaches nor recreates the person.
    const res = await list(before);
    expect(res.status).toBe(401);
    expect(await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, lea.email) })).toBeUndefined();
    // Someone signing up again afterwards is a new person.
    w.clock.set('2027-03-04T10:00:00+01:00');
    expect((await list(await w.token(lea))).status).toBe(200);
  });
});

describe('admin.revokeTokens: a per-person "not before"', () => {
  it("refuses every token issued before, accepts the next ones, and touches nobody else", async () => {
    const max: Person = { sub: 'p-max', email: 'max@fresk.test', name: 'Max', role: 'facilitator', of: true };
    w.clock.set('2027-03-10T10:00:00+01:00');
    const old = await w.token(max);
    const withIat = await w.token(max, { iat: Math.floor(w.clock.now() / 1000) });
    expect((await list(old)).status).toBe(200);
    w.clock.set('2027-03-10T10:01:00+01:00');
    expect(await w.as(people.admin).admin.revokeTokens({ email: max.email })).toHaveProperty('revokedAt');
    expect((await list(old)).status).toBe(401);
    expect((await list(withIat)).status).toBe(401);
    w.clock.set('2027-03-10T10:02:00+01:00');
    expect((await list(await w.token(max, { iat: Math.floor(w.clock.now() / 1000) }))).status).toBe(200);
    expect((await list(await w.token(people.camille))).status).toBe(200);
  });

  it('is for staff only, and answers NOT_FOUND for an unknown address', async () => {
    expect((await http(w, 'admin.revokeTokens', { input: { email: people.camille.email }, token: await w.token(people.louis) })).status).toBe(403);
    expect((await http(w, 'admin.revokeTokens', { input: { email: 'nobody@x.test' }, token: await w.token(people.admin) })).status).toBe(404);
  });
});
