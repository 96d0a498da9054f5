import { createServer } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeCase,
  makeGrant,
  makeOrg,
  makeReminderForum,
  makeReminderHearing,
  makeReminderProceeding,
  makeUser,
  signIn,
} from '../../testing/factories';
import { SmtpTestServer } from '../../testing/smtp-test-server';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { testKeyEnv } from '../../testing/test-env';
import { ReminderService } from './reminder.service';
import { ReminderWorker } from './reminder.worker';

const MINUTE = 60_000;

/** An SMTP URL on a loopback port nothing listens on: the mail server is down. */
async function deadSmtpUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `smtp://lapata:x@127.0.0.1:${port}`;
}

/** The next 04:30 UTC (09:30 in Karachi) at least two hours away. */
function nextKarachiMorning(): Date {
  const at = new Date();
  at.setUTCHours(4, 30, 0, 0);
  while (at.getTime() < Date.now() + 120 * MINUTE) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

/** The offset (minutes) that makes a reminder for `hearingAt` due right now. */
const dueNowOffset = (hearingAt: Date) => Math.ceil((hearingAt.getTime() - Date.now()) / MINUTE);

describe('hearing reminders', () => {
  let smtp: SmtpTestServer;
  let first: TestApp;
  let second: TestApp;
  let down: TestApp;
  /** Every instance shares the keys, as instances of one installation do. */
  const keys = testKeyEnv();

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    const env = { ...keys, SMTP_URL: smtp.url, LAPATA_WORKER: 'off' };
    first = await startTestApp({ env });
    // A second instance of the API on the same database: the second worker.
    second = await startTestApp({ env, database: first.database });
    down = await startTestApp({
      env: { ...env, SMTP_URL: await deadSmtpUrl(), LAPATA_REMINDER_MAX_ATTEMPTS: '2' },
      database: first.database,
    });
  });

  afterAll(async () => {
    await down?.close();
    await second?.close();
    await first?.close();
    await smtp?.close();
  });

  const prisma = () => first.database.prisma;
  const worker = (t: TestApp) => t.app.get(ReminderWorker);
  // Logs made outside a request go to the root logger of the first application in the process.
  const allLogs = (...more: TestApp[]) => [first, second, down, ...more].map((t) => t.logs.text()).join('\n');
  const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

  /** A case with a hearing and everyone who might hear of it. */
  async function scenario(hearingAt: Date, offsets: (at: Date) => number[] = (at) => [dueNowOffset(at), 10080]) {
    const org = await makeOrg(first);
    const found = await makeCase(first, org.id);
    const person = async (role: 'LAWYER' | 'CASEWORKER' | 'FAMILY', grant: 'live' | 'revoked' | 'none', optIn = false) => {
      const user = await makeUser(first, { organizationId: org.id, role });
      await prisma().user.update({ where: { id: user.id }, data: { reminderOffsetsMin: offsets(hearingAt), familyRemindersOptIn: optIn } });
      if (grant !== 'none') await makeGrant(first, { caseId: found.id, userId: user.id, level: 'VIEW', revoked: grant === 'revoked' });
      return user;
    };
    const counsel = await person('LAWYER', 'live');
    const caseworker = await person('CASEWORKER', 'live');
    const assignedWithoutGrant = await person('CASEWORKER', 'none');
    const familyOptedIn = await person('FAMILY', 'live', true);
    const familyNotOptedIn = await person('FAMILY', 'live', false);
    const revokedLawyer = await person('LAWYER', 'revoked');
    const counselWithoutGrant = await person('LAWYER', 'none');
    await prisma().case.update({ where: { id: found.id }, data: { assignedCaseworkerId: assignedWithoutGrant.id } });
    const forum = await makeReminderForum(first, org.id, { name: 'Islamabad High Court' });
    const proceeding = await makeReminderProceeding(first, {
      caseId: found.id,
      forumId: forum.id,
      counselIds: [counsel.id, counselWithoutGrant.id],
    });
    const hearing = await makeReminderHearing(first, { proceedingId: proceeding.id, scheduledAt: hearingAt });
    const reference = (await prisma().case.findUniqueOrThrow({ where: { id: found.id } })).reference;
    return {
      org,
      caseId: found.id,
      reference,
      proceeding,
      hearing,
      people: { counsel, caseworker, assignedWithoutGrant, familyOptedIn, familyNotOptedIn, revokedLawyer, counselWithoutGrant },
    };
  }

  it('sends each reminder exactly once with two workers running at the same time', async () => {
    const hearingAt = nextKarachiMorning();
    const s = await scenario(hearingAt);
    // More hearings of the same case at the same moment, so the workers contend for many rows.
    for (let i = 0; i < 4; i++) await makeReminderHearing(first, { proceedingId: s.proceeding.id, scheduledAt: hearingAt });

    for (let round = 0; round < 3; round++) {
      await Promise.all([worker(first).runOnce(), worker(second).runOnce(), first.app.get(ReminderService).runRound()]);
    }

    for (const user of [s.people.counsel, s.people.caseworker, s.people.familyOptedIn]) {
      expect(mailsTo(user.email), user.email).toHaveLength(5);
    }
    for (const user of [s.people.familyNotOptedIn, s.people.revokedLawyer, s.people.assignedWithoutGrant, s.people.counselWithoutGrant]) {
      expect(mailsTo(user.email), user.email).toHaveLength(0);
    }
    const rows = await prisma().reminderDelivery.findMany({ where: { organizationId: s.org.id } });
    expect(rows).toHaveLength(15);
    expect(rows.every((row) => row.sentAt !== null && row.attempts === 1 && row.lastError === null)).toBe(true);
    // The 7-day reminder's moment passed long before: it was never planned.
    expect(new Set(rows.map((row) => row.offsetMinutes)).size).toBe(1);

    const mail = mailsTo(s.people.counsel.email)[0]!;
    expect(mail.subject).toBe(`Lapata: hearing reminder for case ${s.reference}`);
    expect(mail.text).toContain('Islamabad High Court');
    expect(mail.text).toContain('09:30 (Asia/Karachi)');
    expect(mail.text).toMatch(
      new RegExp(`${first.config.publicUrl}/en/cases/${s.caseId}/proceedings/${s.proceeding.id}#hearing-[0-9a-f-]{36}\\n`),
    );
    expect(mail.html).toContain('dir="ltr"');

    const audit = await prisma().auditEvent.findMany({ where: { organizationId: s.org.id, entity: 'reminder_delivery' } });
    expect(audit).toHaveLength(15);
    expect(audit[0]).toMatchObject({ action: 'send', actorId: null, caseId: s.caseId, fields: ['caseReference', 'forum', 'scheduledAt'] });
  });

  it('writes the reminder in Urdu for a user whose language is Urdu, with nobody named', async () => {
    const hearingAt = nextKarachiMorning();
    const s = await scenario(hearingAt);
    await prisma().user.update({ where: { id: s.people.counsel.id }, data: { locale: 'ur', displayNameEnc: new Uint8Array([1]) } });
    await worker(first).runOnce();
    const mail = await smtp.nextMailTo(s.people.counsel.email);
    expect(mail.subject).toBe(`لاپتا: کیس ${s.reference} کی سماعت کی یاد دہانی`);
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain(`/ur/cases/${s.caseId}/proceedings/`);
    expect(mail.text).not.toContain(s.people.counsel.email);
  });

  it('moves pending reminders with a rescheduled hearing, and sends again after a move once sent', async () => {
    const hearingAt = new Date(Date.now() + 3 * 60 * MINUTE);
    const s = await scenario(hearingAt, () => [60]);
    await first.app.get(ReminderService).planOrganization(s.org.id, new Date());
    const planned = await prisma().reminderDelivery.findMany({ where: { hearingId: s.hearing.id, userId: s.people.counsel.id } });
    expect(planned.map((row) => row.scheduledFor)).toEqual([new Date(hearingAt.getTime() - 60 * MINUTE)]);

    // Moved to 59 minutes from now: the 60-minute reminder is due at once, at the new moment.
    const movedTo = new Date(Date.now() + 59 * MINUTE);
    await prisma().hearing.update({ where: { id: s.hearing.id }, data: { scheduledAt: movedTo, version: { increment: 1 } } });
    await worker(second).runOnce();
    expect(mailsTo(s.people.counsel.email)).toHaveLength(1);
    const afterMove = await prisma().reminderDelivery.findMany({ where: { hearingId: s.hearing.id, userId: s.people.counsel.id } });
    expect(afterMove.map((row) => [row.scheduledFor, row.sentAt !== null])).toEqual([[new Date(movedTo.getTime() - 60 * MINUTE), true]]);

    // Moved again: the reminder sent for the old moment does not stop the one for the new moment.
    const movedAgain = new Date(Date.now() + 50 * MINUTE);
    await prisma().hearing.update({ where: { id: s.hearing.id }, data: { scheduledAt: movedAgain, version: { increment: 1 } } });
    await worker(first).runOnce();
    await worker(second).runOnce();
    expect(mailsTo(s.people.counsel.email)).toHaveLength(2);
    const sent = await prisma().reminderDelivery.findMany({ where: { hearingId: s.hearing.id, userId: s.people.counsel.id, sentAt: { not: null } } });
    expect(sent).toHaveLength(2);
  });

  it('sends nothing to someone whose access ended after the reminder was planned', async () => {
    const hearingAt = nextKarachiMorning();
    const s = await scenario(hearingAt);
    await first.app.get(ReminderService).planOrganization(s.org.id, new Date());
    expect(await prisma().reminderDelivery.count({ where: { userId: s.people.caseworker.id } })).toBe(1);

    await prisma().caseGrant.updateMany({ where: { caseId: s.caseId, userId: s.people.caseworker.id }, data: { revokedAt: new Date() } });
    // The sender checks again, even without a new plan (a plain claim of the due row).
    await first.app.get(ReminderService).sendNext(s.org.id);
    await worker(first).runOnce();
    expect(mailsTo(s.people.caseworker.email)).toHaveLength(0);
    expect(mailsTo(s.people.counsel.email)).toHaveLength(1);
    expect(await prisma().reminderDelivery.count({ where: { userId: s.people.caseworker.id } })).toBe(0);
  });

  it('retries a reminder the mail server did not take, with backoff, and sends it once it is back', async () => {
    const hearingAt = nextKarachiMorning();
    const s = await scenario(hearingAt);
    await worker(down).runOnce();
    const failed = await prisma().reminderDelivery.findFirstOrThrow({ where: { userId: s.people.counsel.id } });
    expect(failed).toMatchObject({ sentAt: null, failedAt: null, attempts: 1, lastError: 'The mail could not be handed to the SMTP server' });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(mailsTo(s.people.counsel.email)).toHaveLength(0);

    // Not due yet: the healthy worker leaves it alone until the backoff has passed.
    await worker(first).runOnce();
    expect(mailsTo(s.people.counsel.email)).toHaveLength(0);
    await prisma().reminderDelivery.updateMany({ where: { organizationId: s.org.id }, data: { nextAttemptAt: new Date() } });
    await worker(first).runOnce();
    expect(mailsTo(s.people.counsel.email)).toHaveLength(1);
    const sent = await prisma().reminderDelivery.findUniqueOrThrow({ where: { id: failed.id } });
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
    expect(sent.sentAt).not.toBeNull();
  });

  it('gives a reminder up after the last allowed attempt', async () => {
    const hearingAt = nextKarachiMorning();
    const s = await scenario(hearingAt);
    await worker(down).runOnce();
    await prisma().reminderDelivery.updateMany({ where: { organizationId: s.org.id }, data: { nextAttemptAt: new Date() } });
    await worker(down).runOnce();
    const row = await prisma().reminderDelivery.findFirstOrThrow({ where: { userId: s.people.counsel.id } });
    expect(row.attempts).toBe(2);
    expect(row.failedAt).not.toBeNull();
    expect(allLogs()).toContain('given up after 2 attempts');
    expect(allLogs()).not.toContain(s.people.counsel.email);

    await prisma().reminderDelivery.updateMany({ where: { organizationId: s.org.id }, data: { nextAttemptAt: new Date() } });
    await worker(first).runOnce();
    expect(mailsTo(s.people.counsel.email)).toHaveLength(0);
  });

  it('runs by itself in an API process, started and stopped with it', async () => {
    const hearingAt = nextKarachiMorning();
    const s = await scenario(hearingAt);
    const own = await startTestApp({
      env: { ...keys, SMTP_URL: smtp.url, LAPATA_WORKER: 'on', LAPATA_WORKER_POLL_SECONDS: '1' },
      database: first.database,
    });
    try {
      await smtp.nextMailTo(s.people.counsel.email, 15_000);
      expect(allLogs(own)).toContain('Job worker started');
    } finally {
      await own.close();
    }
  });
});

