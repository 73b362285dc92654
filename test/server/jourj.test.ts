/**
 * Le jour J and after (API.md): attendance and its window, walk-ins, self check-in, the follow-up
 * (exactly once per person), the attestation PDF read back, the survey, the results, the day-after
 * reminders, the dashboard and the closing warnings. Every window is tested at its edges with the
 * test clock; the session is 11 March 2027, 09:00–12:00 Paris.
 */
import { eq } from 'drizzle-orm';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { outbox, registrations, surveyAnswers } from '../../schema/index.ts';
import { drainOutbox, renderRow } from '../../server/outbox-drainer.ts';
import { resendMailer } from '../../server/mailer.ts';
import { startFakeResend } from '../fake-resend.ts';
import { runScheduledWork } from '../../server/scheduled.ts';
import { failure, http, makeWorld, missionFor, people, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld({ FRESK_OF_NUMBER: '11 75 54321 75', FRESK_ISSUER_NAME: 'Fresque du Climat' });
const NOW = '2027-03-01T10:00:00+01:00';
const START = Date.parse('2027-03-11T09:00:00+01:00');
const END = Date.parse('2027-03-11T12:00:00+01:00');
const H = 3600_000;
const D = 24 * H;
const coordinator = () => w.as(people.camille);

beforeEach(() => w.clock.set(NOW));

/** A session on 11 March 09:00–12:00 Paris with Louis on it and `n` registered participants. */
async function day(n = 3, extra: Record<string, unknown> = {}) {
  const missionId = await missionFor(w);
  const s = await coordinator().sessions.create(sessionInput(missionId, 10, extra));
  await w.as(people.louis).facilitators.join({ token: secretOf(s.facilitatorInviteUrl) });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await w.anonymous().participants.register({ code: secretOf(s.participantSignupUrl), name: `Person ${i}`, email: `p${i}-${s.sessionId.slice(0, 6)}@x.test`, consent: true });
    ids.push(r.registrationId);
  }
  return { missionId, sessionId: s.sessionId, code: secretOf(s.checkInUrl), checkInUrl: s.checkInUrl, ids };
}

async function linkOf(template: string, to: string, kind: 'survey' | 'attestation') {
  const row = (await w.db.query.outbox.findMany({ where: eq(outbox.template, template) })).find((r) => r.to === to)!;
  const text = (await renderRow(w.deps, row)).text;
  return kind === 'survey' ? text.match(/\/survey\/([A-Za-z0-9_-]+)/)![1] : text.match(/\/attestation\/([A-Za-z0-9_-]+)\.pdf/)![1];
}

describe('attendance window', () => {
  it('opens 2 h before the start and closes 30 days after the end, both edges included', async () => {
    const { sessionId, ids } = await day(1);
    w.clock.set(START - 2 * H - 1);
    const early = await failure(coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'present' }));
    expect(early).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'attendance_not_open', data: { opensAt: new Date(START - 2 * H).toISOString() } });
    expect((await failure(coordinator().attendance.addWalkIn({ sessionId, name: 'Early Bird', email: 'early@x.test' }))).reason).toBe('attendance_not_open');
    w.clock.set(START - 2 * H);
    expect(await coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'present' })).toEqual({ updated: 1 });
    w.clock.set(END + 30 * D);
    expect(await coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'absent' })).toEqual({ updated: 1 });
    w.clock.set(END + 30 * D + 1);
    expect((await failure(coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'present' }))).reason).toBe('attendance_closed');
    expect((await failure(coordinator().attendance.addWalkIn({ sessionId, name: 'Late', email: 'late@x.test' }))).reason).toBe('attendance_closed');
    // Readable at any time.
    const a = await coordinator().attendance.get({ sessionId });
    expect(a.window).toEqual({ opensAt: new Date(START - 2 * H).toISOString(), closesAt: new Date(END + 30 * D).toISOString(), open: false });
  });

  it('a cancelled session answers session_cancelled, a closed mission mission_closed', async () => {
    const { sessionId, ids } = await day(1);
    await coordinator().sessions.cancel({ sessionId });
    w.clock.set(START);
    expect((await failure(coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'present' }))).reason).toBe('session_cancelled');
  });
});

