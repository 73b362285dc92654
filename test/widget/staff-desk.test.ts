import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import type { FreskStaffDeskElement } from '../../widget/staff-desk/staff-desk.component.ts';
import { retributionRequestCsv } from '../../widget/staff-desk/staff-desk.component.ts';
import { parisParts } from '../../widget/shared/time.ts';
import { api, call, getSession, mission, person, session, type MissionSetup, type Person } from './portal.data.ts';
import { button, deep, textOf, waitFor, waitForText } from './dom.ts';

// A spreadsheet formula (names cannot carry links any more, so no HYPERLINK to an address).
const EVIL = '=SUM("evil")';

/**
 * A mission invoiced end to end through the API: its coordinator (whose name a spreadsheet would take for a
 * formula) runs a past workshop and a past training, requests the retributions, then closes the mission.
 */
async function invoicedMission(staff: Person) {
  const coordinator = await person(EVIL);
  const title = `Fresque à l'Hôtel de Ville ${crypto.randomUUID().slice(0, 6)}`;
  const { missionId } = await call<{ missionId: string }>(
    'admin.createMission',
    {
      title,
      organization: { name: 'Mairie de Lyon', sector: 'collectivite' },
      coordinator: { email: coordinator.email, name: coordinator.name },
      order: [{ kind: 'atelier', quantity: 2 }, { kind: 'formation', quantity: 1 }],
    },
    staff.token,
  );
  const m: MissionSetup = { coordinator, missionId, title };
  const workshop = await session(m, { daysFromNow: -10 });
  const training = await session(m, { daysFromNow: -5, kind: 'formation' });
  const request = await call<{ requestId: string; period: string }>('retributions.request', { missionId }, coordinator.token);
  await call('missions.close', { missionId }, coordinator.token);
  return { m, request, workshop: await getSession(m, workshop.sessionId), training: await getSession(m, training.sessionId) };
}

/** Captures what `downloadCsv` hands the browser (the Blob and the file name) instead of downloading it. */
async function captureDownload(click: () => void): Promise<{ blob: Blob; filename: string }> {
  const blobs: Blob[] = [];
  const names: string[] = [];
  const createObjectURL = URL.createObjectURL;
  const anchorClick = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob) => (blobs.push(blob), createObjectURL.call(URL, blob));
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    names.push(this.download);
  };
  try {
    click();
    await waitUntil(() => names.length, 'nothing was downloaded');
  } finally {
    URL.createObjectURL = createObjectURL;
    HTMLAnchorElement.prototype.click = anchorClick;
  }
  expect(blobs).to.have.length(1);
  return { blob: blobs[0], filename: names[0] };
}

