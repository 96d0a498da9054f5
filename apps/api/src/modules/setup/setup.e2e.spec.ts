import { decryptString } from '@lapata/crypto';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printedSetupToken, startTestApp, type TestApp } from '../../testing/test-app';
import { userFieldContext } from '../users/user-fields';

const email = 'first.admin@example.org';

const setupRequest = (token: string) => ({
  token,
  organizationName: 'Defence of Human Rights',
  caseReferencePrefix: 'KHI',
  adminName: 'First Admin',
  adminEmail: ' First.Admin@Example.org ',
  password: 'correct horse battery staple',
});

async function countRows(test: TestApp) {
  const prisma = test.database.prisma;
  return {
    organizations: await prisma.organization.count(),
    organizationKeys: await prisma.organizationKey.count(),
    users: await prisma.user.count(),
    memberships: await prisma.membership.count(),
  };
}

const NOTHING = { organizations: 0, organizationKeys: 0, users: 0, memberships: 0 };

describe('first administrator setup', () => {
  let test: TestApp;
  const opened: TestApp[] = [];

  beforeEach(async () => {
    test = await startTestApp();
    opened.push(test);
  });

  afterEach(async () => {
    while (opened.length > 0) await opened.pop()!.close();
  });

  it('prints a one-time token at start, stores only its hash, and accepts it once', async () => {
    const token = printedSetupToken(test.printed);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(test.printed).toContain('Open http://localhost:3000/en/setup and enter this one-time setup token:');
    expect(test.logs.text()).not.toContain(token);
    const installation = await test.database.prisma.installation.findUniqueOrThrow({ where: { id: 1 } });
    expect(Buffer.from(installation.setupTokenHash!).toString('hex')).not.toContain(Buffer.from(token!).toString('hex'));
    expect(installation.setupTokenHash).toHaveLength(32);

    await request(test.http).get('/setup/status').expect(200, { needed: true });

    const wrong = await request(test.http).post('/setup').send(setupRequest('not-the-token')).expect(400);
    expect(wrong.body).toEqual({
      error: {
        code: 'INVALID_SETUP_TOKEN',
        message: 'This setup token is not valid. Use the newest token printed by the server.',
        fields: { token: ['This setup token is not valid. Use the newest token printed by the server.'] },
        requestId: wrong.headers['x-request-id'],
      },
    });
    expect(await countRows(test)).toEqual(NOTHING);

    const created = await request(test.http).post('/setup').send(setupRequest(token!)).expect(201);
    const { organizationId, userId } = created.body as { organizationId: string; userId: string };
    expect(Object.keys(created.body).sort()).toEqual(['organizationId', 'userId']);

    const prisma = test.database.prisma;
    const organization = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, include: { keys: true } });
    expect(organization).toMatchObject({ name: 'Defence of Human Rights', caseReferencePrefix: 'KHI' });
    expect(organization.keys).toEqual([
      expect.objectContaining({ version: 1, kekVersion: test.config.keys.currentKekVersion, retiredAt: null }),
    ]);

    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
    expect(user.memberships).toEqual([expect.objectContaining({ organizationId, role: 'ORG_ADMIN', disabledAt: null })]);
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // Nothing personal in clear: the email and the name are ciphertext bound to this row.
    for (const column of [user.emailEnc, user.displayNameEnc]) {
      const stored = Buffer.from(column).toString('latin1').toLowerCase();
      expect(stored).not.toContain('first.admin');
      expect(stored).not.toContain('first admin');
    }
    const keys = test.config.keys;
    expect(decryptString(user.emailEnc, keys.accountKeys, userFieldContext(userId, 'email_enc'))).toBe(email);
    expect(decryptString(user.displayNameEnc, keys.accountKeys, userFieldContext(userId, 'display_name_enc'))).toBe('First Admin');
    expect(Buffer.from(user.emailBidx).equals(keys.blindIndex.forAccounts().email(email)!)).toBe(true);
    expect(test.logs.text()).not.toMatch(/first\.admin|First Admin|correct horse/i);

    const closed = await prisma.installation.findUniqueOrThrow({ where: { id: 1 } });
    expect(closed.setupCompletedAt).toBeInstanceOf(Date);
    expect(closed.setupTokenHash).toBeNull();

    const reused = await request(test.http).post('/setup').send(setupRequest(token!)).expect(404);
    expect(reused.body.error.code).toBe('NOT_FOUND');
    await request(test.http).get('/setup/status').expect(200, { needed: false });
    expect(await countRows(test)).toEqual({ organizations: 1, organizationKeys: 1, users: 1, memberships: 1 });
  });

  it('refuses a request with unknown or invalid fields, and writes nothing', async () => {
    const token = printedSetupToken(test.printed)!;
    const response = await request(test.http)
      .post('/setup')
      .send({ ...setupRequest(token), caseReferencePrefix: 'khi1', role: 'ORG_ADMIN' })
      .expect(400);
    expect(response.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { caseReferencePrefix: ['Use 2 to 6 capital letters, e.g. KHI'], role: ['Unknown field'] },
    });
    expect(await countRows(test)).toEqual(NOTHING);
  });

  it('lets exactly one of several simultaneous requests with the right token win', async () => {
    const token = printedSetupToken(test.printed)!;
    // Different organisations and emails: only the lock, not a unique index, can stop the others.
    const responses = await Promise.all(
      ['KHI', 'LHR', 'QTA', 'PEW'].map((prefix) =>
        request(test.http)
          .post('/setup')
          .send({ ...setupRequest(token), caseReferencePrefix: prefix, adminEmail: `admin.${prefix.toLowerCase()}@example.org` }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 404, 404, 404]);
    expect(await countRows(test)).toEqual({ organizations: 1, organizationKeys: 1, users: 1, memberships: 1 });
  });

  it('prints a new token at each start until setup is done, and none after', async () => {
    const first = printedSetupToken(test.printed)!;
    const restarted = await startTestApp({ database: test.database });
    opened.push(restarted);
    const second = printedSetupToken(restarted.printed)!;
    expect(second).not.toBe(first);

    await request(restarted.http).post('/setup').send(setupRequest(first)).expect(400);
    await request(restarted.http).post('/setup').send(setupRequest(second)).expect(201);

    const afterSetup = await startTestApp({ database: test.database });
    opened.push(afterSetup);
    expect(afterSetup.printed).toBe('');
    await request(afterSetup.http).get('/setup/status').expect(200, { needed: false });
  });

  it('limits wrong tokens per client', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await request(test.http).post('/setup').send(setupRequest(`wrong-${attempt}`)).expect(400);
    }
    const limited = await request(test.http).post('/setup').send(setupRequest(printedSetupToken(test.printed)!)).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(await countRows(test)).toEqual(NOTHING);
  });
});