describe('attendance.mark', () => {
  it('any S caller marks; checkedInAt and checkedInBy follow the mark', async () => {
    const { sessionId, ids } = await day(3);
    w.clock.set(START + 10 * 60_000);
    await w.as(people.louis).attendance.mark({ sessionId, participantIds: [ids[0], ids[1]], attendance: 'present' });
    await coordinator().attendance.mark({ sessionId, participantIds: [ids[2]], attendance: 'absent' });
    w.clock.advance(60_000);
    // Marking present again keeps the first check-in time.
    await coordinator().attendance.mark({ sessionId, participantIds: [ids[0]], attendance: 'present' });
    await coordinator().attendance.mark({ sessionId, participantIds: [ids[1]], attendance: 'unknown' });
    const a = await w.as(people.louis).attendance.get({ sessionId });
    const by = Object.fromEntries(a.participants.map((p) => [p.participantId, p]));
    expect(by[ids[0]]).toMatchObject({ attendance: 'present', checkedInBy: 'facilitator', checkedInAt: new Date(START + 10 * 60_000).toISOString(), source: 'registered' });
    expect(by[ids[1]]).toMatchObject({ attendance: 'unknown', checkedInAt: null, checkedInBy: null });
    expect(by[ids[2]]).toMatchObject({ attendance: 'absent', checkedInAt: null, checkedInBy: null });
    expect(a.counts).toEqual({ participants: 3, present: 1, absent: 1, unknown: 1 });
  });

  it('an id not on the session answers NOT_FOUND and changes nothing', async () => {
    const { sessionId, ids } = await day(2);
    const other = await day(1);
    w.clock.set(START);
    const f = await failure(coordinator().attendance.mark({ sessionId, participantIds: [ids[0], other.ids[0]], attendance: 'present' }));
    expect(f.code).toBe('NOT_FOUND');
    expect((await coordinator().attendance.get({ sessionId })).counts.present).toBe(0);
  });

  it('a facilitator not on the session gets NOT_FOUND', async () => {
    const { sessionId, ids } = await day(1);
    w.clock.set(START);
    expect((await failure(w.as(people.ines).attendance.mark({ sessionId, participantIds: ids, attendance: 'present' }))).code).toBe('NOT_FOUND');
    expect((await failure(w.as(people.ines).attendance.get({ sessionId }))).code).toBe('NOT_FOUND');
  });
});

describe('walk-ins', () => {
  it('are not bounded by capacity, count in participantsCount, and seatsLeft never goes below 0', async () => {
    const { missionId, sessionId } = await day(2, { capacity: 2 });
    w.clock.set(START);
    const a = await w.as(people.louis).attendance.addWalkIn({ sessionId, name: 'Zoé Walk', email: 'Zoe.Walk@x.test' });
    expect(a).toMatchObject({ attendance: 'present', created: true });
    const again = await coordinator().attendance.addWalkIn({ sessionId, name: 'Zoé Walk', email: 'zoe.walk@x.test' });
    expect(again).toEqual({ participantId: a.participantId, attendance: 'present', created: false });
    const s = await coordinator().sessions.get({ sessionId });
    expect(s.seatsLeft).toBe(0);
    const m = await coordinator().missions.get({ missionId });
    expect(m.sessions[0].participantsCount).toBe(3);
    const att = await coordinator().attendance.get({ sessionId });
    expect(att.participants.find((p) => p.participantId === a.participantId)).toMatchObject({ source: 'walk_in', attendance: 'present', checkedInBy: 'facilitator' });
    // No confirmation email to a walk-in.
    expect((await w.db.query.outbox.findMany()).filter((r) => r.to === 'zoe.walk@x.test')).toHaveLength(0);
  });

  it('an address already registered is marked present (created:false)', async () => {
    const { sessionId, ids } = await day(1);
    w.clock.set(START);
    const reg = await w.db.query.registrations.findFirst({ where: eq(registrations.id, ids[0]) });
    expect(await coordinator().attendance.addWalkIn({ sessionId, name: 'Other Name', email: reg!.email.toUpperCase() })).toEqual({ participantId: ids[0], attendance: 'present', created: false });
  });

  it('a name with an @ or a link is refused with fieldErrors', async () => {
    const { sessionId } = await day(0);
    w.clock.set(START);
    const res = await http(w, 'attendance.addWalkIn', { input: { sessionId, name: 'http://spam.example', email: 'a@x.test' }, token: await w.token(people.camille) });
    expect(res.status).toBe(400);
    expect(res.body.error.data.fieldErrors.name).toBeTruthy();
  });
});

