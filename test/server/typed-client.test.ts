import { describe, expect, it } from 'vitest';
import { createFreskClient, freskReason } from '../../client/index.ts';
import { makeWorld, missionFor, people } from './helpers.ts';

const w = await makeWorld();
/** The client's requests go to the app in memory. */
const viaApp: typeof fetch = (input, init) => Promise.resolve(w.app.request(String(input), init as RequestInit));

describe('createFreskClient (client/index.ts)', () => {
  it('calls queries and mutations with the token and types, and reads reasons', async () => {
    const missionId = await missionFor(w);
    let reads = 0;
    const token = await w.token(people.camille);
    const client = createFreskClient({ url: 'http://fresk.test/', fetch: viaApp, token: () => (reads++, token) });
    const missions = await client.missions.list.query({});
    expect(missions.map((m) => m.id)).toContain(missionId);
    expect(reads).toBeGreaterThan(0);
    const { sessionId } = await client.sessions.create.mutate({
      missionId,
      kind: 'atelier',
      startsAt: '2027-04-01T09:00:00+02:00',
      endsAt: '2027-04-01T12:00:00+02:00',
      location: { mode: 'online', url: 'https://meet.example.org/x' },
      capacity: 10,
      extraFacilitators: 0,
    });
    expect(sessionId).toBeTruthy();
    const error = await client.missions.get.query({ missionId: 'nope' }).catch((e: unknown) => e);
    expect(freskReason(error)).toBe('not_found');
  });

  it('without a token, signed-in procedures answer unauthorized', async () => {
    const client = createFreskClient({ url: 'http://fresk.test', fetch: viaApp });
    expect(freskReason(await client.missions.list.query({}).catch((e: unknown) => e))).toBe('unauthorized');
  });
});
