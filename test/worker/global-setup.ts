/**
 * Starts, on 127.0.0.1, what the workerd tests talk to:
 *   - the libSQL HTTP stand-in for Turso (test/libsql-http-server.ts), with an auth token;
 *   - the fake Resend API (test/fake-resend.ts);
 *   - a control endpoint for assertions from inside workerd (`GET /resend` → the fake's attempts and
 *     deliveries), since the tests cannot reach this process's memory; any other path answers 503, which
 *     the outage test uses as a Turso that is down.
 * Their URLs reach the worker's bindings through `provide` → `inject` (vitest.config.ts).
 */
import { createServer } from 'node:http';
import type { TestProject } from 'vitest/node';
import { startFakeResend } from '../fake-resend.ts';
import { startLibsqlHttpServer } from '../libsql-http-server.ts';

export default async function setup(project: TestProject) {
  const dbToken = 'test-turso-token';
  const db = await startLibsqlHttpServer({ authToken: dbToken });
  const resend = await startFakeResend();
  const control = createServer((req, res) => {
    if (req.url === '/resend') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ attempts: resend.attempts, deliveries: resend.deliveries }));
      return;
    }
    // Anything else answers like a database that is down (503), for the outage tests.
    res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
  });
  await new Promise<void>((ok) => control.listen(0, '127.0.0.1', ok));

  project.provide('dbUrl', db.url);
  project.provide('dbToken', dbToken);
  project.provide('authSecret', 'worker-test-secret-0123456789-abcdefghijklmnop');
  project.provide('resendUrl', resend.url);
  project.provide('controlUrl', `http://127.0.0.1:${(control.address() as { port: number }).port}`);

  return async () => {
    await new Promise<void>((ok) => control.close(() => ok()));
    await resend.close();
    await db.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbUrl: string;
    dbToken: string;
    authSecret: string;
    resendUrl: string;
    controlUrl: string;
  }
}
