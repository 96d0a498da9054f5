import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, makeGrant, makeOrg, makeUser, signIn } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { auditEventHash, type ChainedAuditEntry } from './audit-chain';
import { verifyAuditTrail } from './audit-verifier';

describe('the audit trail', () => {
  let t: TestApp;
  let organizationId: string;
  let caseId: string;
  let owner: pg.Client;
  const verify = () => verifyAuditTrail(t.database.prisma, new Map([[t.config.keys.auditKeyId, t.config.keys.auditPublicKey]]));

  beforeAll(async () => {
    t = await startTestApp();
    organizationId = (await makeOrg(t)).id;
    const admin = await makeUser(t, { organizationId, role: 'ORG_ADMIN' });
    caseId = (await makeCase(t, organizationId)).id;
    const cookie = await signIn(t, admin.id, organizationId);
    for (let i = 0; i < 4; i += 1) await request(t.http).get(`/cases/${caseId}`).set('Cookie', cookie).expect(200);
    owner = new pg.Client({ connectionString: t.database.connectionString });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  it('chains every event to the previous one and signs the head', async () => {
    const result = await verify();
    expect(result).toMatchObject({ events: 4, checkpoints: 1, breaks: [] });
    const checkpoint = await t.database.prisma.auditCheckpoint.findFirstOrThrow({ where: { organizationId } });
    expect(checkpoint).toMatchObject({ seq: 1n, keyId: t.config.keys.auditKeyId });
  });

  it('refuses UPDATE and DELETE, to the application role and to the owner alike', async () => {
    const app = new pg.Client({ connectionString: t.database.appConnectionString });
    await app.connect();
    try {
      await expect(app.query(`update audit_events set action = 'nothing'`)).rejects.toMatchObject({ code: '42501' });
      await expect(app.query(`delete from audit_events`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
    }
    await expect(owner.query(`update audit_events set action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`delete from audit_events`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`truncate audit_events`)).rejects.toThrow(/append-only/);
  });

  it('catches a row edited by someone who switched the trigger off', async () => {
    await owner.query(`set session_replication_role = replica`);
    try {
      await owner.query(`update audit_events set action = 'list' where organization_id = $1 and seq = 3`, [organizationId]);
      const result = await verify();
      expect(result.breaks).toEqual([{ organizationId, seq: 3n, reason: 'the event was changed after it was written' }]);
      await owner.query(`update audit_events set action = 'read' where organization_id = $1 and seq = 3`, [organizationId]);
    } finally {
      await owner.query(`set session_replication_role = origin`);
    }
    expect((await verify()).breaks).toEqual([]);
  });

  it('catches a removed tail through the chain head', async () => {
    const { rows } = await owner.query(`select * from audit_events where organization_id = $1 and seq = 4`, [organizationId]);
    await owner.query(`set session_replication_role = replica`);
    try {
      await owner.query(`delete from audit_events where organization_id = $1 and seq = 4`, [organizationId]);
      expect((await verify()).breaks).toEqual([{ organizationId, seq: 4n, reason: 'the chain head does not match the last event' }]);
      const row = rows[0] as Record<string, unknown>;
      const columns = Object.keys(row);
      await owner.query(
        `insert into audit_events (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((column) => row[column]),
      );
    } finally {
      await owner.query(`set session_replication_role = origin`);
    }
    expect((await verify()).breaks).toEqual([]);
  });

  it('keeps one unbroken chain under concurrent requests, some from an outsider holding a grant', async () => {
    const outsiderOrganization = (await makeOrg(t)).id;
    const lawyer = await makeUser(t, { organizationId: outsiderOrganization, role: 'LAWYER' });
    await makeGrant(t, { caseId, userId: lawyer.id, level: 'VIEW' });
    const lawyerCookie = await signIn(t, lawyer.id, outsiderOrganization);
    const member = await makeUser(t, { organizationId, role: 'ORG_ADMIN' });
    const memberCookie = await signIn(t, member.id, organizationId);
    // The head is now an event the outsider's grant does not let them see.
    const otherCase = (await makeCase(t, organizationId)).id;
    await request(t.http).get(`/cases/${otherCase}`).set('Cookie', memberCookie).expect(200);
    const before = await t.database.prisma.auditChainHead.findUniqueOrThrow({ where: { organizationId } });
    await request(t.http).get(`/cases/${caseId}`).set('Cookie', lawyerCookie).expect(200);
    const reads = Array.from({ length: 11 }, (_, i) =>
      request(t.http).get(`/cases/${caseId}`).set('Cookie', i % 2 ? lawyerCookie : memberCookie).expect(200),
    );
    await Promise.all(reads);
    const result = await verify();
    expect(result.breaks).toEqual([]);
    const after = await t.database.prisma.auditChainHead.findUniqueOrThrow({ where: { organizationId } });
    expect(after.seq - before.seq).toBe(12n);
    const lawyerReads = await t.database.prisma.auditEvent.count({ where: { organizationId, actorId: lawyer.id, action: 'read' } });
    expect(lawyerReads).toBe(6);
  });

  it('catches a whole chain rewritten consistently, through the signed checkpoint', async () => {
    const rows = await t.database.prisma.auditEvent.findMany({ where: { organizationId }, orderBy: { seq: 'asc' } });
    await owner.query(`set session_replication_role = replica`);
    try {
      // A superuser forges the first event (hiding who read the case) and rebuilds every hash.
      let prevHash: Uint8Array = rows[0]!.prevHash;
      for (const row of rows) {
        const forged: ChainedAuditEntry = { ...row, actorId: row.seq === 1n ? null : row.actorId, prevHash };
        const hash = auditEventHash(forged);
        await owner.query(`update audit_events set actor_id = $1, prev_hash = $2, hash = $3 where id = $4`, [
          forged.actorId,
          Buffer.from(prevHash),
          hash,
          row.id,
        ]);
        prevHash = hash;
      }
    } finally {
      await owner.query(`set session_replication_role = origin`);
    }
    expect((await verify()).breaks).toEqual([{ organizationId, seq: 1n, reason: 'the chain differs from what was signed' }]);
  });
});
