/**
 * No dead ends: a signed-out person who opens a mission's link is asked to sign in (the mission kept for
 * after), a token that expires while the page is open asks the host for a new one, and staff are told apart
 * by their token's role without any call that fails.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import { api, mission, person, session } from './portal.data.ts';
import { deep, textOf, waitFor, waitForText } from './dom.ts';

/** Records every fetch the page makes, with its status, while `run` runs. */
async function fetches<T>(run: () => Promise<T>): Promise<{ result: T; calls: { url: string; status: number }[] }> {
  const calls: { url: string; status: number }[] = [];
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    calls.push({ url: String(input instanceof Request ? input.url : input), status: response.status });
    return response;
  };
  try {
    return { result: await run(), calls };
  } finally {
    window.fetch = original;
  }
}

/** A JWT-shaped token whose `exp` has passed (its signature does not matter: the server would refuse it anyway). */
function expiredToken(): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'x', role: 'facilitator', exp: Math.floor(Date.now() / 1000) - 60 })}.c2ln`;
}

describe('No dead ends', function () {
  this.timeout(20000);

  it("signed out, a mission's link shows the sign-in with the mission kept for after, and calls nothing", async () => {
    const m = await mission();
    const { result: el, calls } = await fetches(async () => {
      const el = await fixture<FreskMissionsElement>(
        html`<fresk-missions api=${api} mission=${m.missionId} return-path=${`/missions/${m.missionId}`}></fresk-missions>`,
      );
      await waitFor(el, 'fresk-sign-in');
      return el;
    });
    const signIn = deep(el, 'fresk-sign-in')!;
    await waitForText(signIn, 'Connecte-toi pour ouvrir cette mission');
    expect(signIn.getAttribute('return-path')).to.equal(`/missions/${m.missionId}`);
    expect(deep(el, 'fresk-mission-dashboard')).to.equal(null);
    expect(calls).to.deep.equal([]);
    expect(textOf(el)).not.to.contain('Réessayer');
    await expect(el).to.be.accessible();
  });

  it('a token that expires while the page is open asks the host for a new one, then offers the sign-in', async () => {
    const m = await mission();
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${m.coordinator.token}></fresk-missions>`);
    await waitFor(el, 'ul.missions');
    const asked = oneEvent(el, 'fresk-auth-required');
    el.token = expiredToken();
    expect((await asked).detail.reason).to.equal('expired');
    await waitFor(el, 'fresk-sign-in');
    await waitForText(el, 'Ta connexion a expiré');
    // The host answers with a fresh token: the missions come back.
    el.token = m.coordinator.token;
    await waitFor(el, 'ul.missions');
    expect(deep(el, 'fresk-sign-in')).to.equal(null);
  });

  it('a refused token asks the host too, and the sign-in shows instead of a retry loop', async () => {
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token="not.a-valid.token"></fresk-missions>`);
    await waitFor(el, 'fresk-sign-in');
    await waitForText(el, 'Ta connexion a expiré');
  });

  it("recognises staff from the token's role: the desk shows, and no request fails", async () => {
    const staff = await person('Équipe association', 'admin');
    const m = await mission();
    await session(m, { daysFromNow: -5 });
    const { calls } = await fetches(async () => {
      const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${staff.token}></fresk-missions>`);
      const desk = await waitFor(el, 'fresk-staff-desk');
      await waitFor(desk, 'h2');
      await waitUntil(() => !textOf(desk).includes('Chargement'), 'the desk did not load');
    });
    expect(calls.length).to.be.greaterThan(0);
    expect(calls.filter((c) => c.status >= 400)).to.deep.equal([]);
    const coordinator = await fetches(async () => {
      const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${m.coordinator.token}></fresk-missions>`);
      await waitFor(el, 'ul.missions');
      expect(deep(el, 'fresk-staff-desk')).to.equal(null);
    });
    expect(coordinator.calls.filter((c) => c.status >= 400 || c.url.includes('admin.'))).to.deep.equal([]);
  });
});