describe('self check-in', () => {
  it('works from 1 h before the start to 2 h after the end, edges included', async () => {
    const { code, ids } = await day(1);
    const reg = await w.db.query.registrations.findFirst({ where: eq(registrations.id, ids[0]) });
    w.clock.set(START - H - 1);
    const info = await w.anonymous().attendance.checkInInfo({ code });
    expect(info).toMatchObject({ open: false, opensAt: new Date(START - H).toISOString(), closesAt: new Date(END + 2 * H).toISOString(), organization: { name: 'Acme' } });
    expect(await failure(w.anonymous().attendance.selfCheckIn({ code, email: reg!.email }))).toMatchObject({ reason: 'checkin_not_open', data: { opensAt: new Date(START - H).toISOString() } });
    w.clock.set(START - H);
    expect(await w.anonymous().attendance.selfCheckIn({ code, email: reg!.email })).toEqual({ participantId: ids[0], attendance: 'present', name: 'Person 0' });
    w.clock.set(END + 2 * H);
    // Twice: the same participant; the first check-in time stays.
    expect(await w.anonymous().attendance.selfCheckIn({ code, email: reg!.email.toUpperCase() })).toEqual({ participantId: ids[0], attendance: 'present', name: 'Person 0' });
    w.clock.set(END + 2 * H + 1);
    expect((await failure(w.anonymous().attendance.selfCheckIn({ code, email: reg!.email }))).reason).toBe('checkin_closed');
    const got = await w.db.query.registrations.findFirst({ where: eq(registrations.id, ids[0]) });
    expect(got).toMatchObject({ attendance: 'present', checkedInBy: 'self', checkedInAt: START - H });
  });

  it('an address not registered needs a name and consent, then becomes a walk-in', async () => {
    const { code, sessionId } = await day(0);
    w.clock.set(START);
    const a = await failure(w.anonymous().attendance.selfCheckIn({ code, email: 'new@x.test' }));
    expect(a).toMatchObject({ code: 'BAD_REQUEST', reason: 'name_required', data: { fieldErrors: { name: expect.any(Array) } } });
    const b = await failure(w.anonymous().attendance.selfCheckIn({ code, email: 'new@x.test', name: 'Lí Léi' }));
    expect(b).toMatchObject({ code: 'BAD_REQUEST', reason: 'consent_required', data: { fieldErrors: { consent: expect.any(Array) } } });
    expect((await failure(w.anonymous().attendance.selfCheckIn({ code, email: 'new@x.test', name: 'Lí Léi', consent: false }))).reason).toBe('consent_required');
    const ok = await w.anonymous().attendance.selfCheckIn({ code, email: 'new@x.test', name: 'Lí Léi', consent: true });
    expect(ok).toMatchObject({ attendance: 'present', name: 'Lí Léi' });
    const att = await coordinator().attendance.get({ sessionId });
    expect(att.participants).toEqual([expect.objectContaining({ participantId: ok.participantId, source: 'walk_in', checkedInBy: 'self' })]);
  });

  it('regenerating the check-in link kills the old one at once; sessions.get shows the new one', async () => {
    const { code, sessionId, checkInUrl } = await day(0);
    expect((await coordinator().sessions.get({ sessionId })).checkInUrl).toBe(checkInUrl);
    const fresh = await coordinator().sessions.regenerateLink({ sessionId, link: 'checkin' });
    expect(fresh.checkInUrl).not.toBe(checkInUrl);
    expect(fresh.checkInUrl.startsWith('http://fresk.test/checkin/')).toBe(true);
    expect((await failure(w.anonymous().attendance.checkInInfo({ code }))).reason).toBe('invalid_token');
    expect((await w.anonymous().attendance.checkInInfo({ code: secretOf(fresh.checkInUrl) })).session.kind).toBe('atelier');
    expect((await coordinator().attendance.get({ sessionId })).checkIn.url).toBe(fresh.checkInUrl);
  });

  it('answers invalid_token for an unknown code', async () => {
    expect((await failure(w.anonymous().attendance.selfCheckIn({ code: 'A'.repeat(32), email: 'a@x.test' }))).reason).toBe('invalid_token');
  });
});