describe('<fresk-staff-desk>', function () {
  this.timeout(30000);

  it('shows staff the requests with their lines, a CSV per request, the closed missions to invoice and the open ones', async () => {
    const staff = await person('Sabine Staff', 'admin');
    const { m, request, workshop, training } = await invoicedMission(staff);
    const open = await mission({ title: `Mission en cours ${crypto.randomUUID().slice(0, 6)}` });

    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${staff.token}></fresk-missions>`);
    const desk = await waitFor<FreskStaffDeskElement>(el, 'fresk-staff-desk');
    const card = await waitFor(desk, `[data-request="${request.requestId}"]`);
    expect(textOf(el)).to.contain('Espace association');
    expect(deep(el, 'fresk-mission-dashboard')).to.equal(null);

    // (1) The request: mission title, period, requested date, number of lines, and its lines in a table.
    const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${request.period}-15T12:00:00Z`));
    const cardText = textOf(card);
    expect(cardText).to.contain(m.title);
    expect(cardText).to.contain(`Période : ${month}`);
    expect(cardText).to.match(/Demandée le \d{1,2}(er)? \S+ \d{4}/);
    expect(cardText).to.contain('2 lignes');
    const table = card.querySelector('table')!;
    expect(textOf(table.querySelector('caption')!)).to.equal(`Animateur·ices à rétribuer — ${m.title}, ${month}`);
    expect([...table.querySelectorAll('thead th')].map((th) => [th.textContent!.trim(), th.getAttribute('scope')])).to.deep.equal([
      ['Animateur·ice', 'col'],
      ['Email', 'col'],
      ['Date de la session', 'col'],
      ['Type', 'col'],
      ['Statut', 'col'],
    ]);
    const row = table.querySelector(`tr[data-session="${workshop.id}"]`)!;
    expect(row.querySelector('th[scope="row"]')!.textContent).to.equal(EVIL);
    expect(textOf(row)).to.contain(m.coordinator.email);
    expect(textOf(row)).to.contain('Atelier');
    expect(textOf(row)).to.contain('Rémunéré·e');
    expect(textOf(table.querySelector(`tr[data-session="${training.id}"]`)!)).to.contain('Formation');

    // The CSV, built in the browser: BOM, the agreed columns, the formula-like name neutralised.
    const csvButton = button(card, 'Télécharger le CSV')!;
    expect(csvButton.getAttribute('aria-label')).to.equal(`Télécharger le CSV — ${m.title}, ${month}`);
    const { blob, filename } = await captureDownload(() => csvButton.click());
    expect(filename).to.equal(`retributions-${request.period}-${m.title.replace("Fresque à l'Hôtel de Ville ", 'fresque-a-l-hotel-de-ville-').toLowerCase()}.csv`);
    expect(blob.type).to.equal('text/csv;charset=utf-8');
    expect([...new Uint8Array(await blob.arrayBuffer()).slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = (await blob.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).to.deep.equal([
      'facilitator;email;session;kind;date;status',
      `"'=SUM(""evil"")";${m.coordinator.email};${workshop.id};atelier;${parisParts(workshop.startsAt).date};remunere`,
      `"'=SUM(""evil"")";${m.coordinator.email};${training.id};formation;${parisParts(training.startsAt).date};remunere`,
      '',
    ]);

    // Keyboard: the button is reached by Tab and works with Enter.
    csvButton.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(desk.shadowRoot!.activeElement).not.to.equal(csvButton);
    await sendKeys({ press: 'Tab' });
    expect(desk.shadowRoot!.activeElement).to.equal(csvButton);
    const byKeyboard = await captureDownload(() => void sendKeys({ press: 'Enter' }));
    expect(byKeyboard.filename).to.equal(filename);

    // (2) The closed mission is listed as to invoice: client, coordinator, closing date, order delivered.
    const toInvoice = deep(desk, '[part="to-invoice"]')!;
    expect(textOf(toInvoice)).to.contain('Missions clôturées — à facturer');
    const closedRow = toInvoice.querySelector(`tr[data-mission="${m.missionId}"]`)!;
    expect(closedRow.querySelector('th[scope="row"]')!.textContent).to.equal(m.title);
    const closedText = textOf(closedRow);
    expect(closedText).to.contain('Mairie de Lyon');
    expect(closedText).to.contain(EVIL);
    expect(closedText).to.contain(m.coordinator.email);
    expect(closedText).to.match(/\d{1,2}(er)? \S+ \d{4}/);
    expect(closedText).to.contain('Atelier : 1 / 2');
    expect(closedText).to.contain('Formation : 1 / 1');
    expect(toInvoice.querySelector(`tr[data-mission="${open.missionId}"]`)).to.equal(null);

    // (3) The open missions: a count and a list behind a disclosure.
    const openSection = deep(desk, '[part="open-missions"]')!;
    expect(textOf(openSection)).to.match(/\d+ missions? en cours\./);
    expect(textOf(openSection.querySelector(`li[data-mission="${open.missionId}"]`)!)).to.contain(`${open.title} — ACME Industries — Coralie Coord`);
    expect(openSection.querySelector(`li[data-mission="${m.missionId}"]`)).to.equal(null);

    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en"', async () => {
    const staff = await person('Sam Staff', 'admin');
    const { m, request } = await invoicedMission(staff);
    const desk = await fixture<FreskStaffDeskElement>(html`<fresk-staff-desk lang="en" api=${api} token=${staff.token}></fresk-staff-desk>`);
    const card = await waitFor(desk, `[data-request="${request.requestId}"]`);
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${request.period}-15T12:00:00Z`));
    expect(textOf(desk)).to.contain('Association desk');
    expect(textOf(desk)).to.contain('Retribution requests');
    expect(textOf(card)).to.contain(`Period: ${month}`);
    expect(textOf(card)).to.contain('Requested on');
    expect(textOf(card)).to.contain('2 lines');
    expect(textOf(card)).to.contain('Workshop');
    expect(textOf(card)).to.contain('Training');
    expect(textOf(card)).to.contain('Paid');
    expect(textOf(card.querySelector('caption')!)).to.equal(`Facilitators to pay — ${m.title}, ${month}`);
    expect(button(card, 'Download the CSV')).to.exist;
    const closedRow = deep(desk, `[part="to-invoice"] tr[data-mission="${m.missionId}"]`)!;
    expect(textOf(deep(desk, '[part="to-invoice"]')!)).to.contain('Closed missions — to invoice');
    expect(textOf(closedRow)).to.contain('Workshop: 1 / 2');
    expect(textOf(deep(desk, '[part="open-missions"]')!)).to.match(/\d+ open missions?\./);
    await expect(desk).to.be.accessible();

    desk.lang = 'fr';
    await waitForText(desk, 'Demandes de rétributions');
  });

  it('is not shown to a coordinator, and tells anyone but staff that it is for staff only', async () => {
    const m = await mission();
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${m.coordinator.token}></fresk-missions>`);
    await waitForText(el, m.title);
    expect(deep(el, 'fresk-staff-desk')).to.equal(null);

    const desk = await fixture<FreskStaffDeskElement>(html`<fresk-staff-desk api=${api} token=${m.coordinator.token}></fresk-staff-desk>`);
    await waitForText(desk, "Cet espace est réservé à l'équipe de l'association.");
    expect(deep(desk, '[part="requests"]')).to.equal(null);
  });

  it('works from the shipped bundle under a strict CSP, without any violation', async () => {
    const staff = await person('Stella Staff', 'admin');
    const { request } = await invoicedMission(staff);
    const policy = ["default-src 'none'", `script-src 'self' ${api}`, "style-src 'self'", `connect-src ${api}`, "base-uri 'none'"].join('; ');
    const frame = document.createElement('iframe');
    frame.title = 'strict CSP portal page';
    frame.srcdoc = `<!doctype html><html lang="fr"><head>
      <meta http-equiv="Content-Security-Policy" content="${policy}">
      <script type="module" src="${location.origin}/test/widget/fresk-invite-csp-probe.js"></script>
      <script type="module" src="${api}/widget/fresk-missions.js"></script>
      </head><body><fresk-token api="${api}" token="${staff.token}"><fresk-missions></fresk-missions></fresk-token></body></html>`;
    document.body.append(frame);
    try {
      type Probe = Window & typeof globalThis & { cspViolations: unknown[]; pageErrors: string[] };
      await waitUntil(() => (frame.contentWindow as Probe | null)?.cspViolations && frame.contentWindow!.customElements.get('fresk-staff-desk'), 'the bundle never loaded');
      const win = frame.contentWindow as Probe;
      const downloads: string[] = [];
      win.HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        downloads.push(this.download);
      };
      const desk = await waitFor(frame.contentDocument!.querySelector('fresk-missions')!, 'fresk-staff-desk');
      const card = await waitFor(desk, `[data-request="${request.requestId}"]`);
      button(card, 'Télécharger le CSV')!.click();
      await waitUntil(() => downloads.length === 1, 'the CSV was not handed to the browser');
      expect(win.cspViolations, JSON.stringify(win.cspViolations)).to.deep.equal([]);
      expect(win.pageErrors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });

  it('builds the CSV of a request with no line as the header alone', () => {
    expect(retributionRequestCsv({ requestId: 'r', missionId: 'm', period: '2027-03', requestedAt: '2027-03-04T10:00:00Z', lines: [] })).to.equal(
      '\uFEFFfacilitator;email;session;kind;date;status\r\n',
    );
  });
});
