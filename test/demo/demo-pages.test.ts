/**
 * The demo a newcomer follows (`npm start`): its entry (demo/serve.ts, the real Node server in demo mode),
 * its pages opened in Debian's Chromium as each demo person — no console error and no failed request
 * anywhere, signed in or out. Needs the widget bundles (`npm run build`, which `npm test` runs first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/helpers.ts';

let server: ChildProcess;
let browser: Browser;
let base: string;
let dir: string;

beforeAll(async () => {
  // The demo also serves its WordPress-like page on PORT + 1: find two free ports in a row.
  let port = await freePort();
  while ((await freePort()) === port + 1) port = await freePort();
  base = `http://localhost:${port}`;
  dir = mkdtempSync(join(tmpdir(), 'fresk-demo-'));
  server = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
    env: { ...process.env, FRESK_DEMO: '1', PORT: String(port), FRESK_APP_URL: base, FRESK_DB_URL: `file:${join(dir, 'demo.db')}`, RESEND_API_KEY: '' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens a page (a path of the demo server, or a whole URL) and records what a newcomer's console would show:
 * errors, failed requests, 4xx/5xx answers.
 */
async function visit(target: string, then?: (page: Page) => Promise<void>): Promise<string[]> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
  await page.goto(target.startsWith('http') ? target : `${base}${target}`, { waitUntil: 'networkidle0' });
  await then?.(page);
  await page.close();
  return problems;
}

const settle = (page: Page) => page.waitForNetworkIdle({ idleTime: 300 });

describe('the demo, as a newcomer opens it', () => {
  it('the portal page, as each demo person, in both languages', async () => {
    const problems = await visit('/demo/', async (page) => {
      for (const person of ['camille', 'louis', 'ines', 'paul', 'admin']) {
        await page.click(`[data-person="${person}"]`);
        await settle(page);
        await page.click('[data-lang="en"]');
        await settle(page);
        await page.click('[data-lang="fr"]');
      }
    });
    expect(problems).toEqual([]);
  }, 60_000);

  it("the server's own pages signed out: the facilitator space, a mission's link, the outbox", async () => {
    for (const path of ['/missions', '/missions/unknown-mission', '/dev/outbox']) expect(await visit(path), path).toEqual([]);
  }, 60_000);

  it('the signup page and the WordPress-like page', async () => {
    const wordpress = `${base.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`)}/`;
    let signup: string | null | undefined;
    const problems = await visit(wordpress, async (page) => {
      signup = await page.evaluate(() => document.querySelector('fresk-invite')?.getAttribute('code'));
    });
    expect(problems).toEqual([]);
    expect(signup).toBeTruthy();
    expect(await visit(`/signup/${signup}`)).toEqual([]);
  }, 60_000);
});
