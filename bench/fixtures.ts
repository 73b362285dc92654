/**
 * Bench fixtures built through the real procedures (tRPC callers, no HTTP), so the data is exactly what
 * the API would have written: missions, sessions, facilitators joining by the shareable link, participants
 * registering with the signup code.
 */
import { signJwt, type Claims } from '../server/auth.ts';
import type { Deps } from '../server/context.ts';
import { createCaller } from '../server/router.ts';

type Person = Omit<Claims, 'exp'>;

const DAY = 86_400_000;
let counter = 0;

export const admin: Person = { sub: 'bench-admin', email: 'staff@bench.test', name: 'Bench staff', role: 'admin' };

export function facilitator(prefix = 'fac'): Person {
  counter += 1;
  return { sub: `bench-${prefix}-${counter}`, email: `${prefix}-${counter}@bench.test`, name: `${prefix} ${counter}`, role: 'facilitator', of: true };
}

export function callers(deps: Deps) {
  const exp = () => Math.floor(deps.clock.now() / 1000) + 24 * 3600;
  return {
    as: (p: Person) => createCaller({ ...deps, claims: { ...p, exp: exp() }, clientIp: 'bench-seed' }),
    anonymous: () => createCaller({ ...deps, claims: null, clientIp: 'bench-seed' }),
    /** A bearer token for HTTP calls, valid for a day. */
    token: (p: Person) => signJwt({ ...p, exp: exp() }, deps.config.authSecret),
  };
}

/** The secret at the end of a link (`…/signup/<secret>`). */
export const secretOf = (url: string) => url.split('/').pop()!;

/** A session `dayOffset` days from now, 09:00–12:00 UTC. */
export function sessionAt(deps: Deps, missionId: string, dayOffset: number, extra: Record<string, unknown> = {}) {
  const day = new Date(deps.clock.now() + dayOffset * DAY).toISOString().slice(0, 10);
  return {
    missionId,
    kind: 'atelier' as const,
    startsAt: `${day}T09:00:00Z`,
    endsAt: `${day}T12:00:00Z`,
    location: { mode: 'onsite' as const, address: '1 rue de Rivoli, 75001 Paris' },
    capacity: 30,
    extraFacilitators: 3,
    ...extra,
  };
}

export async function createMissionFor(deps: Deps, coordinator: Person, title = 'Bench mission') {
  const { as } = callers(deps);
  const { missionId } = await as(admin).admin.createMission({
    title,
    organization: { name: 'Bench Corp', sector: 'entreprise' },
    coordinator: { email: coordinator.email, name: coordinator.name },
    order: [
      { kind: 'atelier', quantity: 200 },
      { kind: 'formation', quantity: 10 },
    ],
  });
  return missionId;
}

/**
 * A mission of `sessions` sessions, each with `facilitators` facilitators (the coordinator and others who
 * joined by the link) and `participants` registered participants.
 */
export async function bigMission(deps: Deps, opts: { sessions: number; facilitators: number; participants: number }) {
  const { as, anonymous, token } = callers(deps);
  const coordinator = facilitator('coord');
  const missionId = await createMissionFor(deps, coordinator, `Bench mission ${opts.sessions}×${opts.facilitators}×${opts.participants}`);
  const others = Array.from({ length: opts.facilitators - 1 }, () => facilitator());
  for (let s = 0; s < opts.sessions; s++) {
    const created = await as(coordinator).sessions.create(sessionAt(deps, missionId, 30 + s, { capacity: Math.max(opts.participants, 1), extraFacilitators: opts.facilitators - 1 }));
    for (const f of others) await as(f).facilitators.join({ token: secretOf(created.facilitatorInviteUrl) });
    const code = secretOf(created.participantSignupUrl);
    for (let p = 0; p < opts.participants; p++) {
      await anonymous().participants.register({ code, name: `Participant ${s}-${p}`, email: `participant-${s}-${p}@example.org`, consent: true });
    }
  }
  return { missionId, coordinator, token: await token(coordinator) };
}

/** `count` open sessions of capacity `capacity` on one mission; their public signup codes. */
export async function signupSessions(deps: Deps, count: number, capacity: number) {
  const { as } = callers(deps);
  const coordinator = facilitator('coord');
  const missionId = await createMissionFor(deps, coordinator, 'Bench signup sessions');
  const codes: string[] = [];
  for (let s = 0; s < count; s++) {
    const created = await as(coordinator).sessions.create(sessionAt(deps, missionId, 14 + s, { capacity, title: `Bench session ${s + 1}` }));
    codes.push(secretOf(created.participantSignupUrl));
  }
  return { missionId, codes };
}
