import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widget/fresk-missions.ts';
import type { FreskMissionsElement } from '../../widget/fresk-missions/fresk-missions.component.ts';
import type { FreskStaffDeskElement } from '../../widget/staff-desk/staff-desk.component.ts';
import { retributionRequestCsv } from '../../widget/staff-desk/staff-desk.component.ts';
import { retributionRequestCsv as serverRetributionCsv } from '../../domain/csv.ts';
import { parisParts } from '../../domain/time.ts';
import { api, call, getSession, lastSegment, mission, outbox, person, session, uniqueEmail, type MissionSetup, type Person } from './portal.data.ts';
import { button, deep, fill, textOf, waitFor, waitForText } from './dom.ts';

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


/** A person signed in through the portal without an `of` claim: the record keeps whatever staff said. */
async function withoutClaim(name: string, who: string) {
  const email = uniqueEmail(who);
  const res = await fetch(`${api}/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub: `t-${crypto.randomUUID()}`, email, name, role: 'facilitator' }) });
  const { token } = (await res.json()) as { token: string };
  await call('missions.list', {}, token, 'query');
  return { email, name, token };
}

/** The desk inside `<fresk-missions>` for a staff person, on `screen`. */
async function deskOf(staff: Person, attrs: { lang?: string; request?: string } = {}) {
  const el = await fixture<FreskMissionsElement>(
    html`<fresk-missions api=${api} token=${staff.token} lang=${attrs.lang ?? 'fr'} request=${attrs.request ?? ''}></fresk-missions>`,
  );
  const desk = await waitFor<FreskStaffDeskElement>(el, 'fresk-staff-desk');
  await waitFor(desk, 'nav[part="tabs"]');
  return { el, desk };
}

async function openTab(desk: FreskStaffDeskElement, tab: string, element: string) {
  (deep(desk, `button[data-tab="${tab}"]`) as HTMLButtonElement).click();
  return waitFor(desk, element);
}

/** Nothing of the desk is wider than its 320 px host: no horizontal scrolling on a phone. */
function expectNoHorizontalScroll(root: HTMLElement) {
  const walk = (scope: Element | ShadowRoot): void => {
    for (const el of scope.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0) expect(box.right, `${el.tagName} ${(el as HTMLElement).className} overflows`).to.be.at.most(root.getBoundingClientRect().right + 1);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root.shadowRoot ?? root);
}

describe('<fresk-staff-desk>', function () {
  this.timeout(60000);

  it('Rétributions: each request with its lines and CSV, "marquer comme traitée", and the coordination retribution as its own line', async () => {
    const staff = await person('Sabine Staff', 'admin');
    const { m, request, workshop, training } = await invoicedMission(staff);
    const { el, desk } = await deskOf(staff);
    expect(textOf(el)).to.contain('Espace association');
    const screen = await openTab(desk, 'retributions', 'fresk-desk-retributions');
    const card = await waitFor(screen, `[data-request="${request.requestId}"]`);
    const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${request.period}-15T12:00:00Z`));
    const cardText = textOf(card);
    expect(cardText).to.contain(m.title);
    expect(cardText).to.contain(`Période : ${month}`);
    expect(cardText).to.contain('2 lignes');
    const table = card.querySelector('table')!;
    expect(textOf(table.querySelector('caption')!)).to.equal(`Animateur·ices à rétribuer — ${m.title}, ${month}`);
    expect(table.querySelector(`tr[data-session="${workshop.id}"] th[scope="row"]`)!.textContent).to.equal(EVIL);
    expect(textOf(table.querySelector(`tr[data-session="${training.id}"]`)!)).to.contain('Formation');

    const csvButton = button(card, `Télécharger le CSV — ${m.title}, ${month}`)!;
    const { blob, filename } = await captureDownload(() => csvButton.click());
    expect(filename).to.match(new RegExp(`^retributions-${request.period}-fresque-a-l-hotel-de-ville-`));
    const lines = (await blob.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).to.equal('facilitator;email;session;kind;date;status');
    expect(lines[1]).to.equal(`"'=SUM(""evil"")";${m.coordinator.email};${workshop.id};atelier;${parisParts(workshop.startsAt).date};remunere`);

    // The coordination retribution recorded at closing: a line of its own.
    const coordination = await waitFor(screen, `tr[data-coordination="${m.missionId}"]`);
    expect(textOf(coordination)).to.contain(m.coordinator.email);
    expect(textOf(coordination)).to.contain(m.title);
    await expect(el).to.be.accessible();

    button(card, `Marquer comme traitée — ${m.title}, ${month}`)!.click();
    await waitUntil(() => !deep(screen, `[data-request="${request.requestId}"]`), 'the handled request stayed among those to handle');
    const handled = await call<{ requestId: string; processedAt: string | null }[]>('admin.retributionRequests', { status: 'processed', requestId: request.requestId }, staff.token, 'query');
    expect(handled[0].processedAt).to.be.a('string');
    (deep(screen, 'button[aria-pressed="false"]') as HTMLButtonElement).click();
    await waitForText(await waitFor(screen, `[data-request="${request.requestId}"]`), 'Traitée le');

    (deep(screen, 'button[aria-pressed="false"]') as HTMLButtonElement).click();
    await waitFor(screen, `tr[data-coordination="${m.missionId}"]`);
    button(screen, new RegExp(`^Marquer comme traitée — Rétributions de coordination — ${m.title}`))!.click();
    await waitUntil(() => !deep(screen, `tr[data-coordination="${m.missionId}"]`), 'the coordination retribution stayed to handle');
  });

  it('the retribution email link opens the desk on that request and downloads its CSV', async () => {
    const staff = await person('Sacha Staff', 'admin');
    const { m, request } = await invoicedMission(staff);
    const mail = (await outbox()).find((o) => o.template === 'retribution_request' && o.text.includes(m.title))!;
    const link = mail.links.find((l) => l.includes('/desk/requests/'))!;
    expect(lastSegment(link)).to.equal(request.requestId);
    const page = await fetch(link);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(await page.text()).to.contain(`request="${request.requestId}"`);
    // What that page renders, signed in: the desk on the request, whose CSV is downloaded by itself.
    const names: string[] = [];
    const anchorClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      names.push(this.download);
    };
    try {
      const { desk } = await deskOf(staff, { request: request.requestId });
      const screen = await waitFor(desk, 'fresk-desk-retributions');
      await waitFor(screen, `[data-request="${request.requestId}"]`);
      await waitUntil(() => names.length === 1, 'the CSV was not downloaded');
      expect(names[0]).to.match(new RegExp(`^retributions-${request.period}-`));
      await waitForText(screen, 'Le fichier CSV de la demande a été téléchargé.');
    } finally {
      HTMLAnchorElement.prototype.click = anchorClick;
    }
  });

  it('Missions: creates one from a won opportunity (the coordinator gets the link), edits the order, filters', async () => {
    const staff = await person('Selma Staff', 'admin');
    const { desk } = await deskOf(staff);
    const screen = await waitFor(desk, 'fresk-desk-missions');
    const form = await waitFor<HTMLFormElement>(screen, 'details[part="create"] form');
    (deep(screen, 'details[part="create"]') as HTMLDetailsElement).open = true;
    const coordinator = uniqueEmail('nouvelle');
    const title = `Fresque du Climat — Lycée ${crypto.randomUUID().slice(0, 6)}`;
    fill(form.querySelector('[name="title"]')!, title);
    fill(form.querySelector('[name="client"]')!, 'Lycée Jean Moulin');
    fill(form.querySelector('[name="sector"]')!, 'enseignement');
    fill(form.querySelector('[name="email"]')!, coordinator);
    fill(form.querySelector('[name="name"]')!, 'Nina Nouvelle');
    fill(form.querySelector('[name="quantity-atelier"]')!, '6');
    fill(form.querySelector('[name="quantity-formation"]')!, '1');
    button(form, 'Créer la mission')!.click();
    await waitForText(screen, `Mission « ${title} » créée : ${coordinator} a reçu le lien par email.`);
    const card = await waitFor(screen, 'article[data-mission]');
    await waitUntil(() => textOf(deep(screen, 'article[data-mission]')!).includes(title), 'the new mission is not listed first');
    const missionId = deep(screen, 'article[data-mission]')!.getAttribute('data-mission')!;
    expect(textOf(card)).to.contain('Atelier : 0 / 6');
    await waitUntil(async () => (await outbox()).some((o) => o.template === 'mission_assigned' && o.to === coordinator && o.links.some((l) => l.endsWith(`/missions/${missionId}`))), 'no email to the coordinator');

    button(screen, `Modifier la commande — ${title}`)!.click();
    const edit = await waitFor<HTMLFormElement>(screen, `form[aria-label="Modifier la commande — ${title}"]`);
    fill(edit.querySelector('[name="quantity-atelier"]')!, '8');
    button(edit, 'Enregistrer')!.click();
    await waitForText(screen, 'Commande enregistrée.');
    await waitForText(screen, 'Atelier : 0 / 8');
    await expect(desk).to.be.accessible();

    fill(deep<HTMLSelectElement>(screen, '#filter')!, 'closed');
    await waitUntil(() => !deep(screen, `article[data-mission="${missionId}"]`), 'an open mission is listed as closed');
  });

  it('Animateur·ices: the queue "à vérifier", then compliance withdrawn after a confirmation refuses a join', async () => {
    const staff = await person('Sven Staff', 'admin');
    const m = await mission();
    const s = await session(m, { daysFromNow: 20, extraFacilitators: 2 });
    const unknown = await withoutClaim('Ulla Unknown', 'ulla');
    await call('admin.setFacilitator', { email: unknown.email, ofCompliant: true }, staff.token);
    // A portal token without `of` leaves compliance unknown: that person waits in the queue "à vérifier".
    const quinnEmail = (await withoutClaim('Quinn Queue', 'aaaqueue')).email;
    const { desk } = await deskOf(staff);
    const screen = await openTab(desk, 'facilitators', 'fresk-desk-facilitators');
    const queued = await waitFor(screen, `[part="queue"] tr[data-of="unknown"]`);
    await waitUntil(() => textOf(deep(screen, '[part="queue"]')!).includes(quinnEmail), 'Quinn is not in the queue');
    expect(textOf(queued)).to.contain('À vérifier');
    const search = await waitFor<HTMLFormElement>(screen, 'form[role="search"]');
    fill(search.querySelector('[name="query"]')!, unknown.email);
    button(search, 'Afficher')!.click();
    const results = () => [...deep(screen, '[part="search"] tbody')!.querySelectorAll('tr')];
    await waitUntil(() => results().length === 1 && textOf(results()[0]).includes(unknown.email), 'the search did not find the person alone');
    const row = deep(screen, '[part="search"] tbody tr')!;
    expect(row.getAttribute('data-of')).to.equal('yes');
    button(row, `Retirer la conformité — ${unknown.name}`)!.click();
    await waitForText(row, `${unknown.name} ne pourra plus être invité·e ni rejoindre de session. Confirmer ?`);
    await expect(desk).to.be.accessible();
    button(row, 'Confirmer')!.click();
    await waitFor(screen, `[part="search"] tr[data-of="no"]`);
    await waitForText(screen, `${unknown.name} : Non conforme.`);
    let refusal = '';
    await call('facilitators.join', { token: lastSegment(s.facilitatorInviteUrl) }, unknown.token).catch((e: Error) => (refusal = e.message));
    expect(refusal).to.equal('facilitators.join: not_of_compliant');
  });

  it('Facturation: a closed mission, delivered against ordered, "marquer comme facturée" with a reference', async () => {
    const staff = await person('Sonia Staff', 'admin');
    const { m } = await invoicedMission(staff);
    const { desk } = await deskOf(staff);
    const screen = await openTab(desk, 'invoicing', 'fresk-desk-invoicing');
    const row = await waitFor(screen, `tr[data-mission="${m.missionId}"]`);
    expect(textOf(row)).to.contain('Mairie de Lyon');
    expect(textOf(row)).to.contain('Atelier : 1 / 2');
    expect(textOf(row)).to.contain('Moins réalisé que commandé');
    expect(textOf(row)).to.contain('Formation : 1 / 1');
    await expect(desk).to.be.accessible();
    fill(row.querySelector('input[name="reference"]')!, 'F-2027-007');
    button(row, `Marquer comme facturée — ${m.title}`)!.click();
    await waitForText(screen, `« ${m.title} » est marquée comme facturée.`);
    await waitUntil(() => !deep(screen, `tr[data-mission="${m.missionId}"]`), 'the invoiced mission is still to invoice');
    const [invoiced] = (await call<{ id: string; invoiceReference: string }[]>('admin.missions', { invoiced: true, limit: 200 }, staff.token, 'query')).filter((x) => x.id === m.missionId);
    expect(invoiced.invoiceReference).to.equal('F-2027-007');
  });

  it('Bilan: the figures of a period as a table with totals and a CSV; last calendar year by default', async () => {
    const staff = await person('Sid Staff', 'admin');
    await invoicedMission(staff);
    const { desk } = await deskOf(staff);
    const screen = await openTab(desk, 'activity', 'fresk-desk-activity');
    const year = Number(parisParts(new Date().toISOString()).date.slice(0, 4));
    expect(deep<HTMLInputElement>(screen, '#from')!.value).to.equal(`${year - 1}-01-01`);
    expect(deep<HTMLInputElement>(screen, '#to')!.value).to.equal(`${year}-01-01`);
    const today = parisParts(new Date().toISOString()).date;
    const monthAgo = parisParts(new Date(Date.now() - 40 * 86_400_000).toISOString()).date;
    fill(deep<HTMLInputElement>(screen, '#from')!, monthAgo);
    fill(deep<HTMLInputElement>(screen, '#to')!, today);
    button(screen, 'Afficher')!.click();
    const table = await waitFor(screen, 'table[part="activity"]');
    expect(textOf(table)).to.contain('Heures-stagiaires');
    expect(textOf(table.querySelector('tr[data-kind="atelier"][data-sector="collectivite"]')!)).to.contain('Atelier — Collectivité');
    expect(table.querySelector('tfoot tr[data-total]')).to.exist;
    await expect(desk).to.be.accessible();
    const { blob } = await captureDownload(() => button(screen, 'Télécharger le bilan en CSV')!.click());
    const lines = (await blob.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).to.equal('kind;sector;sessions;hours;participantsPresent;traineeHours');
    expect(lines.some((l) => l.startsWith('total;;'))).to.equal(true);
  });

  it('is phone-usable at 320 px: no horizontal scrolling, tables as cards with their labels, 44 px targets', async () => {
    const staff = await person('Sam Staff', 'admin');
    await invoicedMission(staff);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><fresk-missions api=${api} token=${staff.token}></fresk-missions></div>`);
    const desk = await waitFor<FreskStaffDeskElement>(wrapper, 'fresk-staff-desk');
    for (const [tab, element, ready] of [
      ['missions', 'fresk-desk-missions', 'article[data-mission]'],
      ['facilitators', 'fresk-desk-facilitators', 'tr[data-facilitator]'],
      ['retributions', 'fresk-desk-retributions', '[data-request]'],
      ['invoicing', 'fresk-desk-invoicing', 'tr[data-mission]'],
    ] as const) {
      await waitFor(desk, 'nav[part="tabs"]');
      const screen = await openTab(desk, tab, element);
      await waitFor(screen, ready);
      expectNoHorizontalScroll(wrapper);
      for (const b of [...(screen.shadowRoot!.querySelectorAll('button') as NodeListOf<HTMLButtonElement>)].filter((b) => b.offsetParent)) {
        expect(b.getBoundingClientRect().height, b.textContent!).to.be.at.least(44);
      }
    }
    const cell = deep(deep(desk, 'fresk-desk-invoicing')!, 'td[data-label="Client"]')!;
    expect(getComputedStyle(cell).display).to.equal('block');
    expect(getComputedStyle(cell, '::before').content).to.contain('Client');
  });

  it('speaks English with lang="en"', async () => {
    const staff = await person('Sam Staff', 'admin');
    const { m, request } = await invoicedMission(staff);
    const { desk } = await deskOf(staff, { lang: 'en' });
    expect(textOf(desk)).to.contain('Association desk');
    const screen = await openTab(desk, 'retributions', 'fresk-desk-retributions');
    const card = await waitFor(screen, `[data-request="${request.requestId}"]`);
    expect(textOf(screen)).to.contain('Retribution requests');
    expect(textOf(card)).to.contain('2 lines');
    expect(textOf(card)).to.contain('Workshop');
    expect(button(card, new RegExp(`^Download the CSV — ${m.title}`))).to.exist;
    const invoicing = await openTab(desk, 'invoicing', 'fresk-desk-invoicing');
    expect(textOf(await waitFor(invoicing, `tr[data-mission="${m.missionId}"]`))).to.contain('Workshop: 1 / 2');
    await expect(desk).to.be.accessible();
  });

  it('is not shown to a coordinator, and tells anyone but staff that it is for staff only', async () => {
    const m = await mission();
    const el = await fixture<FreskMissionsElement>(html`<fresk-missions api=${api} token=${m.coordinator.token}></fresk-missions>`);
    await waitForText(el, m.title);
    expect(deep(el, 'fresk-staff-desk')).to.equal(null);
    const desk = await fixture<FreskStaffDeskElement>(html`<fresk-staff-desk api=${api} token=${m.coordinator.token}></fresk-staff-desk>`);
    await waitForText(desk, "Cet espace est réservé à l'équipe de l'association.");
    expect(deep(desk, 'nav[part="tabs"]')).to.equal(null);
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
      await waitFor(desk, 'nav[part="tabs"]');
      (deep(desk, 'button[data-tab="retributions"]') as HTMLButtonElement).click();
      const card = await waitFor(desk, `[data-request="${request.requestId}"]`);
      (card.querySelector('[part="csv-button"]') as HTMLButtonElement).click();
      await waitUntil(() => downloads.length === 1, 'the CSV was not handed to the browser');
      expect(win.cspViolations, JSON.stringify(win.cspViolations)).to.deep.equal([]);
      expect(win.pageErrors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });

  it('downloads the very CSV the server exports (one definition, domain/csv.ts)', () => {
    expect(retributionRequestCsv).to.equal(serverRetributionCsv);
  });

  it('builds the CSV of a request with no line as the header alone', () => {
    expect(retributionRequestCsv({ requestId: 'r', missionId: 'm', period: '2027-03', lines: [] })).to.equal('\uFEFFfacilitator;email;session;kind;date;status\r\n');
  });
});
