/**
 * Issue 16, "People who are invited actually arrive, and stay informed": invitations to unknown addresses,
 * personal invitations for their person only, joining and withdrawing, "Mes sessions", the waiting list and
 * its promotion (under a storm), invitations on record, change notices, J-1 reminders and calendar files
 * parsed back with a real iCalendar parser.
 */
import ICAL from 'ical.js';
import { desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { facilitators, outbox, registrations, waitlistEntries } from '../../schema/index.ts';
import { renderRow } from '../../server/outbox-drainer.ts';
import { runScheduledJobs } from '../../server/scheduled.ts';
import { failure, makeWorld, missionFor, people, type Person, secretOf, sessionInput } from './helpers.ts';

const w = await makeWorld();
let n = 0;
const newFacilitator = (of = true): Person => {
  n++;
  return { sub: `p-new-${n}`, email: `new${n}@fresk.test`, name: `New ${n}`, role: 'facilitator', of };
};

async function plan(extra: Record<string, unknown> = {}, dayOffset = 10) {
  const missionId = await missionFor(w);
  const created = await w.as(people.camille).sessions.create(sessionInput(missionId, dayOffset, extra));
  return { missionId, ...created, code: secretOf(created.participantSignupUrl), link: secretOf(created.facilitatorInviteUrl) };
}

/** The messages queued to an address, newest first, rendered as they would be sent. */
async function mailsTo(to: string, template?: string) {
  const rows = await w.db.query.outbox.findMany({ where: eq(outbox.to, to), orderBy: [desc(outbox.createdAt), sql`rowid desc`] });
  return Promise.all(rows.filter((r) => !template || r.template === template).map(async (r) => ({ row: r, ...(await renderRow(w.deps, r)) })));
}
const linkIn = (text: string, path: string) => text.match(new RegExp(`/${path}/([A-Za-z0-9_-]+)`))![1];
const register = (code: string, email: string, waitlist?: boolean) =>
  w.anonymous(`ip-${Math.random()}`).participants.register({ code, name: email.split('@')[0], email, consent: true, ...(waitlist === undefined ? {} : { waitlist }) });
const count = async (table: typeof registrations | typeof waitlistEntries, sessionId: string) =>
  Number((await w.db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.sessionId, sessionId)))[0].n);

/** Parses an .ics text with ical.js and returns its method and first event. */
/** An attachment's text: calendar files are strings, but attachments may be bytes. */
const icsText = (content: string | Uint8Array) => (typeof content === 'string' ? content : new TextDecoder().decode(content));

