import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { HttpRequestSpec } from './load';

/** What every scenario may use: the API's address, who signs in, and which records they reach. */
export interface BenchContext {
  apiUrl: string;
  /** The web origin the API expects on writes (CSRF check). */
  origin: string;
  organizationId: string;
  adminCookie: string;
  lawyerCookie: string;
  lawyerId: string;
  /** Cases granted to the lawyer, with one proceeding each, for reads and writes. */
  lawyerCases: { caseId: string; proceedingId: string }[];
  /** Owner connection (no row-level security) for the raw-SQL baseline and set-up. */
  owner: pg.Pool;
}

export interface PreparedScenario {
  next(): HttpRequestSpec;
  /** The SQL that returns the same data, straight through pg (no HTTP, access check, decryption or audit). */
  raw?: (client: pg.PoolClient) => Promise<unknown>;
  /** Said in the report next to the numbers (what the deep page is, what the baseline leaves out). */
  note?: string;
  /** Undoes what the runs wrote, so that the next run (and the next scenario) sees the seeded data. */
  cleanup?: () => Promise<void>;
}

export interface Scenario {
  id: string;
  title: string;
  /** Routes the scenario calls, as the OpenAPI document names them: it runs once they all exist. */
  routes: string[];
  /** Connection counts (a write scenario may leave out some). */
  connections?: number[];
  prepare(context: BenchContext): Promise<PreparedScenario>;
}

const PAGE = 50;
const cycle = <T>(items: readonly T[]) => {
  let index = 0;
  return () => items[index++ % items.length]!;
};
const get = (path: string, cookie: string): HttpRequestSpec => ({ method: 'GET', path, headers: { cookie } });

async function json<T>(context: BenchContext, path: string, cookie: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${context.apiUrl}${path}`, { ...init, headers: { cookie, origin: context.origin, ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path.replace(/[0-9a-f-]{36}/g, ':id')} answered ${response.status}`);
  return (await response.json()) as T;
}

const caseListSql = `select id, reference, status, tags, created_at, updated_at from cases
  where organization_id = $1 and status = 'MISSING' and deleted_at is null`;

/** An organisation administrator's case list, MISSING cases, first page. */
const caseListFirst: Scenario = {
  id: 'case-list-first',
  title: 'Case list, first page (status filter)',
  routes: ['GET /cases'],
  async prepare(context) {
    return {
      next: () => get('/cases?status=MISSING', context.adminCookie),
      raw: (client) => client.query(`${caseListSql} order by updated_at desc, id desc limit ${PAGE + 1}`, [context.organizationId]),
    };
  },
};

