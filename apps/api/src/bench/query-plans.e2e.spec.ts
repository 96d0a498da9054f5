import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../modules/audit/audit-verifier';
import { signIn } from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/test-app';
import { findBenchActors, type BenchActors } from './bench-actors';
import { defaultSeedOptions, seedRegister } from './seed-large';
import { StatementCounter, type RecordedStatement } from './statement-counter';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function executedSeqScans(node: PlanNode): string[] {
  const here = node['Node Type'] === 'Seq Scan' && (node['Actual Loops'] ?? 0) > 0 ? [node['Relation Name'] ?? '?'] : [];
  return [...here, ...(node.Plans ?? []).flatMap(executedSeqScans)];
}

/**
 * On a small database made by the benchmark's seed: the case list and the case page's requests
 * send the same number of SQL statements whatever the page size, depth or case, and every SELECT
 * they send can be answered from an index (planned with sequential scans switched off, a table
 * without a usable index still shows a Seq Scan).
 */
describe('case list and case page queries', () => {
  let t: TestApp;
  let actors: BenchActors;
  let adminCookie: string;
  let lawyerCookie: string;
  const counter = StatementCounter.install();

  beforeAll(async () => {
    t = await startTestApp();
    await seedRegister(t.database.connectionString, t.config.keys, {
      ...defaultSeedOptions,
      cases: 240,
      organizations: 2,
      users: 40,
      lawyerCases: 40,
      hearingsPerCase: 6,
    });
    const owner = new pg.Client({ connectionString: t.database.connectionString });
    await owner.connect();
    try {
      actors = await findBenchActors(owner);
    } finally {
      await owner.end();
    }
    adminCookie = await signIn(t, actors.adminId, actors.organizationId);
    lawyerCookie = await signIn(t, actors.lawyerId, actors.organizationId);
    // First requests touch the sessions (once a minute at most); later ones are all alike.
    await request(t.http).get('/cases').set('Cookie', adminCookie).expect(200);
    await request(t.http).get('/cases').set('Cookie', lawyerCookie).expect(200);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const sent = (path: string, cookie: string) =>
    counter.record(async () => {
      const response = await request(t.http).get(path).set('Cookie', cookie);
      expect(response.status, path).toBe(200);
    });

  /**
   * Runs every SELECT on a table again under EXPLAIN ANALYZE, as the application role with the
   * request's settings and sequential scans switched off, and names the tables still read
   * sequentially (a plan node that ran; a row-level-security branch that never runs is no cost).
   */
  async function sequentialScans(statements: RecordedStatement[], userId: string): Promise<string[]> {
    const client = new pg.Client({ connectionString: t.database.appConnectionString });
    await client.connect();
    const found: string[] = [];
    try {
      for (const statement of statements) {
        if (!/^\s*select\b/i.test(statement.text) || !/\bfrom\b/i.test(statement.text)) continue;
        await client.query('begin');
        try {
          await client.query(`select set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true)`, [actors.organizationId, userId]);
          await client.query('set local enable_seqscan = off');
          const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${statement.text}`, statement.values);
          for (const table of executedSeqScans(rows[0]!['QUERY PLAN'][0].Plan)) found.push(`${table} in: ${statement.text.slice(0, 200)}`);
        } finally {
          await client.query('rollback');
        }
      }
    } finally {
      await client.end();
    }
    return found;
  }

  it('the case list sends as many statements for 10 rows as for 100, and on a deep page as on the first', async () => {
    const ten = await sent('/cases?status=MISSING&limit=10', adminCookie);
    const hundred = await sent('/cases?status=MISSING&limit=100', adminCookie);
    const first = await request(t.http).get('/cases?status=MISSING&limit=10').set('Cookie', adminCookie).expect(200);
    const cursor = encodeURIComponent(first.body.nextCursor as string);
    const deeper = await sent(`/cases?status=MISSING&limit=10&cursor=${cursor}`, adminCookie);
    expect(hundred.length).toBe(ten.length);
    expect(deeper.length).toBe(ten.length);
    expect(await sequentialScans([...ten, ...deeper], actors.adminId)).toEqual([]);
  });

  it("a lawyer's case list (cases granted to them) reads through indexes too", async () => {
    const ten = await sent('/cases?status=MISSING&limit=10', lawyerCookie);
    const hundred = await sent('/cases?status=MISSING&limit=100', lawyerCookie);
    expect(hundred.length).toBe(ten.length);
    expect(await sequentialScans(ten, actors.lawyerId)).toEqual([]);
  });

  it('each request of the case page sends the same number of statements for every case', async () => {
    const [one, two, three] = actors.lawyerCases;
    for (const part of ['', '/person', '/proceedings', '/summary']) {
      const counts = [];
      for (const { caseId } of [one!, two!, three!]) counts.push((await sent(`/cases/${caseId}${part}`, lawyerCookie)).length);
      expect(new Set(counts).size, `GET /cases/:caseId${part} sent ${counts.join(', ')} statements`).toBe(1);
    }
  });

  it('the case page reads its rows through indexes', async () => {
    const { caseId } = actors.lawyerCases[0]!;
    const statements: RecordedStatement[] = [];
    for (const part of ['', '/person', '/proceedings', '/summary']) statements.push(...(await sent(`/cases/${caseId}${part}`, lawyerCookie)));
    expect(await sequentialScans(statements, actors.lawyerId)).toEqual([]);
  });

  it("leaves an audit trail that holds: the seed's chains, continued by the requests above", async () => {
    const keys = t.config.keys;
    const result = await verifyAuditTrail(t.database.prisma, new Map([[keys.auditKeyId, keys.auditPublicKey]]));
    expect(result.breaks).toEqual([]);
    expect(result.events).toBeGreaterThan(2 * 240);
    expect(result.checkpoints).toBeGreaterThanOrEqual(2);
  });
});
