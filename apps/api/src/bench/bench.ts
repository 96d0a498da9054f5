import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateDatabase, uuidv7 } from '@lapata/db';
import { hashSecretToken } from '../modules/auth/session-token';
import { sessionCookieName } from '../modules/auth/session-cookie';
import { findBenchActors } from './bench-actors';
import { BenchApi } from './bench-api';
import { benchDatabaseName, databaseExists, openBenchServer, type BenchServer } from './bench-environment';
import { runHttpLoad, runRawLoad } from './load';
import { currentCommit, describeMachine, mergeResults, readResults, writeResults, type ScenarioResult, type SizeResult, type WebResult } from './report';
import { scenarios, type BenchContext, type PreparedScenario, type Scenario } from './scenarios';
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

/** One size's database and API, started for the whole run. */
interface SizeUnderTest {
  cases: number;
  api: BenchApi;
  owner: pg.Pool;
  context: BenchContext;
  routes: Set<string>;
  results: ScenarioResult[];
}

async function openSize(server: BenchServer, cases: number, options: BenchOptions): Promise<SizeUnderTest> {
  await ensureSeeded(server, cases);
  const ownerUrl = server.databaseUrl(cases);
  // Migrations added since the seed apply first (the API refuses to start on a stale schema).
  await migrateDatabase({ connectionString: ownerUrl });
  const api = await BenchApi.start(ownerUrl, cases);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: Math.max(...options.connections) + 2, application_name: 'lapata-bench-raw' });
  try {
    const context = await benchContext(owner, api);
    const routes = await servedRoutes(api);
    log(`${cases.toLocaleString('en')} cases — API at ${api.url}; lawyer with ${context.lawyerCases.length} cases`);
    return { cases, api, owner, context, routes, results: [] };
  } catch (error) {
    await owner.end();
    await api.stop();
    throw error;
  }
}

/**
 * Statements per request: a few requests one at a time while nothing else runs; the most frequent
 * count (a session's once-a-minute touch adds one now and then).
 */
async function countStatements(size: SizeUnderTest, prepared: PreparedScenario, samples: number): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const before = await size.api.stats();
    const request = prepared.next();
    const response = await fetch(`${size.api.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${request.method} answered ${response.status}`);
    counts.push((await size.api.stats()).statements - before.statements);
  }
  return mostFrequent(counts);
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One scenario at every connection count and size, each against its raw-SQL baseline; undoes its
 * writes after. The sizes take turns at each connection count, so the scaling ratio compares runs
 * made seconds apart rather than minutes (a shared machine drifts).
 */
async function measureScenario(sizes: SizeUnderTest[], scenario: Scenario, options: BenchOptions): Promise<void> {
  const running: { size: SizeUnderTest; prepared: PreparedScenario; result: ScenarioResult }[] = [];
  try {
    for (const size of sizes) {
      const missing = scenario.routes.filter((route) => !size.routes.has(route));
      if (missing.length > 0) {
        size.results.push({ id: scenario.id, title: scenario.title, status: 'skipped', reason: `not in the API yet: ${missing.join(', ')}`, runs: [] });
        log(`  ${scenario.title} at ${size.cases}: skipped (${missing.join(', ')} not served)`);
        continue;
      }
      let prepared: PreparedScenario | undefined;
      try {
        prepared = await scenario.prepare(size.context);
        const statementsPerRequest = await countStatements(size, prepared, options.statementSamples);
        const result: ScenarioResult = { id: scenario.id, title: scenario.title, status: 'measured', note: prepared.note, statementsPerRequest, runs: [] };
        size.results.push(result);
        running.push({ size, prepared, result });
      } catch (error) {
        await prepared?.cleanup?.();
        size.results.push({ id: scenario.id, title: scenario.title, status: 'failed', reason: reasonOf(error), runs: [] });
        log(`  ${scenario.title} at ${size.cases}: failed (${reasonOf(error)})`);
      }
    }
    // A short unrecorded run first, so neither size is measured while its code is still being compiled.
    for (const { size, prepared } of running) {
      const warmUp = Math.min(2, options.duration);
      await runHttpLoad(size.api.url, 1, warmUp, prepared.next);
      if (prepared.raw) await runRawLoad(size.owner, 1, warmUp, prepared.raw);
    }
    for (const connections of scenario.connections ?? options.connections) {
      for (const entry of running) {
        if (entry.result.status !== 'measured') continue;
        const { size, prepared, result } = entry;
        try {
          const apiRun = await runHttpLoad(size.api.url, connections, options.duration, prepared.next);
          const raw = prepared.raw ? await runRawLoad(size.owner, connections, options.duration, prepared.raw) : null;
          const apiOverRaw = raw && raw.throughput > 0 ? Math.round((apiRun.throughput / raw.throughput) * 100) / 100 : null;
          result.runs.push({ connections, api: apiRun, raw, apiOverRaw });
          log(
            `  ${scenario.title} @${connections}, ${size.cases} cases: ${apiRun.throughput} req/s, p50 ${apiRun.p50} p95 ${apiRun.p95} p99 ${apiRun.p99} ms` +
              `${apiRun.failures ? ` (${apiRun.failures} failed: ${JSON.stringify(apiRun.failuresByStatus ?? {})})` : ''}; raw ${raw?.throughput ?? '–'} req/s; API÷raw ${apiOverRaw ?? '–'}; ` +
              `${result.statementsPerRequest} statements/request`,
          );
        } catch (error) {
          result.status = 'failed';
          result.reason = reasonOf(error);
          result.runs = [];
          log(`  ${scenario.title} at ${size.cases}: failed (${reasonOf(error)})`);
        }
      }
    }
  } finally {
    for (const { prepared } of running) await prepared.cleanup?.();
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
    const open: SizeUnderTest[] = [];
    let web: WebResult | undefined;
    const sizes: SizeResult[] = [];
    try {
      for (const cases of options.sizes) open.push(await openSize(server, cases, options));
      for (const scenario of scenarios) {
        if (options.only && !options.only.includes(scenario.id)) continue;
        log(`\n${scenario.title}`);
        await measureScenario(open, scenario, options);
      }
      const largest = open.reduce((a, b) => (b.cases > a.cases ? b : a));
      if (options.web) {
        log(`\nWeb at ${largest.cases} cases: first-load JS and the case page rendered at 20 concurrent users…`);
        web = await measureWeb(largest.api.url, largest.context.lawyerCookie, largest.context.lawyerCases[0]!.caseId, 20, options.duration);
        log(`  ${JSON.stringify(web.firstLoadJsKb)} ${web.caseRender ? `p95 ${web.caseRender.p95} ms` : web.note ?? ''}`);
      }
      for (const size of open) {
        const stats = await size.api.stats();
        sizes.push({
          cases: size.cases,
          date: new Date().toISOString(),
          commit: currentCommit(),
          durationSeconds: options.duration,
          apiPeakRssMb: Math.round(stats.maxRssBytes / 2 ** 20),
          scenarios: size.results,
        });
      }
    } finally {
      for (const size of open) {
        await size.owner.end();
        await size.api.stop();
      }
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