describe('reminder settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { LAPATA_WORKER: 'off' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows the defaults, saves a change, refuses bad input without writing, and 409 on a stale version', async () => {
    const org = await makeOrg(t);
    const user = await makeUser(t, { organizationId: org.id, role: 'FAMILY' });
    const cookie = await signIn(t, user.id, org.id);
    const origin = t.config.publicUrl;

    const shown = await request(t.http).get('/account/reminder-settings').set('Cookie', cookie);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ offsetsMinutes: [10080, 1440], familyOptIn: false, version: 1 });

    const saved = await request(t.http)
      .put('/account/reminder-settings')
      .set('Cookie', cookie)
      .set('Origin', origin)
      .send({ offsetsMinutes: [120, 1440], familyOptIn: true, version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ offsetsMinutes: [1440, 120], familyOptIn: true, version: 2 });

    const bad = async (body: object) => {
      const response = await request(t.http).put('/account/reminder-settings').set('Cookie', cookie).set('Origin', origin).send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      return response.body.error.fields as Record<string, string[]>;
    };
    expect(await bad({ offsetsMinutes: [10], familyOptIn: true, version: 2 })).toEqual({
      'offsetsMinutes.0': ['A reminder comes at least 30 minutes before the hearing'],
    });
    expect(await bad({ offsetsMinutes: [60 * 24 * 31], familyOptIn: true, version: 2 })).toEqual({
      'offsetsMinutes.0': ['A reminder comes at most 30 days before the hearing'],
    });
    expect(await bad({ offsetsMinutes: [60, 60], familyOptIn: true, version: 2 })).toEqual({
      offsetsMinutes: ['Choose each reminder time once'],
    });
    expect(await bad({ offsetsMinutes: [60, 120, 180, 240, 300, 360, 420], familyOptIn: true, version: 2 })).toEqual({
      offsetsMinutes: ['Choose at most 6 reminders'],
    });
    expect(await bad({ offsetsMinutes: [60], familyOptIn: 'yes', version: 2 })).toEqual({
      familyOptIn: ['Say whether you want reminders as a family member'],
    });
    expect(Object.keys(await bad({ offsetsMinutes: [60], familyOptIn: true, version: 2, email: 'x@example.org' }))).toHaveLength(1);
    const unchanged = await t.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(unchanged).toMatchObject({ reminderOffsetsMin: [1440, 120], familyRemindersOptIn: true, version: 2 });

    const stale = await request(t.http)
      .put('/account/reminder-settings')
      .set('Cookie', cookie)
      .set('Origin', origin)
      .send({ offsetsMinutes: [], familyOptIn: false, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });

    const other = await makeUser(t, { organizationId: org.id, role: 'LAWYER' });
    const otherCookie = await signIn(t, other.id, org.id);
    const theirs = await request(t.http).get('/account/reminder-settings').set('Cookie', otherCookie);
    expect(theirs.body).toEqual({ offsetsMinutes: [10080, 1440], familyOptIn: false, version: 1 });
  });

  it('needs a session', async () => {
    expect((await request(t.http).get('/account/reminder-settings')).status).toBe(401);
  });
});
