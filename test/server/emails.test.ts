/**
 * Email templates: one snapshot per template, language and part (fixed data); values escaped; links from
 * FRESK_APP_URL only and with secrets recomputed from token ids; the registration's .ics attachment.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox, tokens } from '../../schema/index.ts';
import { renderEmail, type RenderContext, type TemplateData, type TemplateName } from '../../server/emails/index.ts';
import { sessionIcs } from '../../server/emails/ics.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { secretFor, sha256 } from '../../server/services/tokens.ts';
import { makeWorld, people, SECRET, secretOf, sessionInput } from './helpers.ts';

const APP = 'https://missions.fresk.example';
const ctx: RenderContext = { appUrl: APP, secret: (id) => secretFor(SECRET, id) };

const onsite = {
  kind: 'atelier' as const,
  title: 'Fresque du Climat — équipe RH',
  startsAt: '2027-03-11T09:00:00+01:00',
  endsAt: '2027-03-11T12:00:00+01:00',
  timezone: 'Europe/Paris',
  location: { mode: 'onsite' as const, address: '1 rue de Rivoli, 75001 Paris' },
};
const online = {
  kind: 'formation' as const,
  title: null,
  startsAt: '2027-06-02T14:00:00+02:00',
  endsAt: '2027-06-02T17:30:00+02:00',
  timezone: 'Europe/Paris',
  location: { mode: 'online' as const, url: 'https://visio.example/room?id=42&x=1' },
};

/** Fixed data for every template. */
const fixtures: { [N in TemplateName]: TemplateData<N> } = {
  mission_assigned: { missionId: 'mis_123', missionTitle: 'Sensibilisation 2027', organizationName: 'Acme SA', coordinatorName: 'Camille Dupont' },
  facilitator_invitation: { tokenId: 'tok-fac-1', session: onsite, organizationName: 'Acme SA', coordinatorName: 'Camille Dupont' },
  participant_invitation: { tokenId: 'tok-par-1', session: online, organizationName: 'Lycée Victor Hugo' },
  registration_confirmation: {
    registrationId: 'reg_1',
    sessionId: 'ses_1',
    cancelTokenId: 'tok-cancel-1',
    participantName: 'Zoé Martin',
    session: onsite,
    organizationName: 'Acme SA',
    createdAt: Date.parse('2027-03-01T10:00:00+01:00'),
  },
  registration_cancelled: { participantName: 'Zoé Martin', session: onsite, organizationName: 'Acme SA', byCoordinator: false },
  session_cancelled: { name: 'Zoé Martin', role: 'participant', session: onsite, organizationName: 'Acme SA' },
  retribution_request: {
    requestId: 'req_1',
    period: '2027-03',
    missionTitle: 'Sensibilisation 2027',
    organizationName: 'Acme SA',
    coordinatorName: 'Camille Dupont',
    coordinatorEmail: 'camille@fresk.test',
    lines: [
      { name: 'Camille Dupont', email: 'camille@fresk.test', kind: 'atelier', startsAt: onsite.startsAt, endsAt: onsite.endsAt, timezone: 'Europe/Paris' },
      { name: 'Louis Martin', email: 'louis@fresk.test', kind: 'formation', startsAt: online.startsAt, endsAt: online.endsAt, timezone: 'Europe/Paris' },
    ],
  },
  mission_closed: {
    missionId: 'mis_123',
    missionTitle: 'Sensibilisation 2027',
    organizationName: 'Acme SA',
    coordinatorName: 'Camille Dupont',
    coordinatorEmail: 'camille@fresk.test',
    closedAt: '2027-07-01T10:00:00+02:00',
    order: [
      { kind: 'atelier', ordered: 10, planned: 10, sessions: 4, delivered: 10 },
      { kind: 'formation', ordered: 2, planned: 3, sessions: 1, delivered: 1 },
    ],
  },
  magic_link: { tokenId: 'tok-magic-1', next: '/join/abc' },
  follow_up: {
    registrationId: 'reg_1',
    tokenId: 'tok-follow-1',
    participantName: 'Nguyễn Văn An',
    session: onsite,
    organizationName: 'Acme SA',
    facilitators: ['Camille Dupont', 'Inès Haddad'],
    issuer: { name: 'Fresque du Climat', ofNumber: '11 75 54321 75' },
    issuedAt: Date.parse('2027-03-11T15:00:00+01:00'),
  },
  survey_reminder: { tokenId: 'tok-follow-1', participantName: 'Zoé Martin', session: online, organizationName: 'Lycée Victor Hugo' },
  attendance_reminder: { missionId: 'mis_123', sessionId: 'ses_1', coordinatorName: 'Camille Dupont', participants: 14, session: onsite, organizationName: 'Acme SA' },
  facilitator_joined: {
    coordinatorName: 'Camille Dupont',
    facilitatorName: 'Inès Haddad',
    facilitatorEmail: 'ines@fresk.test',
    missionTitle: 'Sensibilisation 2027',
    session: onsite,
    organizationName: 'Acme SA',
    slotsLeft: 1,
  },
  facilitator_withdrew: {
    coordinatorName: 'Camille Dupont',
    facilitatorName: 'Inès Haddad',
    facilitatorEmail: 'ines@fresk.test',
    missionTitle: 'Sensibilisation 2027',
    session: onsite,
    organizationName: 'Acme SA',
    slotsLeft: 2,
  },
  waitlist_joined: { participantName: 'Zoé Martin', position: 3, cancelTokenId: 'tok-cancel-2', session: online, organizationName: 'Lycée Victor Hugo' },
  waitlist_promoted: {
    registrationId: 'reg_2',
    sessionId: 'ses_2',
    cancelTokenId: 'tok-cancel-2',
    participantName: 'Zoé Martin',
    session: online,
    organizationName: 'Lycée Victor Hugo',
    createdAt: Date.parse('2027-03-01T10:00:00+01:00'),
    sequence: 1,
  },
  session_reminder: {
    name: 'Zoé Martin',
    role: 'participant',
    sessionId: 'ses_2',
    sequence: 0,
    session: online,
    organizationName: 'Lycée Victor Hugo',
    createdAt: Date.parse('2027-06-01T15:00:00+02:00'),
    cancelTokenId: 'tok-cancel-3',
  },
  session_changed: {
    name: 'Zoé Martin',
    role: 'participant',
    sessionId: 'ses_1',
    sequence: 2,
    session: { ...onsite, startsAt: '2027-03-12T14:00:00+01:00', endsAt: '2027-03-12T17:00:00+01:00' },
    previous: onsite,
    organizationName: 'Acme SA',
    createdAt: Date.parse('2027-03-01T10:00:00+01:00'),
    cancelTokenId: 'tok-cancel-1',
  },
};