function parseIcs(content: string | Uint8Array) {
  const cal = new ICAL.Component(ICAL.parse(icsText(content)));
  const ev = cal.getFirstSubcomponent('vevent')!;
  return {
    method: cal.getFirstPropertyValue('method'),
    uid: String(ev.getFirstPropertyValue('uid')),
    sequence: Number(ev.getFirstPropertyValue('sequence')),
    status: ev.getFirstPropertyValue('status'),
    url: ev.getFirstPropertyValue('url'),
    start: (ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    events: cal.getAllSubcomponents('vevent').length,
  };
}

describe('inviting facilitators', () => {
  it('an address nobody knew becomes a facilitator record (compliance unknown) that a magic link reaches', async () => {
    const s = await plan();
    const res = await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: ['Stranger@Elsewhere.org'] });
    expect(res).toEqual({ invited: ['stranger@elsewhere.org'], refused: [] });
    const row = await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, 'stranger@elsewhere.org') });
    expect(row?.ofCompliant).toBeNull();
    await w.anonymous().auth.requestLink({ email: 'stranger@elsewhere.org' });
    const [magic] = await mailsTo('stranger@elsewhere.org', 'magic_link');
    const { token } = await w.anonymous().auth.exchange({ token: linkIn(magic.text, 'auth') });
    expect(token).toMatch(/^ey/);
  });

  it('refuses no_slot_left when every slot is taken, already_registered for someone on it', async () => {
    const s = await plan({ extraFacilitators: 1 });
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    const res = await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [a.email, 'late@fresk.test'] });
    expect(res).toEqual({ invited: [], refused: [{ email: a.email, reason: 'already_registered' }, { email: 'late@fresk.test', reason: 'no_slot_left' }] });
  });

  it('inviting again sends a fresh invitation and revokes the previous one; invitations are on record', async () => {
    const s = await plan();
    const b = newFacilitator();
    w.clock.advance(1000);
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [b.email] });
    const [first] = await mailsTo(b.email, 'facilitator_invitation');
    w.clock.advance(1000);
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [b.email] });
    const [second] = await mailsTo(b.email, 'facilitator_invitation');
    expect((await failure(w.as(b).facilitators.join({ token: linkIn(first.text, 'join') }))).reason).toBe('invalid_token');
    await w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['guest@x.test'] });
    let got = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(got.invitations.map((i) => [i.email, i.kind, i.state])).toEqual([
      [b.email, 'facilitator', 'revoked'],
      [b.email, 'facilitator', 'pending'],
      ['guest@x.test', 'participant', 'pending'],
    ]);
    expect(got.invitations[0].invitedAt).toMatch(/Z$/);
    await w.as(b).facilitators.join({ token: linkIn(second.text, 'join') });
    const [guestMail] = await mailsTo('guest@x.test', 'participant_invitation');
    await w.anonymous().participants.register({ token: linkIn(guestMail.text, 'invitation'), name: 'Guest', email: 'guest@x.test', consent: true });
    got = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(got.invitations.map((i) => i.state)).toEqual(['revoked', 'used', 'used']);
  });

  it('a personal invitation used by someone else answers invitation_for_someone_else and stays usable', async () => {
    const s = await plan();
    const invitee = newFacilitator();
    const other = newFacilitator();
    await w.as(people.camille).facilitators.invite({ sessionId: s.sessionId, emails: [invitee.email] });
    const [mail] = await mailsTo(invitee.email, 'facilitator_invitation');
    const secret = linkIn(mail.text, 'join');
    const refused = await failure(w.as(other).facilitators.join({ token: secret }));
    expect([refused.code, refused.reason]).toEqual(['FORBIDDEN', 'invitation_for_someone_else']);
    expect(await w.as(invitee).facilitators.join({ token: secret })).toEqual({ sessionId: s.sessionId });
  });
});

describe("staff's word on compliance wins", () => {
  it("once staff set ofCompliant, a portal token's of claim no longer changes it; until then the claim is taken", async () => {
    const s = await plan();
    const p = newFacilitator(true);
    await w.as(p).missions.list({}); // the portal's claim is taken while staff said nothing
    expect((await w.db.query.facilitators.findFirst({ where: eq(facilitators.email, p.email) }))?.ofCompliant).toBe(true);
    await w.as(people.admin).admin.setFacilitator({ email: p.email, ofCompliant: false });
    expect((await failure(w.as(p).facilitators.join({ token: s.link }))).reason).toBe('not_of_compliant');
    await w.as(people.admin).admin.setFacilitator({ email: p.email, ofCompliant: true });
    expect(await w.as({ ...p, of: false }).facilitators.join({ token: s.link })).toEqual({ sessionId: s.sessionId });
  });
});

