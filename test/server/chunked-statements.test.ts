import { describe, expect, it } from 'vitest';
import { listRetributionRequests } from '../../server/services/retributions.ts';
import { makeWorld, missionFor } from './helpers.ts';

const w = await makeWorld();

describe("statements stay under SQLite's 32,766 parameters", () => {
  it('lists 33,000 retribution requests (one bound id each) without failing', async () => {
    const missionId = await missionFor(w);
    await w.database.client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 33000)
            INSERT INTO retribution_requests (id, mission_id, period, requested_at, requested_by) SELECT 'bulk-' || i, ?, 'p' || i, i, 'x' FROM n`,
      args: [missionId],
    });
    const list = await listRetributionRequests(w.db);
    expect(list).toHaveLength(33000);
    expect(list[0].requestId).toBe('bulk-33000');
  });
});
