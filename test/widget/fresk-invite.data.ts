/**
 * Test data for the `<fresk-invite>` tests, on top of the portal tests' helpers (`portal.data.ts`): real
 * server, real HTTP, from the test page's origin, so every call is cross-origin as on a WordPress page.
 */
import { api, call, mission, outbox, uniqueEmail } from './portal.data.ts';

export { api, uniqueEmail };

export interface TestSession {
  sessionId: string;
  code: string;
  /** The coordinator's JWT, to check from their side what the widget did. */
  coordinator: string;
}

/**
 * A session of a new mission, by default an atelier on Monday 4 March 2030, 09:00–12:00 Paris time, in
 * Paris; `code` is the end of its `participantSignupUrl`.
 */
export async function createSession(
  options: {
    capacity?: number;
    organization?: string;
    title?: string;
    startsAt?: string;
    endsAt?: string;
    timezone?: string;
    location?: { mode: 'onsite'; address: string } | { mode: 'online'; url: string };
  } = {},
): Promise<TestSession> {
  const m = await mission({ organization: options.organization });
  const created = await call<{ sessionId: string; participantSignupUrl: string }>(
    'sessions.create',
    {
      missionId: m.missionId,
      kind: 'atelier',
      ...(options.title ? { title: options.title } : {}),
      ...(options.timezone ? { timezone: options.timezone } : {}),
      startsAt: options.startsAt ?? '2030-03-04T09:00:00+01:00',
      endsAt: options.endsAt ?? '2030-03-04T12:00:00+01:00',
      location: options.location ?? { mode: 'onsite', address: '12 rue des Lilas, 75011 Paris' },
      capacity: options.capacity ?? 2,
      extraFacilitators: 0,
    },
    m.coordinator.token,
  );
  const code = decodeURIComponent(new URL(created.participantSignupUrl).pathname.split('/signup/')[1]);
  return { sessionId: created.sessionId, code, coordinator: m.coordinator.token };
}

export interface SessionDetails {
  seatsLeft: number;
  participants: { participantId: string; name: string; email: string; registeredAt: string }[];
}

export const getSession = (s: TestSession) => call<SessionDetails>('sessions.get', { sessionId: s.sessionId }, s.coordinator, 'query');

export const cancelSession = (s: TestSession) => call('sessions.cancel', { sessionId: s.sessionId }, s.coordinator);

export const inviteParticipants = (s: TestSession, emails: string[]) => call('participants.invite', { sessionId: s.sessionId, emails }, s.coordinator);

/** Registers through the API, as another participant on another page would. */
export const registerParticipant = (s: TestSession, name: string, email: string) =>
  call<{ registrationId: string }>('participants.register', { code: s.code, name, email, consent: true });

/** The secret after `/segment/` in the last `template` email to `to` (the outbox is written in the same transaction). */
export async function emailedSecret(to: string, template: string, segment: string): Promise<string> {
  const message = (await outbox()).find((m) => m.to === to && m.template === template);
  const link = message?.links.find((l) => l.includes(`/${segment}/`));
  if (!link) throw new Error(`no ${template} email with a /${segment}/ link to ${to}`);
  return decodeURIComponent(new URL(link).pathname.split(`/${segment}/`)[1]);
}