const names = Object.keys(fixtures) as TemplateName[];

describe('snapshots', () => {
  it('covers every template the system sends', () => {
    expect(names.sort()).toEqual(
      [
        'facilitator_invitation',
        'magic_link',
        'mission_assigned',
        'mission_closed',
        'participant_invitation',
        'registration_cancelled',
        'registration_confirmation',
        'retribution_request',
        'session_cancelled',
        'follow_up',
        'survey_reminder',
        'attendance_reminder',
        'facilitator_joined',
        'facilitator_withdrew',
        'waitlist_joined',
        'waitlist_promoted',
        'session_reminder',
        'session_changed',
      ].sort(),
    );
  });

  for (const name of names) {
    for (const lang of ['fr', 'en'] as const) {
      it(`${name} (${lang})`, async () => {
        const m = await renderEmail(name, lang, fixtures[name], ctx);
        expect(m.subject).toMatchSnapshot('subject');
        expect(m.text).toMatchSnapshot('text');
        expect(m.html).toMatchSnapshot('html');
        // Binary attachments (the attestation PDF) are read back in their own tests, not snapshotted.
        for (const a of m.attachments ?? []) expect(typeof a.content === 'string' ? a : { ...a, content: 'binary' }).toMatchSnapshot(`attachment ${a.filename}`);
        // Well-formed frame, in the reader's language.
        expect(m.html.startsWith(`<!doctype html><html lang="${lang}">`)).toBe(true);
        expect(m.html.endsWith('</html>')).toBe(true);
      });
    }
  }

  it('registration_cancelled by the coordinator says so', async () => {
    const m = await renderEmail('registration_cancelled', 'fr', { ...fixtures.registration_cancelled, byCoordinator: true }, ctx);
    expect(m.text).toMatchSnapshot('text');
  });
});