describe('joining and leaving', () => {
  it('the coordinator is emailed when a facilitator joins and when one withdraws; the slot opens again', async () => {
    const s = await plan({ extraFacilitators: 1 });
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    const [joined] = await mailsTo(people.camille.email, 'facilitator_joined');
    expect(joined.text).toContain(a.email);
    expect((await w.anonymous().facilitators.invitation({ token: s.link })).slotsLeft).toBe(0);
    expect(await w.as(a).facilitators.withdraw({ sessionId: s.sessionId })).toEqual({ withdrawn: true });
    const [withdrew] = await mailsTo(people.camille.email, 'facilitator_withdrew');
    expect(withdrew.text).toContain(a.email);
    expect((await w.anonymous().facilitators.invitation({ token: s.link })).slotsLeft).toBe(1);
  });

  it('withdraw: NOT_FOUND when I am not on it, session_started once it started', async () => {
    const s = await plan({}, 2);
    const a = newFacilitator();
    expect((await failure(w.as(a).facilitators.withdraw({ sessionId: s.sessionId }))).code).toBe('NOT_FOUND');
    await w.as(a).facilitators.join({ token: s.link });
    const saved = w.clock.now();
    w.clock.set(sessionInput('x', 2).startsAt);
    expect((await failure(w.as(a).facilitators.withdraw({ sessionId: s.sessionId }))).reason).toBe('session_started');
    w.clock.set(saved);
  });

  it('mySessions lists my sessions, the ones I coordinate included, with status, retribution and calendar', async () => {
    const s = await plan();
    const mine = await w.as(people.camille).facilitators.mySessions({});
    const row = mine.find((m) => m.sessionId === s.sessionId)!;
    expect(row).toMatchObject({ missionId: s.missionId, status: 'planned', ended: false, myStatus: 'remunere', retribution: 'not_requested', calendarUrl: `http://fresk.test/calendar/${s.sessionId}.ics` });
  });
});

describe('participants: personal invitations', () => {
  it('register the invited address only, whatever the form says', async () => {
    const s = await plan();
    await w.as(people.camille).participants.invite({ sessionId: s.sessionId, emails: ['only.me@x.test'] });
    const [mail] = await mailsTo('only.me@x.test', 'participant_invitation');
    const { registrationId } = await w.anonymous().participants.register({ token: linkIn(mail.text, 'invitation'), name: 'Me', email: 'someone.else@x.test', consent: true });
    const reg = await w.db.query.registrations.findFirst({ where: eq(registrations.id, registrationId) });
    expect(reg?.email).toBe('only.me@x.test');
  });
});

