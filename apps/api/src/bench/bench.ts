import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateDatabase, uuidv7 } from '@lapata/db';
import { hashSecretToken } from '../modules/auth/session-token';
import { sessionCookieName } from '../modules/auth/session-cookie';
import { findBenchActors } from './bench-actors';
import { BenchApi } from './bench-api';
import { benchDatabaseName, databaseExists, openBenchServer, type BenchServer } from './bench-environment';
import { runHttpLoad, runRawLoad, runVisitLoad } from './load';
import { currentCommit, describeMachine, mergeResults, readResults, writeResults, type ScenarioResult, type SizeResult, type WebResult } from './report';
import { scenarios, type BenchContext, type Scenario } from './scenarios';
import { defaultSeedOptions, seedBenchDatabase } from './seed-large';
import { measureWeb } from './web';

interface BenchOptions {
  sizes: number[];
  connections: number[];
  duration: number;
  only: string[] | null;
  /** Requests sent one by one to count statements. */
  statementSamples: number;
  /** Also measure the built web (first-load JS, case page render at 20 users) at the largest size. */
  web: boolean;
}

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,100000' },
      connections: { type: 'string', default: '1,10,50' },
      duration: { type: 'string', default: '5' },
      only: { type: 'string' },
      web: { type: 'boolean', default: false },
    },
  });
  const list = (raw: string, name: string) =>
    raw.split(',').map((part) => {
      const value = Number(part.trim());
      if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes whole numbers separated by commas`);
      return value;
    });
  const duration = Number(values.duration);
  if (!Number.isFinite(duration) || duration < 1) throw new Error('--duration is a number of seconds, at least 1');
  return {
    sizes: list(values.sizes, 'sizes'),
    connections: list(values.connections, 'connections'),
    duration,
    only: values.only ? values.only.split(',').map((id) => id.trim()) : null,
    statementSamples: 10,
    web: values.web,
  };
}

let log: (line: string) => void = () => undefined;

/** A live session for `userId`, written straight to the database as sign-in would leave it. */
async function sessionCookie(owner: pg.Pool, api: BenchApi, userId: string, organizationId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await owner.query(
    `insert into sessions (id, user_id, token_hash, active_organization_id, mfa_verified_at, user_agent, expires_at)
     values ($1, $2, $3, $4, now(), 'lapata-bench', now() + interval '6 hours')`,
    [uuidv7(), userId, hashSecretToken(token), organizationId],
  );
  return `${sessionCookieName(api.config)}=${token}`;
}

/** Sessions for organisation 1's administrator and its busiest lawyer. */
async function benchContext(owner: pg.Pool, api: BenchApi): Promise<BenchContext> {
  const actors = await findBenchActors(owner);
  return {
    apiUrl: api.url,
    origin: new URL(api.config.publicUrl).origin,
    organizationId: actors.organizationId,
    adminCookie: await sessionCookie(owner, api, actors.adminId, actors.organizationId),
    lawyerCookie: await sessionCookie(owner, api, actors.lawyerId, actors.organizationId),
    lawyerId: actors.lawyerId,
    lawyerCases: actors.lawyerCases,
    owner,
  };
}

function mostFrequent(values: number[]): number {
  const tally = new Map<number, number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  return [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/** The routes the running API serves, as "METHOD /path/{param}". */
async function servedRoutes(api: BenchApi): Promise<Set<string>> {
  const document = (await (await fetch(`${api.url}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const routes = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of Object.keys(operations)) routes.add(`${method.toUpperCase()} ${path}`);
  }
  return routes;
}

async function ensureSeeded(server: BenchServer, cases: number): Promise<void> {
  if (await databaseExists(server.serverUrl, benchDatabaseName(cases))) return;
  log(`No ${benchDatabaseName(cases)} yet: seeding it (npm run seed:large -- --cases ${cases} does the same, with options).`);
  const result = await seedBenchDatabase(server, { ...defaultSeedOptions, cases });
  log(`  ${result.rows} rows in ${result.seconds.toFixed(0)} s`);
}

