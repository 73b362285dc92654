/**
 * Phone-first: every view of `<fresk-missions>`, `<fresk-session-planner>` and the staff desk at 320×640
 * and 390×844, in French and English — no element wider than the screen (so no horizontal scrolling), touch
 * targets of at least 44 px, and axe finds nothing.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import { api, call, lastSegment, mission, person, session, type MissionSetup, type Person } from './portal.data.ts';
import { deep, waitFor } from './dom.ts';

/** Every element under `root` (shadow roots included) whose box sticks out of the viewport, described. */
function tooWide(root: Element): string[] {
  const width = document.documentElement.clientWidth;
  const found: string[] = [];
  const walk = (scope: Element | ShadowRoot) => {
    for (const el of scope.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) {
        found.push(`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''}> ${Math.round(r.left)}–${Math.round(r.right)} px`);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  if (document.documentElement.scrollWidth > width) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
  return found;
}

/** Visible buttons, fields and selects smaller than 44 px high (checkboxes and radios count by their label). */
function smallTargets(root: Element): string[] {
  const found: string[] = [];
  const walk = (scope: Element | ShadowRoot) => {
    for (const el of scope.querySelectorAll('button, input, select, textarea, label:has(input[type="checkbox"], input[type="radio"])')) {
      const input = el as HTMLInputElement;
      if (el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 1 && r.height > 1 && r.height < 43.5) found.push(`<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.height)} px`);
    }
    for (const el of scope.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(root);
  return found;
}

async function check(el: Element, what: string) {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  expect(tooWide(el), `${what}: wider than the screen`).to.deep.equal([]);
  expect(smallTargets(el), `${what}: touch targets under 44 px`).to.deep.equal([]);
  await expect(el).to.be.accessible();
}

const portal = (token: string | undefined, lang: string, attrs: { mission?: string; join?: string } = {}) =>
  fixture<FreskMissionsElement>(
    html`<fresk-missions lang=${lang} api=${api} token=${token ?? ''} mission=${attrs.mission ?? ''} join=${attrs.join ?? ''}></fresk-missions>`,
  );

describe('Phone-first portal', function () {
  this.timeout(60000);
  let m: MissionSetup;
  let sessionId: string;
  let invite: string;
  let ines: Person;
  let staff: Person;

  before(async () => {
    m = await mission({ organization: 'Communauté de communes du Val-de-Loire-et-des-Coteaux', title: 'Fresques du Climat pour les équipes techniques et administratives' });
    await session(m, { daysFromNow: -7 });
    const s = await session(m, { extraFacilitators: 2 });
    sessionId = s.sessionId;
    invite = lastSegment(s.facilitatorInviteUrl);
    ines = await person('Inès Animatrice-Longuenom');
    await call('facilitators.join', { token: invite }, ines.token);
    await call('participants.register', {
      code: lastSegment(s.participantSignupUrl),
      name: 'Marie-Charlotte de La Tour-Dupont',
      email: 'marie-charlotte.delatour-dupont.direction-generale@exemple-collectivite.fr',
      consent: true,
    });
    staff = await person('Équipe association', 'admin');
  });

  for (const [width, height] of [
    [320, 640],
    [390, 844],
  ]) {
    for (const lang of ['fr', 'en']) {
      describe(`${width}×${height}, ${lang}`, () => {
        before(() => setViewport({ width, height }));
        after(() => setViewport({ width: 800, height: 600 }));

        it('the missions list and the dashboard', async () => {
          const home = await portal(m.coordinator.token, lang);
          await waitFor(home, 'ul.missions');
          await check(home, 'missions');
          const el = await portal(m.coordinator.token, lang, { mission: m.missionId });
          const dashboard = await waitFor(el, 'fresk-mission-dashboard');
          await waitFor(dashboard, 'tr[data-session]');
          await check(el, 'dashboard');
        });

        it('the planner, full-screen, on each of its tabs, with a facilitator opened', async () => {
          const el = await portal(m.coordinator.token, lang, { mission: m.missionId });
          const dashboard = await waitFor(el, 'fresk-mission-dashboard');
          (await waitFor(dashboard, `tr[data-session="${sessionId}"] button`)).click();
          const planner = await waitFor(dashboard, 'fresk-session-planner');
          await waitFor(planner, 'fresk-session-form');
          const dialog = deep<HTMLDialogElement>(dashboard, 'dialog')!;
          await waitUntil(() => dialog.open, 'the planner did not open');
          const box = dialog.getBoundingClientRect();
          expect([Math.round(box.width), Math.round(box.height)]).to.deep.equal([width, height]);
          await check(el, 'session form');
          for (const tab of ['facilitators', 'participants', 'attendance']) {
            (await waitFor(planner, `#tab-${tab}`)).click();
            const panel = await waitFor(planner, `#panel-${tab}:not([hidden]) fresk-session-${tab}`);
            await waitFor(panel, tab === 'attendance' ? 'h3' : 'table');
            if (tab === 'facilitators') (await waitFor(panel, 'button.name')).click();
            await check(el, `tab ${tab}`);
          }
        });

        it("the facilitator's own sessions, the invitation, the sign-in and the staff desk", async () => {
          const mine = await portal(ines.token, lang);
          await waitFor(mine, 'table[part="my-sessions"]');
          await check(mine, 'my sessions');
          const join = await portal(ines.token, lang, { join: invite });
          await waitFor(join, 'fresk-facilitator-join');
          await waitFor(deep(join, 'fresk-facilitator-join')!, 'dl, [role="alert"].error:not(:empty)');
          await check(join, 'invitation');
          const signIn = await portal(undefined, lang);
          await waitFor(signIn, 'fresk-sign-in');
          await waitFor(deep(signIn, 'fresk-sign-in')!, 'form');
          await check(signIn, 'sign-in');
          const desk = await portal(staff.token, lang);
          await waitFor(desk, 'fresk-staff-desk');
          await waitFor(deep(desk, 'fresk-staff-desk')!, 'h2');
          await check(desk, 'staff desk');
        });
      });
    }
  }
});
