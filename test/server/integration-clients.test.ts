// The integration examples of docs/integration.md (docs/examples/client.php, client.py) run against the real
// Node server (a child process on a free port, with a fresh libSQL file), as a portal or a script would run
// them: PHP through Debian's php-cli (test/ensure-php.sh installs it), Python with the standard library only.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../server/auth.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const SECRET = 'integration-secret-0123456789-abcdefghijklmnop';
const dbFile = join(tmpdir(), `fresk-clients-${randomUUID()}.db`);
let server: ChildProcess;
let api = '';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), FRESK_DB_URL: `file:${dbFile}`, FRESK_AUTH_SECRET: SECRET, FRESK_APP_URL: api, FRESK_DEMO: '', RESEND_API_KEY: '' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`${api}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}, 40_000);

afterAll(() => {
  server?.kill('SIGTERM');
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
});

const env = () => ({ ...process.env, FRESK_API_URL: api, FRESK_AUTH_SECRET: SECRET });

/** What every example prints, in order. */
function expectTheStory(stdout: string) {
  expect(stdout).toMatch(/^mission created: \S+$/m);
  expect(Number(/^missions I coordinate: (\d+)$/m.exec(stdout)?.[1])).toBeGreaterThanOrEqual(1);
  expect(stdout).toMatch(/^signup code: \S+$/m);
  expect(stdout).toMatch(/^participant registered: \S+ \(registered\)$/m);
  expect(stdout).toMatch(/^error reason: (invalid_token|not_found) \(HTTP 404\)$/m);
}

describe('the integration examples, against the real server', () => {
  it('PHP (php-cli): integer sub, TINYINT of, every step of docs/integration.md', async () => {
    const { stdout } = await run(process.env.PHP_PATH || 'php', [join(root, 'docs/examples/client.php')], { env: env() });
    expectTheStory(stdout);
    expect(stdout).toContain('error reason: invalid_token (HTTP 404)');
  });

  it('Python (standard library only): the same steps', async () => {
    const { stdout } = await run('python3', ['-I', join(root, 'docs/examples/client.py')], { env: env() });
    expectTheStory(stdout);
    expect(stdout).toContain('error reason: not_found (HTTP 404)');
  });
});

describe('an integer sub', () => {
  it('is taken as its decimal string, as a PHP portal sends its user id', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = await signJwt({ sub: 42 as unknown as string, email: 'a@b.example', name: 'A', role: 'facilitator', exp }, SECRET);
    expect((await verifyJwt(token, SECRET, Date.now()))?.sub).toBe('42');
    const fraction = await signJwt({ sub: 4.2 as unknown as string, email: 'a@b.example', name: 'A', role: 'facilitator', exp }, SECRET);
    expect(await verifyJwt(fraction, SECRET, Date.now())).toBeNull();
  });
});

describe('docs/integration.md', () => {
  it('quotes the example programs verbatim', () => {
    const doc = readFileSync(join(root, 'docs/integration.md'), 'utf8');
    const files = { php: readFileSync(join(root, 'docs/examples/client.php'), 'utf8'), python: readFileSync(join(root, 'docs/examples/client.py'), 'utf8') };
    const blocks = [...doc.matchAll(/```(php|python)\n([\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const [, lang, code] of blocks) expect(files[lang as 'php' | 'python'], code.slice(0, 60)).toContain(code.trimEnd());
  });
});
