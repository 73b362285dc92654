// The server's pages for people and robots: an icon, a description for link previews, and no indexing of
// pages reached through a personal token or that need a sign-in. The public signup page, meant to be passed
// around, may be indexed.
import { describe, expect, it } from 'vitest';
import { makeWorld } from './helpers.ts';

const w = await makeWorld();
const pages = ['/invitation/TOKEN', '/cancel/TOKEN', '/join/CODE', '/missions', '/missions/ID', '/auth/TOKEN'];

describe('server pages', () => {
  it('serves /favicon.svg as an SVG image', async () => {
    const res = await w.app.request('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
  });

  it.each(['/signup/CODE', ...pages])('%s links the icon and has a description', async (path) => {
    const res = await w.app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(head).toMatch(/<meta name="description" content="[^"]{40,}">/);
    // The page's CSP lets the icon load.
    expect(res.headers.get('content-security-policy')).toContain("img-src 'self'");
  });

  it.each(pages)('%s says noindex', async (path) => {
    const html = await (await w.app.request(path)).text();
    expect(html.slice(0, html.indexOf('</head>'))).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('describes the signup page as a signup, and lets it be indexed: it is meant to be passed around', async () => {
    const html = await (await w.app.request('/signup/CODE')).text();
    expect(html).toMatch(/<meta name="description" content="Inscription à une session/);
    expect(html).not.toContain('name="robots"');
  });
});
