import { describe, expect, it, vi } from 'vitest';
import type { Tx } from '../../server/db.ts';
import { failure, makeWorld, missionFor, people, planWith, slot } from './helpers.ts';

const w = await makeWorld();

/** Runs the next write transaction blind to existing retribution requests, as a Worker isolate that read before another's commit. */
function blindToExistingRequests() {
  const write = w.database.write.bind(w.database);
  vi.spyOn(w.database, 'write').mockImplementationOnce(<T>(fn: (tx: Tx) => Promise<T>) =>
    write((tx) => {
      const query = new Proxy(tx.query, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'retributionRequests') return value;
          return { findFirst: async () => undefined, findMany: value.findMany.bind(value) };
        },
      });
      return fn(new Proxy(tx, { get: (t, p, r) => (p === 'query' ? query : Reflect.get(t, p, r)) }));
    }),
  );
}

describe('unique-index races answer their reason, not 500', () => {
  it('a second request in the month that lost the race to the (mission, period) index', async () => {
    w.clock.set('2027-03-01T10:00:00+01:00');
    const missionId = await missionFor(w, people.camille);
    await planWith(w, missionId, slot('2027-03-02'), [people.louis]);
    await planWith(w, missionId, slot('2027-03-03'), [people.ines]);
    w.clock.set('2027-03-02T18:00:00+01:00');
    await w.as(people.camille).retributions.request({ missionId });
    w.clock.set('2027-03-04T10:00:00+01:00');
    blindToExistingRequests();
    const f = await failure(w.as(people.camille).retributions.request({ missionId }));
    expect(f).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'retributions_already_requested_this_month' });
    expect(f.data?.nextAllowedAt).toBe('2027-04-01T00:00:00+02:00');
  });
});
