// Signup storm: 1,000 registrations sent at once over HTTP for a session of 30 seats.
//
//   node bench/storm.mjs [--requests 1000] [--seats 30] [--storms 3] [--json out.json]
//
// The server is the real Node entry in a child process (bench/server.ts) on a fresh embedded libSQL file.
// Each storm targets a new session: every request is a distinct participant, all are sent before any
// answer is read (one connection each), and the storm has settled when the last answer has come back.
// Accepted must be exactly the number of seats; every other answer must be `session_full`; the database
// is then read directly to count the registrations.
import { createClient } from '@libsql/client';
import { Agent, request } from 'node:http';
import { arg, emitJson, fmt, machine, median, startBenchServer, table } from './lib.mjs';

const requests = Number(arg('requests', 1000));
const seats = Number(arg('seats', 30));
const storms = Number(arg('storms', 3));

const server = await startBenchServer({ fixtures: [`signup:${storms}:${seats}`] });
const results = [];

/** One POST on its own socket; resolves with the status and the parsed JSON answer. */
function post(agent, url, payload) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        try {
          resolve({ statusCode: res.statusCode, body: JSON.parse(text) });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
try {
  for (let s = 0; s < storms; s++) {
    const code = server.info.fixtures.signup.codes[s];
    const answers = { accepted: 0, session_full: 0, other: {} };
    // A new connection per request, as from 1,000 browsers (no keep-alive socket reused across storms).
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const latencies = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: requests }, async (_, i) => {
        const started = performance.now();
        let reason = 'network_error';
        try {
          const payload = JSON.stringify({ code, name: `Storm ${s}-${i}`, email: `storm-${s}-${i}@example.org`, consent: true });
          const { statusCode, body } = await post(agent, `${server.url}/trpc/participants.register`, payload);
          reason = statusCode === 200 && body.result?.data?.status === 'registered' ? 'accepted' : (body.error?.data?.reason ?? `http_${statusCode}`);
        } catch (error) {
          reason = `network_error: ${error.code ?? error.message}`;
        }
        latencies.push(performance.now() - started);
        if (reason === 'accepted') answers.accepted++;
        else if (reason === 'session_full') answers.session_full++;
        else answers.other[reason] = (answers.other[reason] ?? 0) + 1;
      }),
    );
    const settledMs = performance.now() - t0;
    agent.destroy();
    // Count in the database itself (a second connection to the same file; WAL lets it read alongside).
    const db = createClient({ url: `file:${server.dbFile}` });
    const { rows } = await db.execute({
      sql: 'SELECT count(*) AS n, max(s.capacity) AS capacity FROM registrations r JOIN sessions s ON s.id = r.session_id JOIN tokens t ON t.id = s.signup_link_id WHERE s.title = ?',
      args: [`Bench session ${s + 1}`],
    });
    db.close();
    const inDb = Number(rows[0].n);
    results.push({
      storm: s + 1,
      requests,
      seats,
      ...answers,
      registeredInDb: inDb,
      exact: answers.accepted === seats && inDb === seats && answers.session_full === requests - seats,
      settledMs,
      p50Ms: median(latencies),
      maxMs: Math.max(...latencies),
    });
    process.stderr.write(`storm ${s + 1}: accepted ${answers.accepted}, session_full ${answers.session_full}, other ${JSON.stringify(answers.other)}, in DB ${inDb}, settled in ${fmt(settledMs, 0)} ms\n`);
  }
} finally {
  await server.stop();
}

const markdown = table(
  ['storm', 'requests', 'seats', 'accepted', '`session_full`', 'other answers', 'registrations in DB', 'exact', 'time to settle ms', 'answer p50 ms', 'slowest answer ms'],
  results.map((r) => [
    String(r.storm),
    String(r.requests),
    String(r.seats),
    `**${r.accepted}**`,
    String(r.session_full),
    Object.keys(r.other).length ? JSON.stringify(r.other) : '0',
    String(r.registeredInDb),
    r.exact ? 'yes' : '**NO**',
    fmt(r.settledMs, 0),
    fmt(r.p50Ms, 0),
    fmt(r.maxMs, 0),
  ]),
);
console.log(`\nSignup storm: ${requests} concurrent registrations for ${seats} seats over HTTP, ${storms} storms\n`);
console.log(markdown);
emitJson({ machine: machine(), requests, seats, storms: results, medianSettledMs: median(results.map((r) => r.settledMs)), markdown });
