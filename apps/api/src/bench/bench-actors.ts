import type pg from 'pg';

/** The "lawyer with 200 cases" of the benchmark. */
const LAWYER_CASES = 200;

export interface BenchActors {
  organizationId: string;
  adminId: string;
  /** The organisation's lawyer whose number of cases is nearest 200 (the seed gives one exactly that many). */
  lawyerId: string;
  /** The lawyer's cases, each with its first proceeding. */
  lawyerCases: { caseId: string; proceedingId: string }[];
}

/** Who the benchmark acts as in a database made by the seed: organisation 1's people. */
export async function findBenchActors(owner: pg.Pool | pg.ClientBase): Promise<BenchActors> {
  const organization = await owner.query<{ id: string }>(`select id from organizations where name = 'Synthetic organisation 1 (benchmark)'`);
  const organizationId = organization.rows[0]?.id;
  if (!organizationId) throw new Error('This database was not made by npm run seed:large');
  const admin = await owner.query<{ user_id: string }>(
    `select user_id from memberships where organization_id = $1 and role = 'ORG_ADMIN' order by user_id limit 1`,
    [organizationId],
  );
  const lawyer = await owner.query<{ user_id: string }>(
    `select g.user_id from case_grants g
     join memberships m on m.user_id = g.user_id and m.organization_id = g.organization_id and m.role = 'LAWYER'
     where g.organization_id = $1 group by g.user_id order by abs(count(*) - $2), count(*) desc, g.user_id limit 1`,
    [organizationId, LAWYER_CASES],
  );
  const lawyerId = lawyer.rows[0]!.user_id;
  const cases = await owner.query<{ case_id: string; proceeding_id: string | null }>(
    `select g.case_id, (select p.id from proceedings p where p.case_id = g.case_id order by p.created_at, p.id limit 1) as proceeding_id
     from case_grants g where g.user_id = $1 and g.revoked_at is null order by g.case_id`,
    [lawyerId],
  );
  return {
    organizationId,
    adminId: admin.rows[0]!.user_id,
    lawyerId,
    lawyerCases: cases.rows.flatMap((row) => (row.proceeding_id ? [{ caseId: row.case_id, proceedingId: row.proceeding_id }] : [])),
  };
}