/** One scenario at every connection count, against its raw-SQL baseline; undoes its writes after. */
async function measureScenario(api: BenchApi, owner: pg.Pool, context: BenchContext, scenario: Scenario, options: BenchOptions): Promise<ScenarioResult> {
  const prepared = await scenario.prepare(context);
  try {
    // Statements per request: a few requests one at a time while nothing else runs; the most
    // frequent count (a session's once-a-minute touch adds one now and then).
    const counts: number[] = [];
    for (let i = 0; i < options.statementSamples; i += 1) {
      const before = await api.stats();
      if (prepared.visit) {
        await prepared.visit();
      } else {
        const request = prepared.next();
        const response = await fetch(`${api.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${request.method} answered ${response.status}`);
      }
      counts.push((await api.stats()).statements - before.statements);
    }
    const statementsPerRequest = mostFrequent(counts);
    const result: ScenarioResult = { id: scenario.id, title: scenario.title, status: 'measured', note: prepared.note, statementsPerRequest, runs: [] };
    for (const connections of scenario.connections ?? options.connections) {
      const apiRun = prepared.visit
        ? await runVisitLoad(connections, options.duration, prepared.visit)
        : await runHttpLoad(api.url, connections, options.duration, prepared.next);
      const raw = prepared.raw ? await runRawLoad(owner, connections, options.duration, prepared.raw) : null;
      const apiOverRaw = raw && raw.throughput > 0 ? Math.round((apiRun.throughput / raw.throughput) * 100) / 100 : null;
      result.runs.push({ connections, api: apiRun, raw, apiOverRaw });
      log(
        `  ${scenario.title} @${connections}: ${apiRun.throughput} req/s, p50 ${apiRun.p50} p95 ${apiRun.p95} p99 ${apiRun.p99} ms` +
          `${apiRun.failures ? ` (${apiRun.failures} failed)` : ''}; raw ${raw?.throughput ?? '–'} req/s; API÷raw ${apiOverRaw ?? '–'}; ${statementsPerRequest} statements/request`,
      );
    }
    return result;
  } finally {
    await prepared.cleanup?.();
  }
}

async function measureSize(server: BenchServer, cases: number, options: BenchOptions, withWeb: boolean): Promise<{ size: SizeResult; web?: WebResult }> {
  await ensureSeeded(server, cases);
  const ownerUrl = server.databaseUrl(cases);
  // Migrations added since the seed apply first (the API refuses to start on a stale schema).
  await migrateDatabase({ connectionString: ownerUrl });
  const api = await BenchApi.start(ownerUrl, cases);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: Math.max(...options.connections) + 2, application_name: 'lapata-bench-raw' });
  const results: ScenarioResult[] = [];
  try {
    const context = await benchContext(owner, api);
    const routes = await servedRoutes(api);
    log(`\n${cases.toLocaleString('en')} cases — API at ${api.url}; lawyer with ${context.lawyerCases.length} cases`);
    for (const scenario of scenarios) {
      if (options.only && !options.only.includes(scenario.id)) continue;
      const missing = scenario.routes.filter((route) => !routes.has(route));
      if (missing.length > 0) {
        results.push({ id: scenario.id, title: scenario.title, status: 'skipped', reason: `not in the API yet: ${missing.join(', ')}`, runs: [] });
        log(`  ${scenario.title}: skipped (${missing.join(', ')} not served)`);
        continue;
      }
      try {
        results.push(await measureScenario(api, owner, context, scenario, options));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        results.push({ id: scenario.id, title: scenario.title, status: 'failed', reason, runs: [] });
        log(`  ${scenario.title}: failed (${reason})`);
      }
    }
    let web: WebResult | undefined;
    if (withWeb) {
      log('  Web: first-load JS and the case page rendered at 20 concurrent users…');
      web = await measureWeb(api.url, context.lawyerCookie, context.lawyerCases[0]!.caseId, 20, options.duration);
      log(`  ${JSON.stringify(web.firstLoadJsKb)} ${web.caseRender ? `p95 ${web.caseRender.p95} ms` : web.note ?? ''}`);
    }
    const stats = await api.stats();
    const size: SizeResult = {
      cases,
      date: new Date().toISOString(),
      commit: currentCommit(),
      durationSeconds: options.duration,
      apiPeakRssMb: Math.round(stats.maxRssBytes / 2 ** 20),
      scenarios: results,
    };
    return { size, web };
  } finally {
    await owner.end();
    await api.stop();
  }
}

/** `npm run bench -- --sizes 1000,100000 --duration 5` (see docs/performance.md). */
export async function runBench(argv: string[], print: (line: string) => void): Promise<void> {
  log = print;
  const options = parseOptions(argv);
  const server = await openBenchServer(log);
  try {
    const version = new pg.Client({ connectionString: server.serverUrl });
    await version.connect();
    const postgres = (await version.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    await version.end();
    const sizes: SizeResult[] = [];
    let web: WebResult | undefined;
    const largest = Math.max(...options.sizes);
    for (const cases of options.sizes) {
      const measured = await measureSize(server, cases, options, options.web && cases === largest);
      sizes.push(measured.size);
      web = measured.web ?? web;
    }
    const results = mergeResults(readResults(), describeMachine(postgres), sizes, scenarios.map((scenario) => scenario.id), web);
    writeResults(results);
    for (const row of results.scaling) {
      log(`  p95 ${row.id} @${row.connections}: ${row.p95Large} ms at ${row.large} ÷ ${row.p95Small} ms at ${row.small} = ${row.ratio}`);
    }
    log('\nWrote bench/results.json and the table in docs/performance.md.');
  } finally {
    await server.stop();
  }
}
