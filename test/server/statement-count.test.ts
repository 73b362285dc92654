import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_AGE_MS } from '../../server/services/answer-cache.ts';
import { makeWorld, missionFor, people, secretOf, sessionInput, type World } from './helpers.ts';

/**
 * No N+1: the number of SQL statements a procedure sends does not depend on the size of what it reads.
 * Each procedure is called on a tiny mission (1 session, nobody on it) and on a big one (30 sessions ×
 * 3 facilitators × 10 participants, its coordinator holding 4 more missions), counting statements with
 * the drizzle logger's counter (`Database.statements`). The counts must be equal; they are printed too.
 */
const w: World = await makeWorld();

type Person = (typeof people)['camille'];
let n = 0;
const person = (prefix: string): Person => {
  n += 1;
  return { sub: `p-${prefix}-${n}`, email: `${prefix}-${n}@fresk.test`, name: `${prefix} ${n}`, role: 'facilitator', of: true };
};

/** Statements sent while `fn` runs (nothing else runs on this world meanwhile). */
async function statementsOf(fn: () => Promise<unknown>): Promise<number> {
  const before = w.database.statements;
  await fn();
  return w.database.statements - before;
}

interface Fixture {
  coordinator: Person;
  missionId: string;
  sessionId: string;
  signupCode: string;
  joinCode: string;
}

/** A mission of `sessions` sessions, each with `facilitators` facilitators (the coordinator first) and `participants` participants. */
async function build(opts: { sessions: number; facilitators: number; participants: number; otherMissions: number }): Promise<Fixture> {
  const coordinator = person('coord');
  for (let i = 0; i < opts.otherMissions; i++) await missionFor(w, coordinator);
  const missionId = await missionFor(w, coordinator);
  let last: { sessionId: string; facilitatorInviteUrl: string; participantSignupUrl: string } | undefined;
  for (let s = 0; s < opts.sessions; s++) {
    // Room for one more facilitator and many more participants, so join and register can be measured on it.
    last = await w.as(coordinator).sessions.create(sessionInput(missionId, 10 + s, { capacity: 1000, extraFacilitators: opts.facilitators }));
    const joinCode = secretOf(last.facilitatorInviteUrl);
    for (let f = 1; f < opts.facilitators; f++) await w.as(person('fac')).facilitators.join({ token: joinCode });
    const code = secretOf(last.participantSignupUrl);
    for (let p = 0; p < opts.participants; p++) {
      await w.anonymous().participants.register({ code, name: `P ${p}`, email: `p${p}-${s}-${missionId.slice(0, 8)}@example.org`, consent: true });
    }
  }
  // Warm the coordinator's facilitator record (created or updated from the claims on first use).
  await w.as(coordinator).missions.list({});
  return { coordinator, missionId, sessionId: last!.sessionId, signupCode: secretOf(last!.participantSignupUrl), joinCode: secretOf(last!.facilitatorInviteUrl) };
}

let tiny: Fixture;
let big: Fixture;

beforeAll(async () => {
  tiny = await build({ sessions: 1, facilitators: 1, participants: 0, otherMissions: 0 });
  big = await build({ sessions: 30, facilitators: 3, participants: 10, otherMissions: 4 });
}, 120_000);

const counts: Record<string, [number, number]> = {};

async function compare(name: string, call: (f: Fixture) => Promise<unknown>) {
  const small = await statementsOf(() => call(tiny));
  const large = await statementsOf(() => call(big));
  counts[name] = [small, large];
  console.log(`[statements] ${name}: tiny mission ${small}, big mission ${large}`);
  expect(small).toBeGreaterThan(0);
  expect(large).toBe(small);
}

describe('SQL statements per procedure call do not grow with the mission (no N+1)', () => {
  it('the big mission is big', async () => {
    const m = await w.as(big.coordinator).missions.get({ missionId: big.missionId });
    expect(m.sessions).toHaveLength(30);
    expect(m.sessions.every((s) => s.facilitatorsCount === 3 && s.participantsCount === 10)).toBe(true);
    expect(await w.as(big.coordinator).missions.list({})).toHaveLength(5);
  });

  it('missions.get', () => {
    // The big mission's dashboard was read above with nothing written since: a second later the answer cache
    // (server/services/answer-cache.ts) has let it go, so both calls below compute it.
    w.clock.advance(MAX_AGE_MS);
    return compare('missions.get', (f) => w.as(f.coordinator).missions.get({ missionId: f.missionId }));
  });

  it('missions.list', () => compare('missions.list', (f) => w.as(f.coordinator).missions.list({})));

  it('sessions.get', () => compare('sessions.get', (f) => w.as(f.coordinator).sessions.get({ sessionId: f.sessionId })));

  it('participants.register (a new email)', async () => {
    let i = 0;
    await compare('participants.register', (f) =>
      w.anonymous().participants.register({ code: f.signupCode, name: 'New', email: `new-${++i}@example.org`, consent: true }),
    );
  });

  it('participants.register (the same email again: the same registration back)', async () => {
    const again = (f: Fixture) => w.anonymous().participants.register({ code: f.signupCode, name: 'Again', email: 'again@example.org', consent: true });
    await again(tiny);
    await again(big);
    await compare('participants.register repeat', again);
  });

  it('participants.signupInfo', () => compare('participants.signupInfo', (f) => w.anonymous().participants.signupInfo({ code: f.signupCode })));

  it('facilitators.join', async () => {
    const joiners = [person('joiner'), person('joiner')];
    // Their facilitator records exist before the measured call, as for anyone who has used the portal once.
    for (const p of joiners) await w.as(p).facilitators.mySessions({});
    let i = 0;
    await compare('facilitators.join', (f) => w.as(joiners[i++]).facilitators.join({ token: f.joinCode }));
  });

  it('the counts are printed', () => {
    expect(Object.keys(counts)).toEqual(
      expect.arrayContaining(['missions.get', 'missions.list', 'sessions.get', 'participants.register', 'facilitators.join']),
    );
  });
});