describe('follow-up', () => {
  it('is refused before the end, then sent once to each present person; again only to those marked since', async () => {
    const { sessionId, ids } = await day(3);
    w.clock.set(START);
    await coordinator().attendance.mark({ sessionId, participantIds: [ids[0], ids[1]], attendance: 'present' });
    w.clock.set(END - 1);
    expect((await failure(coordinator().followUp.send({ sessionId }))).reason).toBe('session_not_ended');
    w.clock.set(END);
    expect(await w.as(people.louis).followUp.send({ sessionId })).toEqual({ sent: 2 });
    expect((await failure(coordinator().followUp.send({ sessionId }))).reason).toBe('nothing_to_send');
    await coordinator().attendance.mark({ sessionId, participantIds: [ids[2]], attendance: 'present' });
    expect(await coordinator().followUp.send({ sessionId })).toEqual({ sent: 1 });
    const rows = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'follow_up') })).filter((r) => ids.includes(JSON.parse(r.data).registrationId));
    expect(rows.map((r) => JSON.parse(r.data).registrationId).sort()).toEqual([...ids].sort());
    // No secret in the row; the link is rendered at send time.
    for (const r of rows) expect(r.data).not.toMatch(/\/survey\//);
  });

  it('nothing_to_send when nobody is present', async () => {
    const { sessionId } = await day(2);
    w.clock.set(END + H);
    expect((await failure(coordinator().followUp.send({ sessionId }))).reason).toBe('nothing_to_send');
  });

  it('8 concurrent sends give exactly one email per person', async () => {
    const { sessionId, ids } = await day(5);
    w.clock.set(START);
    await coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'present' });
    w.clock.set(END + H);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => (i % 2 ? coordinator() : w.as(people.louis)).followUp.send({ sessionId })));
    const ok = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ sent: number }>[];
    expect(ok.reduce((n, r) => n + r.value.sent, 0)).toBe(5);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { cause?: { reason?: string } }).cause?.reason).toBe('nothing_to_send');
    const rows = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'follow_up') })).filter((r) => ids.includes(JSON.parse(r.data).registrationId));
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.to)).size).toBe(5);
  });

  it('stays possible after the mission is closed; attendance marks do not', async () => {
    const { missionId, sessionId, ids } = await day(1, { extraFacilitators: 1 });
    w.clock.set(START);
    await coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'present' });
    w.clock.set(END + H);
    // Louis joined as remunere: request the retributions, then close.
    await coordinator().retributions.request({ missionId });
    await coordinator().missions.close({ missionId });
    expect((await failure(coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'absent' }))).reason).toBe('mission_closed');
    expect(await coordinator().followUp.send({ sessionId })).toEqual({ sent: 1 });
  });
});

describe('follow-up through the provider', () => {
  it('each present person gets exactly one email with the PDF, through 500s, 429s and a lost answer', async () => {
    const { sessionId, ids } = await day(3);
    w.clock.set(START);
    await coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'present' });
    w.clock.set(END + H);
    await w.db.delete(outbox);
    await coordinator().followUp.send({ sessionId });
    const fake = await startFakeResend();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const mailer = resendMailer('re_test', fake.url, 1_000);
      fake.script({ kind: 'status', status: 500 }, { kind: 'status', status: 429, retryAfter: '1' }, { kind: 'hang', accepted: true });
      for (let i = 0; i < 12 && fake.deliveries.length < 3; i++) {
        await Promise.all([drainOutbox(w.deps, mailer), drainOutbox(w.deps, mailer)]);
        fake.release();
        w.clock.advance(10 * 60_000);
      }
      const to = fake.deliveries.map((d) => d.body.to[0]).sort();
      expect(to).toHaveLength(3);
      expect(new Set(to).size).toBe(3);
      for (const d of fake.deliveries) {
        expect(d.body.attachments[0]).toMatchObject({ content_type: 'application/pdf' });
        expect(Buffer.from(d.body.attachments[0].content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      }
    } finally {
      vi.restoreAllMocks();
      await fake.close();
    }
  });
});