describe('waiting list', () => {
  it('a full session waitlists with a position; repeats return the same entry; counts are of registered people', async () => {
    const s = await plan({ capacity: 2 });
    expect((await register(s.code, 'a@w.test', true)).status).toBe('registered'); // a free seat: registered as usual
    await register(s.code, 'b@w.test');
    expect((await failure(register(s.code, 'c@w.test'))).reason).toBe('session_full');
    const c = await register(s.code, 'c@w.test', true);
    expect(c).toMatchObject({ status: 'waitlisted', position: 1 });
    const d = await register(s.code, 'd@w.test', true);
    expect(d).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(await register(s.code, 'C@W.test', true)).toMatchObject({ registrationId: c.registrationId, status: 'waitlisted', position: 1 });
    expect(await register(s.code, 'c@w.test')).toMatchObject({ registrationId: c.registrationId, status: 'waitlisted' });
    const [mail] = await mailsTo('c@w.test', 'waitlist_joined');
    expect(mail.text).toMatch(/position 1/);
    expect(mail.text).toContain('/cancel/');
    // The leave link opens the cancel view of the entry.
    expect((await w.anonymous().participants.signupInfo({ cancelToken: linkIn(mail.text, 'cancel') })).registration).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await mailsTo('c@w.test')).toHaveLength(1); // the repeats sent nothing
    const info = await w.anonymous().participants.signupInfo({ code: s.code });
    expect(info).toMatchObject({ seatsLeft: 0, open: false, reason: 'session_full', waitlist: { open: true, count: 2 } });
    const got = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(got.seatsLeft).toBe(0);
    expect(got.participants.map((p) => p.email)).toEqual(['a@w.test', 'b@w.test']);
    expect(got.waitlist.map((p) => [p.email, p.position])).toEqual([['c@w.test', 1], ['d@w.test', 2]]);
    const mission = await w.as(people.camille).missions.get({ missionId: s.missionId });
    expect(mission.sessions.find((x) => x.id === s.sessionId)).toMatchObject({ participantsCount: 2, waitlistCount: 2 });
  });

  it('a cancellation promotes the first person waiting in the same transaction, with the calendar file and a cancel link', async () => {
    const s = await plan({ capacity: 1 });
    await register(s.code, 'first@w.test');
    const waiting = await register(s.code, 'second@w.test', true);
    await register(s.code, 'third@w.test', true);
    const [confirmation] = await mailsTo('first@w.test', 'registration_confirmation');
    await w.anonymous().participants.cancel({ cancelToken: linkIn(confirmation.text, 'cancel') });
    const got = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(got.participants.map((p) => [p.participantId, p.email])).toEqual([[waiting.registrationId, 'second@w.test']]);
    expect(got.waitlist.map((p) => [p.email, p.position])).toEqual([['third@w.test', 1]]);
    const [promoted] = await mailsTo('second@w.test', 'waitlist_promoted');
    expect(promoted.attachments?.[0].content).toContain('BEGIN:VCALENDAR');
    // The waitlist email's link is now the registration's cancel link.
    const [joined] = await mailsTo('second@w.test', 'waitlist_joined');
    expect(linkIn(promoted.text, 'cancel')).toBe(linkIn(joined.text, 'cancel'));
    await w.anonymous().participants.cancel({ cancelToken: linkIn(joined.text, 'cancel') });
    expect((await w.as(people.camille).sessions.get({ sessionId: s.sessionId })).participants.map((p) => p.email)).toEqual(['third@w.test']);
  });

  it('a removal and a larger capacity promote too; leaving the list renumbers; nobody is promoted once started', async () => {
    const s = await plan({ capacity: 1 }, 3);
    await register(s.code, 'r1@w.test');
    for (const e of ['r2', 'r3', 'r4', 'r5']) await register(s.code, `${e}@w.test`, true);
    const [r3mail] = await mailsTo('r3@w.test', 'waitlist_joined');
    await w.anonymous().participants.cancel({ cancelToken: linkIn(r3mail.text, 'cancel') }); // r3 leaves the list
    let got = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(got.waitlist.map((p) => [p.email, p.position])).toEqual([['r2@w.test', 1], ['r4@w.test', 2], ['r5@w.test', 3]]);
    await w.as(people.camille).participants.remove({ sessionId: s.sessionId, participantId: got.participants[0].participantId });
    await w.as(people.camille).sessions.update({ sessionId: s.sessionId, capacity: 2 });
    got = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(got.participants.map((p) => p.email)).toEqual(['r2@w.test', 'r4@w.test']);
    expect(got.waitlist.map((p) => p.email)).toEqual(['r5@w.test']);
    const saved = w.clock.now();
    w.clock.set(sessionInput('x', 3).startsAt);
    await w.as(people.camille).participants.remove({ sessionId: s.sessionId, participantId: got.participants[0].participantId });
    got = await w.as(people.camille).sessions.get({ sessionId: s.sessionId });
    expect(got.participants.map((p) => p.email)).toEqual(['r4@w.test']);
    expect(got.waitlist.map((p) => p.email)).toEqual(['r5@w.test']);
    expect((await w.anonymous().participants.signupInfo({ code: s.code })).waitlist.open).toBe(false);
    w.clock.set(saved);
  });

  it('people waiting hear of a cancellation, and nobody is promoted on a cancelled session', async () => {
    const s = await plan({ capacity: 1 });
    await register(s.code, 'sits@w.test');
    await register(s.code, 'waits@w.test', true);
    await w.as(people.camille).sessions.cancel({ sessionId: s.sessionId });
    expect(await mailsTo('waits@w.test', 'session_cancelled')).toHaveLength(1);
    expect((await w.anonymous().participants.signupInfo({ code: s.code })).waitlist.open).toBe(false);
  });

  it('STORM: concurrent cancellations, waitlist registrations and capacity changes never exceed capacity', async () => {
    const s = await plan({ capacity: 10 });
    for (let i = 0; i < 10; i++) await register(s.code, `seat${i}@storm.test`);
    for (let i = 0; i < 10; i++) await register(s.code, `early${i}@storm.test`, true);
    const cancels = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => linkIn((await mailsTo(`seat${i}@storm.test`, 'registration_confirmation'))[0].text, 'cancel')),
    );
    // Interleaved, all in flight at once: 40 waitlist registrations, 10 cancellations, 2 capacity changes.
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      ops.push(register(s.code, `late${i}@storm.test`, true));
      if (i % 4 === 1) ops.push(w.anonymous(`ip-${Math.random()}`).participants.cancel({ cancelToken: cancels[i >> 2] }));
      if (i === 17) ops.push(w.as(people.camille).sessions.update({ sessionId: s.sessionId, capacity: 12 }));
      if (i === 29) ops.push(w.as(people.camille).sessions.update({ sessionId: s.sessionId, capacity: 11 }));
    }
    const settled = await Promise.allSettled(ops);
    const crashed = settled.filter((r) => r.status === 'rejected' && !['session_full', 'capacity_below_registrations'].includes((r.reason as { cause?: { reason?: string } }).cause?.reason ?? ''));
    expect(crashed).toEqual([]);
    const session = (await w.as(people.camille).sessions.get({ sessionId: s.sessionId }))!;
    const regs = await count(registrations, s.sessionId);
    const waiting = await count(waitlistEntries, s.sessionId);
    expect(regs).toBeLessThanOrEqual(session.capacity);
    // Seats free only while nobody waits.
    if (waiting > 0) expect(regs).toBe(session.capacity);
    expect(regs + waiting).toBe(60 - 10);
    // First come, first served: the early waiters were promoted before any late one.
    const emails = session.participants.map((p) => p.email);
    const early = emails.filter((e) => e.startsWith('early')).length;
    if (emails.some((e) => e.startsWith('late'))) expect(early).toBe(10);
    expect(session.waitlist.map((p) => p.position)).toEqual(session.waitlist.map((_, i) => i + 1));
    // Each promoted person got exactly one promotion email.
    const promotedMails = (await w.db.query.outbox.findMany({ where: eq(outbox.template, 'waitlist_promoted') })).filter((r) => JSON.parse(r.data).sessionId === s.sessionId);
    expect(promotedMails.map((r) => r.to).sort()).toEqual(emails.filter((e) => !e.startsWith('seat')).sort());
  });
});