describe('links', () => {
  it('are built from the configured app URL, with the secret recomputed from the token id', async () => {
    const expected: Record<string, string[]> = {
      mission_assigned: [`${APP}/missions/mis_123`],
      facilitator_invitation: [`${APP}/join/${await secretFor(SECRET, 'tok-fac-1')}`],
      participant_invitation: [`${APP}/invitation/${await secretFor(SECRET, 'tok-par-1')}`],
      registration_confirmation: [`${APP}/calendar/ses_1.ics`, `${APP}/cancel/${await secretFor(SECRET, 'tok-cancel-1')}`],
      registration_cancelled: [],
      session_cancelled: [],
      retribution_request: [`${APP}/desk/requests/req_1`],
      mission_closed: [],
      magic_link: [`${APP}/auth/${await secretFor(SECRET, 'tok-magic-1')}?next=%2Fjoin%2Fabc`],
      follow_up: [`${APP}/survey/${await secretFor(SECRET, 'tok-follow-1')}`, `${APP}/attestation/${await secretFor(SECRET, 'tok-follow-1')}.pdf`],
      survey_reminder: [`${APP}/survey/${await secretFor(SECRET, 'tok-follow-1')}`],
      attendance_reminder: [`${APP}/missions/mis_123`],
      facilitator_joined: [],
      facilitator_withdrew: [],
      waitlist_joined: [`${APP}/cancel/${await secretFor(SECRET, 'tok-cancel-2')}`],
      waitlist_promoted: [`${APP}/calendar/ses_2.ics`, `${APP}/cancel/${await secretFor(SECRET, 'tok-cancel-2')}`],
      session_reminder: [`${APP}/cancel/${await secretFor(SECRET, 'tok-cancel-3')}`],
      session_changed: [`${APP}/cancel/${await secretFor(SECRET, 'tok-cancel-1')}`],
    };
    for (const name of names) {
      const m = await renderEmail(name, 'fr', fixtures[name], ctx);
      const links = (m.text.match(/https?:\/\/\S+/g) ?? []).filter((u) => !u.startsWith('https://visio.example'));
      expect(links, name).toEqual(expected[name]);
      for (const l of expected[name]) expect(m.html, name).toContain(`href="${l.replace(/&/g, '&amp;')}"`);
    }
  });

  it('another server secret gives other links: nothing usable is stored in the message data', async () => {
    const other: RenderContext = { appUrl: APP, secret: (id) => secretFor('another-secret-entirely-0123456789', id) };
    const a = await renderEmail('facilitator_invitation', 'fr', fixtures.facilitator_invitation, ctx);
    const b = await renderEmail('facilitator_invitation', 'fr', fixtures.facilitator_invitation, other);
    expect(a.text).not.toBe(b.text);
    expect(JSON.stringify(fixtures.facilitator_invitation)).not.toContain(await secretFor(SECRET, 'tok-fac-1'));
  });

  it('magic_link only keeps a `next` that is a path on this server', async () => {
    const link = async (next?: string) => {
      const m = await renderEmail('magic_link', 'en', { tokenId: 't', next }, ctx);
      return m.text.match(/https?:\/\/\S+/)![0];
    };
    const base = `${APP}/auth/${await secretFor(SECRET, 't')}`;
    expect(await link()).toBe(base);
    expect(await link('/missions/m1')).toBe(`${base}?next=%2Fmissions%2Fm1`);
    expect(await link('/join/abc?x=1#y')).toBe(`${base}?next=${encodeURIComponent('/join/abc?x=1#y')}`);
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)', '/\t/evil.example', '/\n/evil.example', ' /x', '/x y']) {
      expect(await link(bad), bad).toBe(base);
    }
  });
});