describe('attestation', () => {
  it('is a PDF naming the participant in Unicode, with the duration and the issuer number, text extractable', async () => {
    const missionId = await missionFor(w);
    const s = await coordinator().sessions.create({ ...sessionInput(missionId, 10), endsAt: '2027-03-11T12:30:00+01:00', title: 'Fresque — équipe RH' });
    w.clock.set(START);
    const walk = await coordinator().attendance.addWalkIn({ sessionId: s.sessionId, name: 'Nguyễn Thị Ōkubo', email: 'nguyen@x.test' });
    w.clock.set(END + 2 * H);
    await coordinator().followUp.send({ sessionId: s.sessionId });
    const secret = await linkOf('follow_up', 'nguyen@x.test', 'attestation');
    const res = await w.app.request(`/attestation/${secret}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBeLessThan(60_000);
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    for (const expected of ['Attestation de présence', 'Nguyễn Thị Ōkubo', '3 h 30', '11 75 54321 75', 'Fresque du Climat', 'Acme', 'Camille', 'jeudi 11 mars 2027, 09:00 – 12:30', '1 rue de Rivoli']) {
      expect(text).toContain(expected);
    }
    // The same PDF is attached to the email.
    const row = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'follow_up') })).find((r) => JSON.parse(r.data).registrationId === walk.participantId)!;
    const m = await renderRow(w.deps, row);
    expect(m.attachments?.[0]).toMatchObject({ contentType: 'application/pdf' });
    expect((m.attachments![0].content as Uint8Array).length).toBeGreaterThan(1000);
    // An unknown link is a 404, not a 500.
    expect((await w.app.request(`/attestation/${'A'.repeat(32)}.pdf`)).status).toBe(404);
    expect((await w.app.request(`/attestation/${'x'.repeat(500)}.pdf`)).status).toBe(404);
  });

  it('prints Chinese, Japanese and Korean names with glyphs from the fallback range files, only when needed', async () => {
    const missionId = await missionFor(w);
    const s = await coordinator().sessions.create(sessionInput(missionId, 10));
    w.clock.set(START);
    const names = ['李雷', '山田 はなこ', '김민준', 'Ana Lima'];
    for (const [i, name] of names.entries()) await coordinator().attendance.addWalkIn({ sessionId: s.sessionId, name, email: `cjk${i}@x.test` });
    w.clock.set(END);
    await coordinator().followUp.send({ sessionId: s.sessionId });
    const sizes: number[] = [];
    for (const [i, name] of names.entries()) {
      const res = await w.app.request(`/attestation/${await linkOf('follow_up', `cjk${i}@x.test`, 'attestation')}.pdf`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      sizes.push(bytes.length);
      const { text } = await extractText(await getDocumentProxy(bytes.slice()), { mergePages: true });
      expect(text).toContain(name);
      expect(text).toContain('Attestation de présence');
      // Each CJK name embeds its own subset font(s); a Latin name embeds the main font only.
      const fonts = (await PDFDocument.load(bytes)).context
        .enumerateIndirectObjects()
        .flatMap(([, o]) => (o instanceof PDFDict && o.get(PDFName.of('Subtype')) === PDFName.of('Type0') ? [String(o.get(PDFName.of('BaseFont')))] : []));
      expect(fonts.some((f) => /NotoSans(SC|JP|KR)/.test(f)), `${name}: ${fonts.join(' ')}`).toBe(i < 3);
      expect(fonts.some((f) => /NotoSans(SC|JP|KR)/.test(f) && f.includes(['SC', 'JP', 'KR'][i])), `${name}: ${fonts.join(' ')}`).toBe(i < 3);
    }
    expect(Math.max(...sizes)).toBeLessThan(200_000);
    expect(sizes[3]).toBeLessThan(60_000);
  });

  it('is in English for an English session, online', async () => {
    const missionId = await missionFor(w);
    const s = await coordinator().sessions.create({ ...sessionInput(missionId, 10), language: 'en', location: { mode: 'online', url: 'https://visio.example/r' } });
    w.clock.set(START);
    await coordinator().attendance.addWalkIn({ sessionId: s.sessionId, name: 'Ana Lima', email: 'ana@x.test' });
    w.clock.set(END);
    await coordinator().followUp.send({ sessionId: s.sessionId });
    const res = await w.app.request(`/attestation/${await linkOf('follow_up', 'ana@x.test', 'attestation')}.pdf`);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true });
    expect(text).toContain('Certificate of attendance');
    expect(text).toContain('online');
    expect(text).toContain('3 h');
  });
});

describe('survey', () => {
  async function served(n = 2) {
    const d = await day(n);
    w.clock.set(START);
    await coordinator().attendance.mark({ sessionId: d.sessionId, participantIds: d.ids, attendance: 'present' });
    w.clock.set(END);
    await coordinator().followUp.send({ sessionId: d.sessionId });
    const emails = await Promise.all(d.ids.map(async (id) => (await w.db.query.registrations.findFirst({ where: eq(registrations.id, id) }))!.email));
    const tokens = await Promise.all(emails.map((e) => linkOf('follow_up', e, 'survey')));
    return { ...d, emails, tokens };
  }

  it('shows the questions, takes one answer per link, and says answered after', async () => {
    const { tokens } = await served(1);
    const g = await w.anonymous().survey.get({ token: tokens[0] });
    expect(g).toMatchObject({ answered: false, open: true, participant: { name: 'Person 0' }, organization: { name: 'Acme' }, session: { kind: 'atelier', language: 'fr' } });
    expect(g.questions.map((q) => [q.id, q.type, q.min, q.max, q.required])).toEqual([
      ['overall', 'rating', 1, 5, true],
      ['content', 'rating', 1, 5, true],
      ['facilitation', 'rating', 1, 5, true],
      ['recommend', 'nps', 0, 10, true],
      ['takeaway', 'text', 0, 2000, false],
      ['comment', 'text', 0, 2000, false],
    ]);
    expect(await w.anonymous().survey.answer({ token: tokens[0], answers: { overall: 5, content: 4, facilitation: 5, recommend: 10, takeaway: '  Agir  ' } })).toEqual({ answered: true });
    expect((await failure(w.anonymous().survey.answer({ token: tokens[0], answers: { overall: 1, content: 1, facilitation: 1, recommend: 0 } }))).reason).toBe('survey_already_answered');
    expect((await w.anonymous().survey.get({ token: tokens[0] })).answered).toBe(true);
    const stored = await w.db.query.surveyAnswers.findMany();
    expect(JSON.stringify(stored)).not.toMatch(/Person 0|@x\.test/);
  });

  it('refuses bad values with fieldErrors', async () => {
    const { tokens } = await served(1);
    for (const answers of [{ overall: 6, content: 4, facilitation: 5, recommend: 10 }, { overall: 0, content: 4, facilitation: 5, recommend: 10 }, { overall: 2.5, content: 4, facilitation: 5, recommend: 10 }, { content: 4, facilitation: 5, recommend: 10 }]) {
      const res = await http(w, 'survey.answer', { input: { token: tokens[0], answers } });
      expect(res.status).toBe(400);
      expect(res.body.error.data.fieldErrors['answers.overall']).toBeTruthy();
      expect(res.body.error.data.fieldErrors.answers).toBeTruthy();
    }
    const long = await http(w, 'survey.answer', { input: { token: tokens[0], answers: { overall: 5, content: 4, facilitation: 5, recommend: 11, comment: 'x'.repeat(2001) } } });
    expect(Object.keys(long.body.error.data.fieldErrors)).toEqual(expect.arrayContaining(['answers.recommend', 'answers.comment']));
  });

  it('is open until 60 days after the end, that instant included', async () => {
    const { tokens } = await served(2);
    w.clock.set(END + 60 * D);
    expect(await w.anonymous().survey.answer({ token: tokens[0], answers: { overall: 4, content: 4, facilitation: 4, recommend: 8 } })).toEqual({ answered: true });
    w.clock.set(END + 60 * D + 1);
    expect((await w.anonymous().survey.get({ token: tokens[1] })).open).toBe(false);
    expect((await failure(w.anonymous().survey.answer({ token: tokens[1], answers: { overall: 4, content: 4, facilitation: 4, recommend: 8 } }))).reason).toBe('survey_closed');
  });

  it('results: means to one decimal, NPS, response rate and texts without names; erasure keeps the answer unlinked', async () => {
    const { missionId, sessionId, tokens, emails } = await served(4);
    const answer = (i: number, o: number, r: number, comment?: string) =>
      w.anonymous().survey.answer({ token: tokens[i], answers: { overall: o, content: 3, facilitation: 4, recommend: r, comment } });
    await answer(0, 5, 10, 'Très bien');
    await answer(1, 4, 9);
    await answer(2, 4, 3, '   ');
    const r = await coordinator().followUp.results({ sessionId });
    // NPS: 2 promoters, 1 detractor of 3 → 33.33… → 33.
    expect(r).toEqual({ present: 4, sent: 4, responses: 3, responseRate: 0.75, averages: { overall: 4.3, content: 3, facilitation: 4 }, nps: 33, comments: [{ sessionId, takeaway: null, comment: 'Très bien' }] });
    expect((await coordinator().followUp.results({ missionId })).responses).toBe(3);
    expect(JSON.stringify(r)).not.toMatch(/Person|@/);
    const m = await coordinator().missions.get({ missionId });
    expect(m.satisfaction).toEqual({ responses: 3, average: 4.3 });
    await w.as({ ...people.admin, of: true }).admin.erasePerson({ email: emails[0] });
    const kept = await w.db.query.surveyAnswers.findMany({ where: eq(surveyAnswers.sessionId, sessionId) });
    expect(kept).toHaveLength(3);
    expect(kept.filter((a) => a.registrationId === null)).toHaveLength(1);
    expect((await coordinator().followUp.results({ sessionId })).responses).toBe(3);
    expect((await failure(w.as(people.louis).followUp.results({ sessionId }))).code).toBe('NOT_FOUND');
  });
});

describe('day-after reminders', () => {
  it('the coordinator is reminded once, 24 h after the end, only when no attendance was taken', async () => {
    const a = await day(2);
    const b = await day(1);
    const none = await day(0);
    w.clock.set(START);
    await coordinator().attendance.mark({ sessionId: b.sessionId, participantIds: b.ids, attendance: 'absent' });
    const reminders = async () => (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'attendance_reminder') })).map((r) => JSON.parse(r.data).sessionId);
    w.clock.set(END + D - 1);
    await runScheduledWork(w.deps);
    expect(await reminders()).not.toContain(a.sessionId);
    w.clock.set(END + D);
    await Promise.all([runScheduledWork(w.deps), runScheduledWork(w.deps)]);
    await runScheduledWork(w.deps);
    const sent = await reminders();
    expect(sent.filter((id) => id === a.sessionId)).toHaveLength(1);
    expect(sent).not.toContain(b.sessionId);
    expect(sent).not.toContain(none.sessionId);
    const row = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'attendance_reminder') })).find((r) => JSON.parse(r.data).sessionId === a.sessionId)!;
    expect(row.to).toBe(people.camille.email);
  });

  it('participants who have not answered get one survey reminder 3 days after the follow-up', async () => {
    const d = await day(2);
    w.clock.set(START);
    await coordinator().attendance.mark({ sessionId: d.sessionId, participantIds: d.ids, attendance: 'present' });
    const sentAt = END + 5 * H;
    w.clock.set(sentAt);
    await coordinator().followUp.send({ sessionId: d.sessionId });
    const emails = await Promise.all(d.ids.map(async (id) => (await w.db.query.registrations.findFirst({ where: eq(registrations.id, id) }))!.email));
    await w.anonymous().survey.answer({ token: await linkOf('follow_up', emails[0], 'survey'), answers: { overall: 5, content: 5, facilitation: 5, recommend: 10 } });
    const reminded = async () => (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'survey_reminder') })).map((r) => r.to).filter((to) => emails.includes(to));
    w.clock.set(sentAt + 3 * D - 1);
    await runScheduledWork(w.deps);
    expect(await reminded()).toEqual([]);
    w.clock.set(sentAt + 3 * D);
    await Promise.all([runScheduledWork(w.deps), runScheduledWork(w.deps)]);
    w.clock.set(sentAt + 4 * D);
    await runScheduledWork(w.deps);
    expect(await reminded()).toEqual([emails[1]]);
    // The reminder's link is the same survey.
    expect(await linkOf('survey_reminder', emails[1], 'survey')).toBe(await linkOf('follow_up', emails[1], 'survey'));
  });
});

describe('dashboard and closing', () => {
  it('missions.get carries presentCount, attendanceTaken, followUpTag and the closing warnings', async () => {
    const { missionId, sessionId, ids } = await day(2);
    let m = await coordinator().missions.get({ missionId });
    expect(m.sessions[0]).toMatchObject({ presentCount: 0, attendanceTaken: false, followUpTag: 'none' });
    expect(m.satisfaction).toEqual({ responses: 0, average: null });
    w.clock.set(END + H);
    m = await coordinator().missions.get({ missionId });
    expect(m.close.warnings).toEqual(['attendance_missing', 'order_not_fulfilled']);
    await coordinator().attendance.mark({ sessionId, participantIds: [ids[0]], attendance: 'present' });
    m = await coordinator().missions.get({ missionId });
    expect(m.sessions[0]).toMatchObject({ presentCount: 1, attendanceTaken: true, followUpTag: 'to_send' });
    expect(m.close.warnings).toEqual(['followup_pending', 'order_not_fulfilled']);
    await coordinator().followUp.send({ sessionId });
    m = await coordinator().missions.get({ missionId });
    expect(m.sessions[0].followUpTag).toBe('sent');
    expect(m.close.warnings).toEqual(['order_not_fulfilled']);
  });

  it('the closing email says delivered against ordered, per kind', async () => {
    const { missionId } = await day(0);
    w.clock.set(END + H);
    await coordinator().retributions.request({ missionId });
    await coordinator().missions.close({ missionId });
    const row = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'mission_closed') })).find((r) => JSON.parse(r.data).missionId === missionId)!;
    const text = (await renderRow(w.deps, row)).text;
    expect(text).toContain('Atelier : 2 intervention(s) réalisée(s) pour 10 commandée(s)');
    expect(text).toContain('Formation : 0 intervention(s) réalisée(s) pour 2 commandée(s)');
  });
});

describe('attendance.csv', () => {
  it('is for S callers, with source, attendance, check-in and follow-up state', async () => {
    const { sessionId, ids } = await day(1);
    w.clock.set(START);
    await coordinator().attendance.mark({ sessionId, participantIds: ids, attendance: 'present' });
    await coordinator().attendance.addWalkIn({ sessionId, name: 'Walk In', email: 'walkin-csv@x.test' });
    const get = async (token?: string) => w.app.request(`/export/sessions/${sessionId}/attendance.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get()).status).toBe(401);
    expect((await get(await w.token(people.ines))).status).toBe(404);
    const res = await get(await w.token(people.louis));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('name;email;source;attendance;checkedInAt;checkedInBy;followUpSentAt;surveyAnswered');
    expect(text).toContain('Walk In;walkin-csv@x.test;walk_in;present;');
  });
});


describe('pages', () => {
  it('/checkin and /survey are served under the strict CSP with their own bundle, not fresk-invite.js', async () => {
    for (const path of ['/checkin/abc', '/survey/def']) {
      const res = await w.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const body = await res.text();
      expect(body).toContain('/widget/fresk-day.js');
      expect(body).not.toContain('fresk-invite.js');
    }
    const hostile = await w.app.request('/checkin/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(await hostile.text()).not.toContain('<script>alert(1)');
  });
});