/** The same list, a page reached by following the cursor as far as 40 pages (keyset pagination). */
const caseListDeep: Scenario = {
  id: 'case-list-deep',
  title: 'Case list, deep cursor page (status filter)',
  routes: ['GET /cases'],
  async prepare(context) {
    let cursor: string | null = null;
    let page = 1;
    for (; page <= 40; page += 1) {
      const body: { nextCursor: string | null } = await json(context, `/cases?status=MISSING${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, context.adminCookie);
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    const reached = cursor === null ? 1 : page;
    const offset = (reached - 1) * PAGE;
    const { rows } = await context.owner.query<{ updated_at: Date; id: string }>(
      `${caseListSql} order by updated_at desc, id desc offset ${Math.max(0, offset - 1)} limit 1`,
      [context.organizationId],
    );
    const after = rows[0];
    const path = cursor ? `/cases?status=MISSING&cursor=${encodeURIComponent(cursor)}` : '/cases?status=MISSING';
    return {
      next: () => get(path, context.adminCookie),
      raw: (client) =>
        after && offset > 0
          ? client.query(`${caseListSql} and (updated_at, id) < ($2, $3) order by updated_at desc, id desc limit ${PAGE + 1}`, [context.organizationId, after.updated_at, after.id])
          : client.query(`${caseListSql} order by updated_at desc, id desc limit ${PAGE + 1}`, [context.organizationId]),
      note: `page ${reached} (rows ${offset + 1}–${offset + PAGE})`,
    };
  },
};

/** The case page's parts, each a request of its own, for a lawyer reading one of their cases. */
const caseSummary: Scenario = {
  id: 'case-read',
  title: 'Case page: case summary',
  routes: ['GET /cases/{caseId}'],
  async prepare(context) {
    const next = cycle(context.lawyerCases);
    const raw = cycle(context.lawyerCases);
    return {
      next: () => get(`/cases/${next().caseId}`, context.lawyerCookie),
      raw: async (client) => {
        const { caseId } = raw();
        await client.query('select * from cases where id = $1', [caseId]);
        await client.query('select * from case_status_changes where case_id = $1 order by created_at', [caseId]);
      },
    };
  },
};

const personRead: Scenario = {
  id: 'person-read',
  title: 'Case page: missing person (decrypted)',
  routes: ['GET /cases/{caseId}/person'],
  async prepare(context) {
    const next = cycle(context.lawyerCases);
    const raw = cycle(context.lawyerCases);
    return {
      next: () => get(`/cases/${next().caseId}/person`, context.lawyerCookie),
      raw: (client) => client.query('select * from missing_persons where case_id = $1', [raw().caseId]),
    };
  },
};

const proceedingsRead: Scenario = {
  id: 'proceedings-read',
  title: 'Case page: proceedings with next hearings',
  routes: ['GET /cases/{caseId}/proceedings'],
  async prepare(context) {
    const next = cycle(context.lawyerCases);
    const raw = cycle(context.lawyerCases);
    return {
      next: () => get(`/cases/${next().caseId}/proceedings`, context.lawyerCookie),
      raw: async (client) => {
        const { caseId } = raw();
        await client.query(
          `select p.*, f.name as forum_name, (select min(h.scheduled_at) from hearings h where h.proceeding_id = p.id and h.scheduled_at >= now()) as next_hearing
           from proceedings p join forums f on f.id = p.forum_id where p.case_id = $1 order by p.created_at`,
          [caseId],
        );
      },
    };
  },
};

/** The case page as the web's case summary reads it: the whole case in one request. */
const casePage: Scenario = {
  id: 'case-page',
  title: 'Case page (case + person + disappearance + proceedings with their hearings + latest diary): one request',
  routes: ['GET /cases/{caseId}/summary'],
  async prepare(context) {
    const next = cycle(context.lawyerCases);
    const raw = cycle(context.lawyerCases);
    return {
      next: () => get(`/cases/${next().caseId}/summary`, context.lawyerCookie),
      raw: async (client) => {
        const { caseId } = raw();
        await client.query('select * from cases where id = $1', [caseId]);
        await client.query('select * from case_status_changes where case_id = $1 order by created_at', [caseId]);
        await client.query('select * from missing_persons where case_id = $1', [caseId]);
        await client.query('select * from disappearances where case_id = $1', [caseId]);
        await client.query('select p.*, f.name as forum_name from proceedings p join forums f on f.id = p.forum_id where p.case_id = $1 order by p.created_at', [caseId]);
        await client.query('select * from hearings where case_id = $1 order by proceeding_id, scheduled_at', [caseId]);
        await client.query('select * from diary_entries where case_id = $1 order by occurred_from desc, id desc limit 50', [caseId]);
      },
    };
  },
};

const grantedCasesSql = `select case_id from case_grants where user_id = $1 and revoked_at is null and (expires_at is null or expires_at > now())`;

/** The lawyer's calendar for the next 100 days, over every case granted to them. */
const upcomingHearings: Scenario = {
  id: 'upcoming-hearings',
  title: 'Upcoming hearings of a lawyer with 200 cases (100 days)',
  routes: ['GET /me/hearings'],
  async prepare(context) {
    const from = new Date();
    const to = new Date(from.getTime() + 100 * 86_400_000);
    const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    return {
      next: () => get(`/me/hearings?${query}`, context.lawyerCookie),
      raw: (client) =>
        client.query(
          `select h.id, h.case_id, h.proceeding_id, h.scheduled_at, h.court_room, c.reference from hearings h join cases c on c.id = h.case_id
           where h.case_id in (${grantedCasesSql}) and h.scheduled_at >= $2 and h.scheduled_at < $3 order by h.scheduled_at`,
          [context.lawyerId, from, to],
        ),
    };
  },
};

const needsAttention: Scenario = {
  id: 'needs-attention',
  title: 'Needs-attention list of the same lawyer',
  routes: ['GET /me/needs-attention'],
  async prepare(context) {
    return {
      next: () => get('/me/needs-attention', context.lawyerCookie),
      raw: async (client) => {
        await client.query(
          `select h.id, h.case_id, h.scheduled_at from hearings h where h.case_id in (${grantedCasesSql})
           and h.scheduled_at >= now() and h.scheduled_at < now() + interval '14 days' order by h.scheduled_at`,
          [context.lawyerId],
        );
        await client.query(
          `select h.id, h.case_id, h.scheduled_at from hearings h where h.case_id in (${grantedCasesSql})
           and h.scheduled_at < now() and h.outcome is null order by h.scheduled_at`,
          [context.lawyerId],
        );
        await client.query(
          `select p.id, p.case_id from proceedings p where p.case_id in (${grantedCasesSql})
           and p.status in ('PENDING', 'HEARING_SCHEDULED', 'ADJOURNED', 'RESERVED')
           and not exists (select 1 from hearings h where h.proceeding_id = p.id and h.scheduled_at >= now())`,
          [context.lawyerId],
        );
      },
    };
  },
};

/** A lawyer schedules a hearing (a write: access check, encryption, audit, overlap warning). */
const hearingCreate: Scenario = {
  id: 'hearing-create',
  title: 'Hearing create',
  routes: ['POST /cases/{caseId}/proceedings/{proceedingId}/hearings'],
  async prepare(context) {
    const next = cycle(context.lawyerCases);
    const raw = cycle(context.lawyerCases);
    const startedAt = new Date();
    let minute = 0;
    // A different wall-clock time each time, on working days a year ahead.
    const localDateTime = () => {
      minute += 1;
      const day = new Date(Date.now() + (200 + (minute % 100)) * 86_400_000).toISOString().slice(0, 10);
      return `${day}T${String(9 + (Math.floor(minute / 100) % 8)).padStart(2, '0')}:${String((minute * 5) % 60).padStart(2, '0')}`;
    };
    return {
      next: () => {
        const { caseId, proceedingId } = next();
        return {
          method: 'POST',
          path: `/cases/${caseId}/proceedings/${proceedingId}/hearings`,
          headers: { cookie: context.lawyerCookie, origin: context.origin, 'content-type': 'application/json' },
          body: JSON.stringify({ localDateTime: localDateTime(), purpose: 'Synthetic benchmark hearing' }),
        };
      },
      raw: async (client) => {
        const { caseId, proceedingId } = raw();
        await client.query(
          `insert into hearings (id, organization_id, case_id, proceeding_id, scheduled_at, purpose_enc, updated_at)
           select gen_random_uuid(), organization_id, $1, $2, now() + interval '300 days', $3, now() from cases where id = $1`,
          [caseId, proceedingId, randomBytes(64)],
        );
      },
      note: 'baseline: one INSERT (no encryption, audit or overlap check)',
      cleanup: async () => {
        await context.owner.query('delete from hearings where created_at >= $1 and proceeding_id = any($2::uuid[])', [
          startedAt,
          context.lawyerCases.map((entry) => entry.proceedingId),
        ]);
      },
    };
  },
};

/** A 1 MB PDF uploaded once, then downloaded (decrypted from storage) again and again. */
const documentDownload: Scenario = {
  id: 'document-download',
  title: 'Document download (1 MB)',
  routes: ['POST /cases/{caseId}/filings', 'GET /cases/{caseId}/filings/{filingId}/versions/{number}/content'],
  async prepare(context) {
    const { caseId } = context.lawyerCases[0]!;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%synthetic benchmark document\n'), Buffer.alloc(1024 * 1024 - 48, 0x20), Buffer.from('\n%%EOF\n')]);
    const form = new FormData();
    form.append('metadata', JSON.stringify({ kind: 'OTHER', title: 'Synthetic benchmark document' }));
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'synthetic.pdf');
    const uploaded: { filing: { id: string } } = await json(context, `/cases/${caseId}/filings`, context.lawyerCookie, { method: 'POST', body: form });
    const filingId = uploaded.filing.id;
    return {
      next: () => get(`/cases/${caseId}/filings/${filingId}/versions/1/content`, context.lawyerCookie),
      raw: (client) => client.query('select storage_key, mime_type, size_bytes from filing_versions where filing_id = $1 and number = 1', [filingId]),
      note: 'baseline: the version row only (the API also reads and decrypts 1 MB)',
    };
  },
};

/** The lawyer's private ICS feed (90 days back, everything ahead). */
const icsFeed: Scenario = {
  id: 'ics-feed',
  title: 'ICS feed of the same lawyer',
  routes: ['POST /account/calendar-feed', 'GET /calendar/{token}.ics'],
  async prepare(context) {
    const created: { url: string } = await json(context, '/account/calendar-feed', context.lawyerCookie, { method: 'POST' });
    const path = new URL(created.url).pathname.replace(/^\/api/, '');
    return {
      next: () => ({ method: 'GET', path }),
      raw: (client) =>
        client.query(
          `select h.id, h.case_id, h.scheduled_at, h.court_room, c.reference from hearings h join cases c on c.id = h.case_id
           where h.case_id in (${grantedCasesSql}) and h.scheduled_at >= now() - interval '90 days' order by h.scheduled_at`,
          [context.lawyerId],
        ),
    };
  },
};

export const scenarios: readonly Scenario[] = [
  caseListFirst,
  caseListDeep,
  caseSummary,
  personRead,
  proceedingsRead,
  casePage,
  upcomingHearings,
  needsAttention,
  hearingCreate,
  documentDownload,
  icsFeed,
];
