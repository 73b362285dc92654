/**
 * The demo's small believable world, created through the same services the API uses (with a clock moved
 * into the past for what already happened). Runs at start-up in demo mode when the database has no mission.
 */
import { eq } from 'drizzle-orm';
import { registrations, sessions } from '../schema/index.ts';
import { FixedClock } from '../server/clock.ts';
import type { Deps } from '../server/context.ts';
import { closeMission, createMission } from '../server/services/missions.ts';
import { inviteFacilitators, setFacilitator, setStatus } from '../server/services/facilitators.ts';
import type { Caller } from '../server/services/identity.ts';
import { register } from '../server/services/participants.ts';
import { requestRetributions } from '../server/services/retributions.ts';
import { createSession } from '../server/services/sessions.ts';
import { secretFor } from '../server/services/tokens.ts';
import { addWalkIn, markAttendance } from '../server/services/attendance.ts';
import { sendFollowUp } from '../server/services/follow-up.ts';
import { answerSurvey } from '../server/services/survey.ts';
import { sql } from 'drizzle-orm';

/** The people of the demo; the demo page signs in as them through `/dev/token`. */
export const demoPeople = {
  admin: { sub: 'demo-admin', email: 'equipe@fresque-demo.org', name: 'Équipe association', role: 'admin' as const },
  camille: { sub: 'demo-camille', email: 'camille@fresque-demo.org', name: 'Camille Martin', role: 'facilitator' as const, of: true },
  louis: { sub: 'demo-louis', email: 'louis@fresque-demo.org', name: 'Louis Bernard', role: 'facilitator' as const, of: true },
  ines: { sub: 'demo-ines', email: 'ines@fresque-demo.org', name: 'Inès Haddad', role: 'facilitator' as const, of: true },
  paul: { sub: 'demo-paul', email: 'paul@fresque-demo.org', name: 'Paul Renaud', role: 'facilitator' as const, of: false },
};

export const DEMO_OPEN_SESSION_TITLE = 'Fresque du Climat — équipe produit';
/** A facilitator the server never saw before Camille invited her: she signs in with the outbox's magic link. */
export const DEMO_INVITEE = { email: 'nora.lefevre@fresque-demo.org', name: 'Nora Lefèvre' };

const DAY = 86_400_000;

/** ISO string with the Paris offset for a day offset from `base` at a Paris wall-clock hour. */
function parisAt(base: number, dayOffset: number, hour: number): string {
  const d = new Date(base + dayOffset * DAY);
  const ymd = d.toISOString().slice(0, 10);
  // Probe the Paris offset at noon that day (60 or 120 minutes).
  const probe = Date.parse(`${ymd}T12:00:00Z`);
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(new Date(probe));
  const off = Number(local) - 12;
  return `${ymd}T${String(hour).padStart(2, '0')}:00:00+${String(off).padStart(2, '0')}:00`;
}

