import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { codeOfReason, procedureDefs, procedureReasons, reasonsOf } from '../../server/openapi.ts';
import { makeWorld, people } from './helpers.ts';

const w = await makeWorld();

async function served() {
  const res = await w.app.request('/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as { paths: Record<string, Record<string, any>>; servers: { url: string }[] };
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await served();
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    expect(doc.servers[0].url).toBe('http://fresk.test');
  });

  it('describes every procedure of the router, queries as GET with ?input=, mutations as POST', async () => {
    const doc = await served();
    const defs = procedureDefs();
    expect(Object.keys(defs).length).toBeGreaterThan(20);
    for (const [path, def] of Object.entries(defs)) {
      const item = doc.paths[`/trpc/${path}`];
      expect(item, path).toBeDefined();
      if (def.type === 'query') {
        expect(Object.keys(item)).toEqual(['get']);
        if (def.inputs.length) expect(item.get.parameters[0]).toMatchObject({ name: 'input', in: 'query' });
      } else {
        expect(Object.keys(item)).toEqual(['post']);
        if (def.inputs.length) expect(item.post.requestBody.content['application/json'].schema.type).toBe('object');
      }
    }
  });

  it('gives dates as date-time, URLs as uri, emails as email, and the reasons per procedure', async () => {
    const doc = await served();
    const create = doc.paths['/trpc/sessions.create'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.properties.startsAt.format).toBe('date-time');
    expect(JSON.stringify(schema.properties.location)).toContain('"format":"uri"');
    expect(doc.paths['/trpc/admin.setFacilitator'].post.requestBody.content['application/json'].schema.properties.email.format).toBe('email');
    expect(create['x-fresk-reasons']).toEqual(expect.arrayContaining(['ends_before_start', 'mission_closed', 'not_found', 'unauthorized', 'invalid_input']));
    expect(create.responses['400'].description).toContain('`ends_before_start`');
    expect(create.security).toEqual([{ bearer: [] }]);
    const register = doc.paths['/trpc/participants.register'].post;
    expect(register.security).toEqual([]);
    expect(register.responses['409'].description).toContain('`session_full`');
    expect(register.responses['429'].description).toContain('`rate_limited`');
    expect(doc.paths['/trpc/admin.createMission'].post['x-fresk-reasons']).toContain('forbidden');
  });

  it('lists only reasons with a known code (no typo can hide in the per-procedure list)', () => {
    const listed = [...Object.entries(procedureDefs()).map(([path, def]) => [path, reasonsOf(path, def)] as const), ...Object.entries(procedureReasons)];
    const unknown = listed.flatMap(([path, reasons]) => reasons.filter((r) => !codeOfReason(r)).map((r) => `${path}: ${r}`));
    expect(unknown).toEqual([]);
  });

  it('matches what the server answers: a reason it lists comes back in data.reason', async () => {
    const token = await w.token(people.camille);
    const input = encodeURIComponent(JSON.stringify({ missionId: 'nope' }));
    const res = await w.app.request(`/trpc/missions.get?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { error: { data: { reason: string; httpStatus: number } } };
    const doc = await served();
    expect(doc.paths['/trpc/missions.get'].get.responses[String(res.status)].description).toContain(`\`${body.error.data.reason}\``);
  });
});