describe('escaping', () => {
  const evil = '<script>alert("x")</script>"\'><img src=x onerror=alert(1)>&amp;';
  const evilSession = { ...onsite, title: evil, location: { mode: 'onsite' as const, address: evil } };
  const evilOnline = { ...online, location: { mode: 'online' as const, url: 'https://visio.example/"><script>alert(1)</script>' } };
  const evilData: { [N in TemplateName]: TemplateData<N> } = {
    mission_assigned: { missionId: 'm"><x', missionTitle: evil, organizationName: evil, coordinatorName: evil },
    facilitator_invitation: { tokenId: 't', session: evilSession, organizationName: evil, coordinatorName: evil },
    participant_invitation: { tokenId: 't', session: evilOnline, organizationName: evil },
    registration_confirmation: { ...fixtures.registration_confirmation, participantName: evil, session: evilSession, organizationName: evil, sessionId: 's"><x' },
    registration_cancelled: { participantName: evil, session: evilSession, organizationName: evil, byCoordinator: true },
    session_cancelled: { name: evil, role: 'facilitator', session: evilSession, organizationName: evil },
    retribution_request: {
      ...fixtures.retribution_request,
      requestId: 'r"><x',
      missionTitle: evil,
      organizationName: evil,
      coordinatorName: evil,
      coordinatorEmail: evil,
      lines: [{ ...fixtures.retribution_request.lines[0], name: evil, email: evil }],
    },
    mission_closed: { ...fixtures.mission_closed, missionTitle: evil, organizationName: evil, coordinatorName: evil, coordinatorEmail: evil },
    magic_link: { tokenId: 't', next: '/x"><script>alert(1)</script>' },
    follow_up: { ...fixtures.follow_up, participantName: evil, session: evilSession, organizationName: evil, facilitators: [evil] },
    survey_reminder: { tokenId: 't', participantName: evil, session: evilSession, organizationName: evil },
    attendance_reminder: { ...fixtures.attendance_reminder, missionId: 'm"><x', coordinatorName: evil, session: evilSession, organizationName: evil },
    facilitator_joined: { ...fixtures.facilitator_joined, coordinatorName: evil, facilitatorName: evil, missionTitle: evil, session: evilSession, organizationName: evil },
    facilitator_withdrew: { ...fixtures.facilitator_withdrew, coordinatorName: evil, facilitatorName: evil, missionTitle: evil, session: evilSession, organizationName: evil },
    waitlist_joined: { ...fixtures.waitlist_joined, participantName: evil, session: evilSession, organizationName: evil },
    waitlist_promoted: { ...fixtures.waitlist_promoted, participantName: evil, session: evilSession, organizationName: evil, sessionId: 's"><x' },
    session_reminder: { ...fixtures.session_reminder, name: evil, session: evilSession, organizationName: evil },
    session_changed: { ...fixtures.session_changed, name: evil, session: evilSession, previous: evilSession, organizationName: evil },
  };

  for (const name of names) {
    it(`${name}: a hostile value stays text in HTML`, async () => {
      for (const lang of ['fr', 'en'] as const) {
        const m = await renderEmail(name, lang, evilData[name], ctx);
        expect(m.html).not.toMatch(/<script|<img|<x\b/i);
        // Exactly the tags the frame and templates use.
        const tags = new Set([...m.html.matchAll(/<\/?([a-z0-9]+)/gi)].map((x) => x[1].toLowerCase()));
        for (const t of tags) expect(['html', 'head', 'meta', 'title', 'body', 'p', 'a', 'ul', 'li', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td'], `${name}: <${t}>`).toContain(t);
        // Attribute values never break out: every href is quoted and free of raw quotes/brackets.
        for (const [, href] of m.html.matchAll(/href="([^"]*)"/g)) expect(href).not.toMatch(/[<>"]/);
        if (name !== 'magic_link' && name !== 'participant_invitation') {
          expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
          // Text is plain text: shown as typed (the "&amp;" typed by the person stays "&amp;").
          expect(m.text).toContain(evil);
        }
        // Subjects are one line.
        expect(m.subject).not.toMatch(/[\r\n]/);
      }
    });
  }

  it('a subject never carries a line break from data', async () => {
    const m = await renderEmail('mission_assigned', 'fr', { ...fixtures.mission_assigned, missionTitle: 'A\r\nBcc: x@evil.example' }, ctx);
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  it('an online session link is only a link when it is http(s)', async () => {
    const m = await renderEmail('participant_invitation', 'en', { ...fixtures.participant_invitation, session: { ...online, location: { mode: 'online', url: 'javascript:alert(1)' } } }, ctx);
    expect(m.html).not.toContain('href="javascript:');
    const ok = await renderEmail('participant_invitation', 'en', fixtures.participant_invitation, ctx);
    expect(ok.html).toContain('href="https://visio.example/room?id=42&amp;x=1"');
  });
});

describe('the .ics of a registration', () => {
  const ics = (session = onsite, organization = 'Acme SA') => sessionIcs({ uid: 'ses_1', session, organization, lang: 'fr', now: Date.parse('2027-03-01T10:00:00+01:00') });

  it('is the attachment of the confirmation', async () => {
    const m = await renderEmail('registration_confirmation', 'fr', fixtures.registration_confirmation, ctx);
    expect(m.attachments).toEqual([{ filename: 'session.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics() }]);
    expect(ics()).toMatchSnapshot();
  });

  it('is valid iCalendar: CRLF lines of at most 75 octets, UTC times, escaped text', () => {
    const long = { ...onsite, title: 'Atelier « Fresque du Climat » ; édition spéciale, très très longue, pour l’équipe éducation — Besançon', location: { mode: 'onsite' as const, address: '12, rue de l’Église; bâtiment B\nétage 3 \\ porte à gauche' } };
    const text = ics(long, 'Établissement scolaire « Lycée » — académie de Besançon, Franche-Comté');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8'), l).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('DTSTART:20270311T080000Z');
    expect(unfolded).toContain('DTEND:20270311T110000Z');
    expect(unfolded).toContain('DTSTAMP:20270301T090000Z');
    expect(unfolded).toContain('UID:ses_1@fresk-missions');
    expect(unfolded).toContain('LOCATION:12\\, rue de l’Église\\; bâtiment B\\nétage 3 \\\\ porte à gauche');
    expect(unfolded).toContain('SUMMARY:Atelier — Atelier « Fresque du Climat » \\; édition spéciale\\, très très longue\\, pour l’équipe éducation — Besançon (Établissement scolaire « Lycée » — académie de Besançon\\, Franche-Comté)');
    // Folding never splits a UTF-8 character.
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });
});

const w = await makeWorld({ FRESK_APP_URL: 'https://missions.asso.example/' });

describe('in the running system', () => {

  it('links come from FRESK_APP_URL, never from the request Host or X-Forwarded-* headers', async () => {
    const admin = await w.token(people.admin);
    const hostile = {
      'content-type': 'application/json',
      authorization: `Bearer ${admin}`,
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'http',
      forwarded: 'host=evil.example;proto=http',
      origin: 'https://evil.example',
      referer: 'https://evil.example/page',
    };
    const res = await w.app.request('http://evil.example/trpc/admin.createMission', {
      method: 'POST',
      headers: hostile,
      body: JSON.stringify({ title: 'T', organization: { name: 'O', sector: 'entreprise' }, coordinator: { email: people.camille.email }, order: [] }),
    });
    expect(res.status).toBe(200);
    const { missionId } = ((await res.json()) as { result: { data: { missionId: string } } }).result.data;

    const camille = await w.token(people.camille);
    const created = await w.app.request('http://evil.example/trpc/sessions.create', {
      method: 'POST',
      headers: { ...hostile, authorization: `Bearer ${camille}` },
      body: JSON.stringify(sessionInput(missionId)),
    });
    const s = ((await created.json()) as { result: { data: { sessionId: string; participantSignupUrl: string } } }).result.data;
    await w.app.request('http://evil.example/trpc/participants.register', {
      method: 'POST',
      headers: hostile,
      body: JSON.stringify({ code: secretOf(s.participantSignupUrl), name: 'Zoé', email: 'zoe@client.test', consent: true }),
    });
    await w.app.request('http://evil.example/trpc/participants.invite', {
      method: 'POST',
      headers: { ...hostile, authorization: `Bearer ${camille}` },
      body: JSON.stringify({ sessionId: s.sessionId, emails: ['guest@client.test'] }),
    });
    await w.app.request('http://evil.example/trpc/facilitators.invite', {
      method: 'POST',
      headers: { ...hostile, authorization: `Bearer ${camille}` },
      body: JSON.stringify({ sessionId: s.sessionId, emails: [people.louis.email] }),
    });
    await w.app.request('http://evil.example/trpc/auth.requestLink', { method: 'POST', headers: hostile, body: JSON.stringify({ email: people.camille.email }) });

    const rows = await w.db.query.outbox.findMany();
    expect(new Set(rows.map((r) => r.template))).toEqual(
      new Set(['mission_assigned', 'registration_confirmation', 'participant_invitation', 'facilitator_invitation', 'magic_link']),
    );
    for (const row of rows) {
      const m = await renderRow(w.deps, row);
      const all = `${m.subject}\n${m.text}\n${m.html}\n${(m.attachments ?? []).map((a) => a.content).join('\n')}`;
      expect(all, row.template).not.toContain('evil.example');
      const links = m.text.match(/https?:\/\/\S+/g) ?? [];
      expect(links.length, row.template).toBeGreaterThan(0);
      for (const l of links) expect(l.startsWith('https://missions.asso.example/'), l).toBe(true);
      expect(all).not.toContain('missions.asso.example//');
    }
  });

  it('every secret link in an email is the token secret recomputed from the id in the row, and the row holds no secret', async () => {
    const rows = await w.db.query.outbox.findMany();
    const withToken = rows.filter((r) => JSON.parse(r.data).tokenId || JSON.parse(r.data).cancelTokenId);
    expect(withToken.length).toBe(4);
    for (const row of withToken) {
      const data = JSON.parse(row.data);
      const tokenId = data.tokenId ?? data.cancelTokenId;
      const secret = await secretFor(SECRET, tokenId);
      const m = await renderRow(w.deps, row);
      expect(m.text, row.template).toContain(`/${secret}`);
      expect(row.data).not.toContain(secret);
      const token = await w.db.query.tokens.findFirst({ where: eq(tokens.id, tokenId) });
      expect(token!.hash).toBe(await sha256(secret));
      expect(JSON.stringify(token)).not.toContain(secret);
    }
    // And the links work: the cancel link of the confirmation cancels.
    const confirmation = rows.find((r) => r.template === 'registration_confirmation')!;
    const cancel = (await renderRow(w.deps, confirmation)).text.match(/\/cancel\/([A-Za-z0-9_-]+)/)![1];
    expect(await w.anonymous().participants.cancel({ cancelToken: cancel })).toEqual({ cancelled: true });
    const cancelled = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'registration_cancelled') }))[0];
    const text = (await renderRow(w.deps, cancelled)).text;
    expect(text).toMatch(/^Bonjour,/);
    expect(text).not.toContain('Zoé'); // the name typed in the form never comes back in the association's words
  });
});
