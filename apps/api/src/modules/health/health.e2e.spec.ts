import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe('health and readiness', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp();
  });

  afterAll(() => test?.close());

  it('GET /health answers ok and nothing else', async () => {
    const response = await request(test.http).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('GET /ready answers ready when the database answers and every migration is applied', async () => {
    const response = await request(test.http).get('/ready').expect(200);
    expect(response.body).toEqual({ status: 'ready' });
  });

  it('GET /ready answers 503 not_ready while a migration is pending, and ready again once it is applied', async () => {
    const prisma = test.database.prisma;
    await prisma.$executeRaw`
      CREATE TABLE removed_migration AS
      SELECT * FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await prisma.$executeRaw`DELETE FROM _prisma_migrations WHERE id IN (SELECT id FROM removed_migration)`;
    try {
      const response = await request(test.http).get('/ready').expect(503);
      expect(response.body).toEqual({ status: 'not_ready' });
      expect(test.logs.text()).toContain('1 migration(s) not applied');
    } finally {
      await prisma.$executeRaw`INSERT INTO _prisma_migrations SELECT * FROM removed_migration`;
      await prisma.$executeRaw`DROP TABLE removed_migration`;
    }
    await request(test.http).get('/ready').expect(200);
  });

  it('GET /ready answers 503 not_ready when no migration was ever recorded', async () => {
    await test.database.prisma.$executeRaw`ALTER TABLE _prisma_migrations RENAME TO _prisma_migrations_moved`;
    try {
      const response = await request(test.http).get('/ready').expect(503);
      expect(response.body).toEqual({ status: 'not_ready' });
    } finally {
      await test.database.prisma.$executeRaw`ALTER TABLE _prisma_migrations_moved RENAME TO _prisma_migrations`;
    }
  });

  it('GET /health stays up while the database is down (liveness touches no database); /ready says not_ready', async () => {
    const unreachable = await startTestApp({
      database: test.database,
      env: { DATABASE_URL: 'postgresql://nobody:nothing@127.0.0.1:1/lapata' },
    });
    try {
      await request(unreachable.http).get('/health').expect(200, { status: 'ok' });
      await request(unreachable.http).get('/ready').expect(503, { status: 'not_ready' });
    } finally {
      await unreachable.app.close();
    }
  });
});