export async function seedDemo(deps: Deps): Promise<void> {
  const [{ n }] = await deps.database.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM missions`);
  if (Number(n) > 0) return;
  const now = deps.clock.now();
  const past = new FixedClock(now - 70 * DAY);
  const at = (t: number) => ({ ...deps, clock: new FixedClock(t), kickOutbox: undefined });

  const ids: Record<string, string> = {};
  for (const key of ['camille', 'louis', 'ines', 'paul'] as const) {
    const p = demoPeople[key];
    ids[key] = (await setFacilitator(deps, { email: p.email, name: p.name, ofCompliant: p.of })).facilitatorId;
  }
  const admin: Caller = { facilitatorId: 'demo-admin', role: 'admin', email: demoPeople.admin.email, name: demoPeople.admin.name };
  const as = (key: 'camille' | 'louis'): Caller => ({ facilitatorId: ids[key], role: 'facilitator', email: demoPeople[key].email, name: demoPeople[key].name });
  const onsite = (address: string) => ({ mode: 'onsite' as const, address });
  const session = (d: Deps, me: Caller, missionId: string, day: number, extra: Partial<Parameters<typeof createSession>[2]> = {}) =>
    createSession(d, me, {
      missionId,
      kind: 'atelier',
      startsAt: parisAt(now, day, 9),
      endsAt: parisAt(now, day, 12),
      location: onsite('12 rue de la Paix, 75002 Paris'),
      capacity: 14,
      extraFacilitators: 1,
      ...extra,
    });
  const joinAs = async (sessionId: string, who: 'ines' | 'louis' | 'camille', status?: 'interne' | 'benevole', me?: Caller) => {
    await deps.database.db.run(sql`INSERT INTO session_facilitators (session_id, facilitator_id, status, registered_at) VALUES (${sessionId}, ${ids[who]}, 'remunere', ${past.now()})`);
    if (status && me) await setStatus(at(past.now()), me, { sessionId, facilitatorId: ids[who], status });
  };

  // 1. Camille's company mission: past sessions still to request, future ones to staff and fill.
  const alpha = await createMission(at(past.now()), admin, {
    title: 'Fresques du Climat — Groupe Alpha',
    organization: { name: 'Groupe Alpha', sector: 'entreprise' },
    coordinator: { email: demoPeople.camille.email, name: demoPeople.camille.name },
    order: [
      { kind: 'atelier', quantity: 10 },
      { kind: 'formation', quantity: 2 },
    ],
  });
  const camille = as('camille');
  const a1 = await session(at(past.now()), camille, alpha.missionId, -20, { title: 'Atelier direction' });
  await joinAs(a1.sessionId, 'ines');
  const rh = await session(at(past.now()), camille, alpha.missionId, -6, { title: 'Atelier RH', extraFacilitators: 0, capacity: 12 });
  await seedDayAfter(deps, camille, { now, past: past.now(), answered: { ...a1, startsAt: Date.parse(parisAt(now, -20, 9)) }, ended: { ...rh, startsAt: Date.parse(parisAt(now, -6, 9)) } });
  // Le jour J: a session happening now (started half an hour ago, by the real clock at seed time), so
  // the Émargement tab, the QR code and the check-in page can be tried at once.
  const quarter = 15 * 60_000;
  const todayStart = Math.floor(now / quarter) * quarter - 2 * quarter;
  const today = await session(at(past.now()), camille, alpha.missionId, 0, {
    title: "Atelier d'aujourd'hui — équipe support",
    startsAt: new Date(todayStart).toISOString().replace('.000Z', 'Z'),
    endsAt: new Date(todayStart + 3 * 3600_000).toISOString().replace('.000Z', 'Z'),
    capacity: 12,
  });
  for (const [name, email] of [
    ['Farid Benali', 'farid.benali@alpha.example'],
    ['Gaëlle Le Goff', 'gaelle.legoff@alpha.example'],
    ['Hugo Lambert', 'hugo.lambert@alpha.example'],
    ['Nguyễn Thị Lan', 'lan.nguyen@alpha.example'],
  ]) {
    await register(at(past.now()), { code: today.participantSignupUrl.split('/').pop()!, name, email });
  }
  const open = await session(at(past.now()), camille, alpha.missionId, 12, { title: DEMO_OPEN_SESSION_TITLE, extraFacilitators: 2, capacity: 16 });
  await session(at(past.now()), camille, alpha.missionId, 26, {
    kind: 'formation',
    title: 'Formation animateur·ices internes',
    location: { mode: 'online', url: 'https://visio.example.org/formation-alpha' },
    startsAt: parisAt(now, 26, 9),
    endsAt: parisAt(now, 26, 17),
    extraFacilitators: 1,
    capacity: 10,
  });
  for (const [name, email] of [
    ['Alice Durand', 'alice.durand@alpha.example'],
    ['Bruno Petit', 'bruno.petit@alpha.example'],
    ['Chloé Moreau', 'chloe.moreau@alpha.example'],
  ]) {
    await register(at(past.now()), { code: open.participantSignupUrl.split('/').pop()!, name, email });
  }
  // A full session with a waiting list: cancelling a seat (or raising the capacity) promotes Hugo.
  const full = await session(at(past.now()), camille, alpha.missionId, 19, { title: 'Atelier finance', extraFacilitators: 0, capacity: 3 });
  for (const [name, email] of [
    ['Diane Lambert', 'diane.lambert@alpha.example'],
    ['Étienne Roux', 'etienne.roux@alpha.example'],
    ['Fatou Diallo', 'fatou.diallo@alpha.example'],
    ['Hugo Garnier', 'hugo.garnier@alpha.example'],
    ['Inès Caron', 'ines.caron@alpha.example'],
  ]) {
    await register(at(past.now()), { code: full.participantSignupUrl.split('/').pop()!, name, email, waitlist: true });
  }
  // Nora was unknown until this invitation made her a facilitator record; the association then vouched for
  // her compliance (staff's word), so once signed in by magic link she can accept.
  await inviteFacilitators(at(now), camille, { sessionId: open.sessionId, emails: [DEMO_INVITEE.email] });
  await setFacilitator(deps, { email: DEMO_INVITEE.email, name: DEMO_INVITEE.name, ofCompliant: true });

  // 2. Louis's school mission (enseignement: bénévole allowed), with a past session to request.
  const lycee = await createMission(at(past.now()), admin, {
    title: 'Fresques au lycée Jean Moulin',
    organization: { name: 'Lycée Jean Moulin', sector: 'enseignement' },
    coordinator: { email: demoPeople.louis.email, name: demoPeople.louis.name },
    order: [{ kind: 'atelier', quantity: 6 }],
  });
  const louis = as('louis');
  const l1 = await session(at(past.now()), louis, lycee.missionId, -3, { title: 'Classe de seconde B', capacity: 30 });
  await joinAs(l1.sessionId, 'ines', 'benevole', louis);
  await session(at(past.now()), louis, lycee.missionId, 9, { title: 'Classe de première A', capacity: 30, extraFacilitators: 2 });

  // 3. Camille's town-hall mission, ready to close: all sessions ended, retributions requested last month.
  const mairie = await createMission(at(past.now()), admin, {
    title: 'Sensibilisation des agents — Mairie de Villeneuve',
    organization: { name: 'Mairie de Villeneuve', sector: 'collectivite' },
    coordinator: { email: demoPeople.camille.email },
    order: [{ kind: 'atelier', quantity: 2 }],
  });
  const m1 = await session(at(past.now()), camille, mairie.missionId, -50, { title: 'Agents des services techniques' });
  await joinAs(m1.sessionId, 'ines');
  await requestRetributions(at(now - 35 * DAY), camille, mairie.missionId);

  // 4. A closed mission, for the association's "ready to invoice" view.
  const asso = await createMission(at(past.now()), admin, {
    title: 'Fresque pour les bénévoles — Association Horizon',
    organization: { name: 'Association Horizon', sector: 'association' },
    coordinator: { email: demoPeople.louis.email },
    order: [{ kind: 'atelier', quantity: 1 }],
  });
  await session(at(past.now()), louis, asso.missionId, -40, { extraFacilitators: 0 });
  await requestRetributions(at(now - 30 * DAY), louis, asso.missionId);
  await closeMission(at(now - 29 * DAY), louis, asso.missionId);
}

/**
 * The days after, for the demo: `ended` (6 days ago) has its attendance taken and its follow-up not yet
 * sent; `answered` (20 days ago) was followed up and three participants answered the survey.
 */
async function seedDayAfter(
  deps: Deps,
  camille: Caller,
  o: { now: number; past: number; ended: { sessionId: string; participantSignupUrl: string; startsAt: number }; answered: { sessionId: string; participantSignupUrl: string; startsAt: number } },
) {
  const at = (t: number) => ({ ...deps, clock: new FixedClock(t), kickOutbox: undefined });
  const people = async (s: { participantSignupUrl: string }, list: [string, string][]) => {
    const ids: string[] = [];
    for (const [name, email] of list) ids.push((await register(at(o.past), { code: s.participantSignupUrl.split('/').pop()!, name, email })).registrationId);
    return ids;
  };
  const ended = await people(o.ended, [
    ['Inès Roux', 'ines.roux@alpha.example'],
    ['Jules Fabre', 'jules.fabre@alpha.example'],
    ['Karima Saïdi', 'karima.saidi@alpha.example'],
    ['Léo Marchand', 'leo.marchand@alpha.example'],
  ]);
  const during = o.ended.startsAt + 30 * 60_000;
  await markAttendance(at(during), camille, { sessionId: o.ended.sessionId, participantIds: ended.slice(0, 3), attendance: 'present' });
  await markAttendance(at(during), camille, { sessionId: o.ended.sessionId, participantIds: ended.slice(3), attendance: 'absent' });
  await addWalkIn(at(during), camille, { sessionId: o.ended.sessionId, name: 'Manon Vidal', email: 'manon.vidal@alpha.example' });

  const answered = await people(o.answered, [
    ['Nadia Kone', 'nadia.kone@alpha.example'],
    ['Olivier Brun', 'olivier.brun@alpha.example'],
    ['Pauline Costa', 'pauline.costa@alpha.example'],
    ['Quentin Roy', 'quentin.roy@alpha.example'],
  ]);
  await markAttendance(at(o.answered.startsAt + 15 * 60_000), camille, { sessionId: o.answered.sessionId, participantIds: answered, attendance: 'present' });
  await sendFollowUp(at(o.answered.startsAt + 5 * 3600_000), camille, o.answered.sessionId);
  const answers = [
    { overall: 5, content: 5, facilitation: 5, recommend: 10, takeaway: 'Le lien entre nos achats et les émissions', comment: 'Très bon rythme, merci !' },
    { overall: 4, content: 4, facilitation: 5, recommend: 9, takeaway: 'Proposer la fresque à mon équipe' },
    { overall: 4, content: 3, facilitation: 4, recommend: 7, comment: 'Un peu court pour débattre des solutions.' },
  ];
  for (const [i, a] of answers.entries()) {
    const reg = await deps.database.db.query.registrations.findFirst({ where: eq(registrations.id, answered[i]) });
    await answerSurvey(at(o.answered.startsAt + (1 + i) * DAY), { token: await secretFor(deps.config.authSecret, reg!.followUpTokenId!), answers: a });
  }
}

/** The signup code of the demo's open session (for the WordPress-like page). */
export async function demoSignupCode(deps: Deps): Promise<string> {
  const row = await deps.database.db.query.sessions.findFirst({ where: eq(sessions.title, DEMO_OPEN_SESSION_TITLE) });
  return row ? secretFor(deps.config.authSecret, row.signupLinkId) : 'missing';
}