describe('keeping people informed', () => {
  it('a new time sends everyone the change with a calendar file of the same UID and a higher SEQUENCE', async () => {
    const url = 'https://visio.example/room?id=42&a=1,2;b=3';
    const s = await plan({ location: { mode: 'online', url } });
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    await register(s.code, 'moved@x.test');
    const [confirmation] = await mailsTo('moved@x.test', 'registration_confirmation');
    const before = parseIcs(confirmation.attachments![0].content);
    expect(before).toMatchObject({ method: 'PUBLISH', uid: `${s.sessionId}@fresk-missions`, url });
    await w.as(people.camille).sessions.update({ sessionId: s.sessionId, startsAt: sessionInput('x', 11).startsAt, endsAt: sessionInput('x', 11).endsAt });
    for (const to of ['moved@x.test', a.email, people.camille.email]) {
      const [changed] = await mailsTo(to, 'session_changed');
      expect(changed, to).toBeTruthy();
      const after = parseIcs(changed.attachments![0].content);
      expect(after.uid).toBe(before.uid);
      expect(after.sequence).toBeGreaterThan(before.sequence);
      expect(after.start).toBe(new Date(sessionInput('x', 11).startsAt).toISOString());
      expect(after.url).toBe(url);
    }
    // A change of capacity alone tells no one.
    const rows = async () => Number((await w.db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.template, 'session_changed')))[0].n);
    const was = await rows();
    await w.as(people.camille).sessions.update({ sessionId: s.sessionId, capacity: 30 });
    expect(await rows()).toBe(was);
    // The served file follows too.
    const served = parseIcs(await (await w.app.request(`/calendar/${s.sessionId}.ics`)).text());
    expect(served.sequence).toBeGreaterThan(before.sequence);
    // A cancellation carries METHOD:CANCEL for the same UID.
    await w.as(people.camille).sessions.cancel({ sessionId: s.sessionId });
    const [cancelled] = await mailsTo('moved@x.test', 'session_cancelled');
    const cancel = parseIcs(cancelled.attachments![0].content);
    expect(cancelled.text).toContain('vous'); // participants are addressed with vous
    // iTIP: the sender organises, the recipient attends.
    const vevent = new ICAL.Component(ICAL.parse(icsText(cancelled.attachments![0].content))).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:missions@localhost');
    expect(vevent.getFirstPropertyValue('attendee')).toBe('mailto:moved@x.test');
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: before.uid, status: 'CANCELLED' });
    expect(cancel.sequence).toBeGreaterThan(served.sequence - 1);
  });

  it('the J-1 reminder goes once to each participant and facilitator, not to those who came within 24 hours', async () => {
    const s = await plan({}, 5);
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s.link });
    await register(s.code, 'early@rem.test');
    const saved = w.clock.now();
    const start = Date.parse(sessionInput('x', 5).startsAt);
    w.clock.set(start - 30 * 3600_000);
    await runScheduledJobs(w.deps, null);
    expect(await mailsTo('early@rem.test', 'session_reminder')).toHaveLength(0); // not yet within 24 h
    w.clock.set(start - 20 * 3600_000);
    await register(s.code, 'late@rem.test');
    await Promise.all([runScheduledJobs(w.deps, null), runScheduledJobs(w.deps, null)]);
    await runScheduledJobs(w.deps, null);
    const [reminder, ...more] = await mailsTo('early@rem.test', 'session_reminder');
    expect(more).toHaveLength(0);
    expect(reminder.text).toContain('/cancel/');
    expect(parseIcs(reminder.attachments![0].content).uid).toBe(`${s.sessionId}@fresk-missions`);
    expect(await mailsTo(a.email, 'session_reminder')).toHaveLength(1);
    expect((await mailsTo(people.camille.email, 'session_reminder')).filter((m) => JSON.parse(m.row.data).sessionId === s.sessionId)).toHaveLength(1);
    expect(await mailsTo('late@rem.test', 'session_reminder')).toHaveLength(0);
    w.clock.set(saved);
  });
});

describe('calendar feed', () => {
  it('is a secret, regenerable ICS feed of all my sessions that a real parser reads', async () => {
    const s1 = await plan({}, 20);
    const s2 = await plan({}, 21);
    const a = newFacilitator();
    await w.as(a).facilitators.join({ token: s1.link });
    await w.as(a).facilitators.join({ token: s2.link });
    const { url } = await w.as(a).facilitators.calendarFeed({});
    expect((await w.as(a).facilitators.calendarFeed({})).url).toBe(url);
    const path = new URL(url).pathname;
    const res = await w.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    const cal = new ICAL.Component(ICAL.parse(text));
    const uids = cal.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')));
    expect(uids).toEqual([`${s1.sessionId}@fresk-missions`, `${s2.sessionId}@fresk-missions`]);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const fresh = await w.as(a).facilitators.regenerateCalendarFeed({});
    expect(fresh.url).not.toBe(url);
    expect((await w.app.request(path)).status).toBe(404);
    expect((await w.app.request(new URL(fresh.url).pathname)).status).toBe(200);
    expect((await w.app.request('/calendar/feed/not-a-secret.ics')).status).toBe(404);
  });
});
