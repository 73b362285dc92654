// Takes the README's screenshots of the coordinator's dashboard, on a desktop and on a phone (390 px):
// `node demo/screenshot.mjs` with the demo running (`npm start`, or BASE=http://localhost:PORT). Uses
// Debian's Chromium.
import puppeteer from 'puppeteer-core';

const base = process.env.BASE ?? 'http://localhost:8787';
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const [file, viewport] of [
    ['docs/img/dashboard.png', { width: 1200, height: 1000, deviceScaleFactor: 1 }],
    ['docs/img/dashboard-phone.png', { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true }],
  ]) {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    await page.goto(`${base}/demo/`, { waitUntil: 'networkidle0' });
    // Open Camille's first mission, as a click in the list would.
    await page.evaluate(async () => {
      const el = document.getElementById('missions');
      const token = el.getAttribute('token');
      const res = await fetch('/trpc/missions.list', { headers: { authorization: `Bearer ${token}` } });
      const missions = (await res.json()).result.data;
      el.setAttribute('mission', missions.find((m) => m.title.includes('Alpha')).id);
    });
    await new Promise((r) => setTimeout(r, 2000));
    await page.evaluate(() => document.querySelector('.signin')?.remove());
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await page.close();
  }
} finally {
  await browser.close();
}
