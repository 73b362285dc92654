/**
 * Test data for the portal elements, made through the real server over real HTTP from the test page's
 * origin (cross-origin, as on the association's portal): demo-mode `/dev/token` mints JWTs, the admin's
 * `admin.createMission` and the coordinator's procedures build missions and sessions, `/dev/outbox.json`
 * shows the links emails carry.
 */
import { addDays, zonedIso, zonedParts } from '../../domain/time.ts';

export const api: string = (() => {
  const value = (globalThis as { FRESK_API?: string }).FRESK_API;
  if (!value) throw new Error('FRESK_API is not set: run the tests with web-test-runner.config.mjs, which starts the server');
  return value;
})();

const unique = () => crypto.randomUUID().slice(0, 8);
export const uniqueEmail = (who = 'person') => `${who}.${unique()}@example.org`;

export async function call<T = any>(path: string, input: unknown, token?: string, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const response =
    kind === 'query'
      ? await fetch(`${api}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(`${api}/trpc/${path}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const body = await response.json();
  if (body.error) throw new Error(`${path}: ${body.error.data?.reason ?? body.error.message}`);
  return body.result.data as T;
}

export interface Person {
  sub: string;
  email: string;
  name: string;
  token: string;
}

export async function person(name: string, role: 'facilitator' | 'admin' = 'facilitator', of = true): Promise<Person> {
  const sub = `test-${unique()}`;
  const email = uniqueEmail(name.toLowerCase().replace(/[^a-z]/g, ''));
  const response = await fetch(`${api}/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub, email, name, role, of }),
  });
  if (!response.ok) throw new Error(`/dev/token answered ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return { sub, email, name, token };
}

let adminPerson: Promise<Person> | undefined;
const admin = () => (adminPerson ??= person('Staff', 'admin'));

/** Makes the person known to the server (and OF-compliant or not) before anyone invites them. */
export async function register(p: Person, ofCompliant = true): Promise<void> {
  await call('admin.setFacilitator', { email: p.email, name: p.name, ofCompliant }, (await admin()).token);
}

export interface MissionSetup {
  coordinator: Person;
  missionId: string;
  title: string;
}

/** A mission created by the association for a new coordinator, with an order. */
export async function mission(
  options: { sector?: string; order?: { kind: 'atelier' | 'formation'; quantity: number }[]; title?: string; organization?: string } = {},
): Promise<MissionSetup> {
  const coordinator = await person('Coralie Coord');
  const title = options.title ?? `Mission ${unique()}`;
  const { missionId } = await call<{ missionId: string }>(
    'admin.createMission',
    {
      title,
      organization: { name: options.organization ?? 'ACME Industries', sector: options.sector ?? 'entreprise' },
      coordinator: { email: coordinator.email, name: coordinator.name },
      order: options.order ?? [{ kind: 'atelier', quantity: 10 }],
    },
    (await admin()).token,
  );
  return { coordinator, missionId, title };
}

/**
 * The Paris calendar day `days` from today (YYYY-MM-DD), as a date input takes it. Tests place sessions at
 * fixed Paris times on such a day, never at now + N × 24 h, so that nothing depends on the hour they run.
 */
export const parisDay = (days: number) => addDays(zonedParts(Date.now(), 'Europe/Paris').date, days);

/** A session planned through the API, 10:00–13:00 Paris on its day; `daysFromNow` < 0 makes one that has already ended. */
export async function session(
  m: MissionSetup,
  options: { daysFromNow?: number; extraFacilitators?: number; capacity?: number; coordinatorFacilitates?: boolean; kind?: 'atelier' | 'formation' } = {},
): Promise<{ sessionId: string; facilitatorInviteUrl: string; participantSignupUrl: string }> {
  const day = parisDay(options.daysFromNow ?? 30);
  return call('sessions.create', {
    missionId: m.missionId,
    kind: options.kind ?? 'atelier',
    startsAt: zonedIso(day, '10:00', 'Europe/Paris'),
    endsAt: zonedIso(day, '13:00', 'Europe/Paris'),
    location: { mode: 'onsite', address: '1 rue de la Paix, Paris' },
    capacity: options.capacity ?? 12,
    extraFacilitators: options.extraFacilitators ?? 0,
    coordinatorFacilitates: options.coordinatorFacilitates ?? true,
  }, m.coordinator.token);
}

export const getMission = (m: MissionSetup) => call('missions.get', { missionId: m.missionId }, m.coordinator.token, 'query');
export const getSession = (m: MissionSetup, sessionId: string) => call('sessions.get', { sessionId }, m.coordinator.token, 'query');

export interface OutboxMessage {
  template: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
}

export async function outbox(): Promise<OutboxMessage[]> {
  const response = await fetch(`${api}/dev/outbox.json`);
  return response.json();
}

/** The last path segment of a link (`…/join/<token>` → `<token>`). */
export const lastSegment = (url: string) => new URL(url).pathname.split('/').filter(Boolean).pop()!;
