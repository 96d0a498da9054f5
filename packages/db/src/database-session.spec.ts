import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from './client';
import { withDatabaseSession } from './database-session';
import type { PrismaClient } from './generated/prisma/client';
import { createTestDatabase, type TestDatabase } from './testing';

const organizationId = '01900000-0000-7000-8000-00000000000a';
const userId = '01900000-0000-7000-8000-00000000000b';

let database: TestDatabase;
// One pooled connection, so "after the session" is observed on the very connection it used.
let prisma: PrismaClient;

interface Settings {
  organization: string | null;
  user: string | null;
}

const readSettings = (client: Pick<PrismaClient, '$queryRaw'>) =>
  client.$queryRaw<Settings[]>`select current_setting('app.organization_id', true) as organization,
                                      current_setting('app.user_id', true) as "user"`.then((rows) => rows[0]);

beforeAll(async () => {
  database = await createTestDatabase();
  prisma = createPrismaClient(database.connectionString, { pool: { max: 1 } });
});

afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

describe('withDatabaseSession', () => {
  it('sets the organisation and user for every query of the session, in one transaction', async () => {
    const seen = await withDatabaseSession(prisma, { organizationId, userId }, async (tx) => {
      const first = await readSettings(tx);
      const [a] = await tx.$queryRaw<{ id: bigint }[]>`select txid_current() as id`;
      const [b] = await tx.$queryRaw<{ id: bigint }[]>`select txid_current() as id`;
      return { first, sameTransaction: a !== undefined && a.id === b?.id };
    });
    expect(seen).toEqual({ first: { organization: organizationId, user: userId }, sameTransaction: true });
  });

  it('leaves nothing behind on the pooled connection once the session ends', async () => {
    await withDatabaseSession(prisma, { organizationId, userId }, async () => {});
    const after = await readSettings(prisma);
    expect(after?.organization ?? '').toBe('');
    expect(after?.user ?? '').toBe('');
  });

  it('acts for nobody when the request has no organisation or user, even on a connection used before', async () => {
    await withDatabaseSession(prisma, { organizationId, userId }, async () => {});
    const seen = await withDatabaseSession(prisma, { organizationId: null }, (tx) => readSettings(tx));
    expect(seen?.organization ?? '').toBe('');
    expect(seen?.user ?? '').toBe('');
  });

  it('rolls back every write of the session when it throws', async () => {
    const key = `session-spec-${Date.now()}`;
    await expect(
      withDatabaseSession(prisma, { organizationId, userId }, async (tx) => {
        await tx.rateLimitBucket.create({ data: { key, count: 1, resetAt: new Date() } });
        throw new Error('the request failed');
      }),
    ).rejects.toThrow('the request failed');
    expect(await prisma.rateLimitBucket.findUnique({ where: { key } })).toBeNull();
  });
});
