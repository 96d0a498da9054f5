import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type as osType } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '@lapata/db';
import type { LoadResult } from './load';

export interface ScenarioRun {
  connections: number;
  api: LoadResult;
  raw: LoadResult | null;
  /** API throughput ÷ raw-SQL throughput. */
  apiOverRaw: number | null;
}

export interface ScenarioResult {
  id: string;
  title: string;
  status: 'measured' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  reason?: string;
  note?: string;
  /** SQL statements the API sent per request (BEGIN/COMMIT and set_config included). */
  statementsPerRequest?: number;
  runs: ScenarioRun[];
}

export interface SizeResult {
  cases: number;
  date: string;
  commit: string;
  durationSeconds: number;
  apiPeakRssMb: number;
  scenarios: ScenarioResult[];
}

export interface WebResult {
  date: string;
  commit: string;
  /** First-load JavaScript per route, gzip kB, from the Next.js build output. */
  firstLoadJsKb: Record<string, number | null>;
  caseRender?: LoadResult;
  note?: string;
}

export interface BenchResults {
  machine: Record<string, string | number>;
  sizes: SizeResult[];
  /** p95 at the largest size ÷ p95 at the smallest, per scenario and connection count. */
  scaling: { id: string; connections: number; small: number; large: number; p95Small: number; p95Large: number; ratio: number }[];
  web?: WebResult;
}

export const resultsPath = join(repoRoot, 'bench', 'results.json');
export const performanceDocPath = join(repoRoot, 'docs', 'performance.md');
const START = '<!-- bench:results:start (written by npm run bench; edit the text around it) -->';
const END = '<!-- bench:results:end -->';

export function currentCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    // The benchmark's own output (an earlier size's results) does not make the measured code dirty.
    const changed = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench/results.json', ':!docs/performance.md'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const dirty = changed.trim() !== '';
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(postgresVersion: string): Record<string, string | number> {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    postgres: postgresVersion,
  };
}

export function readResults(): BenchResults | null {
  if (!existsSync(resultsPath)) return null;
  return JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchResults;
}

/**
 * Merges this run's sizes into earlier results: a scenario measured again replaces its earlier
 * result; scenarios this run left out (`--only`) keep theirs. `order` lists scenario ids in order.
 */
export function mergeResults(
  previous: BenchResults | null,
  machine: BenchResults['machine'],
  sizes: SizeResult[],
  order: readonly string[],
  web?: WebResult,
): BenchResults {
  const merged = sizes.map((size) => {
    const earlier = previous?.sizes.find((old) => old.cases === size.cases);
    const kept = (earlier?.scenarios ?? []).filter((old) => !size.scenarios.some((scenario) => scenario.id === old.id));
    const scenarios = [...kept, ...size.scenarios].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return { ...size, scenarios };
  });
  const kept = (previous?.sizes ?? []).filter((old) => !sizes.some((size) => size.cases === old.cases));
  const all = [...kept, ...merged].sort((a, b) => a.cases - b.cases);
  return { machine, sizes: all, scaling: scaling(all), web: web ?? previous?.web };
}

function scaling(sizes: SizeResult[]): BenchResults['scaling'] {
  if (sizes.length < 2) return [];
  const small = sizes[0]!;
  const large = sizes[sizes.length - 1]!;
  const rows: BenchResults['scaling'] = [];
  for (const scenario of large.scenarios) {
    const before = small.scenarios.find((s) => s.id === scenario.id);
    for (const run of scenario.runs) {
      const earlier = before?.runs.find((r) => r.connections === run.connections);
      if (!earlier || earlier.api.p95 === 0) continue;
      rows.push({
        id: scenario.id,
        connections: run.connections,
        small: small.cases,
        large: large.cases,
        p95Small: earlier.api.p95,
        p95Large: run.api.p95,
        ratio: Math.round((run.api.p95 / earlier.api.p95) * 100) / 100,
      });
    }
  }
  return rows;
}

const n = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? '–' : value.toFixed(digits));

export function markdown(results: BenchResults): string {
  const lines: string[] = [];
  const m = results.machine;
  lines.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}; Node ${m.node}; PostgreSQL ${m.postgres}.`, '');
  for (const size of results.sizes) {
    lines.push(`### ${size.cases.toLocaleString('en')} cases`, '');
    lines.push(`Measured ${size.date} at commit ${size.commit}; ${size.durationSeconds} s per run; API peak RSS ${size.apiPeakRssMb} MB.`, '');
    lines.push('| Scenario | Conn. | API req/s | p50 ms | p95 ms | p99 ms | Raw SQL req/s | API ÷ raw | SQL statements / request |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const scenario of size.scenarios) {
      if (scenario.status !== 'measured') {
        lines.push(`| ${scenario.title} | | ${scenario.status}: ${scenario.reason ?? ''} | | | | | | |`);
        continue;
      }
      for (const run of scenario.runs) {
        const failures = run.api.failures > 0 ? ` (${run.api.failures} failed)` : '';
        lines.push(
          `| ${scenario.title}${scenario.note ? ` — ${scenario.note}` : ''} | ${run.connections} | ${n(run.api.throughput)}${failures} | ${n(run.api.p50)} | ${n(run.api.p95)} | ${n(run.api.p99)} | ${n(run.raw?.throughput)} | ${n(run.apiOverRaw, 2)} | ${n(scenario.statementsPerRequest)} |`,
        );
      }
    }
    lines.push('');
  }
  if (results.scaling.length > 0) {
    const { small, large } = results.scaling[0]!;
    lines.push(`### Scaling: p95 at ${large.toLocaleString('en')} ÷ p95 at ${small.toLocaleString('en')} cases (target ≤ 1.3)`, '');
    lines.push('| Scenario | Conn. | p95 small ms | p95 large ms | Ratio |', '| --- | ---: | ---: | ---: | ---: |');
    for (const row of results.scaling) lines.push(`| ${row.id} | ${row.connections} | ${n(row.p95Small)} | ${n(row.p95Large)} | ${n(row.ratio, 2)}${row.ratio > 1.3 ? ' ✗' : ''} |`);
    lines.push('');
  }
  if (results.web) {
    const web = results.web;
    lines.push('### Web', '', `Measured ${web.date} at commit ${web.commit}.`, '');
    const routes = Object.entries(web.firstLoadJsKb);
    if (routes.length > 0) lines.push('| Route | First-load JS (gzip kB) |', '| --- | ---: |');
    for (const [route, kb] of routes) lines.push(`| ${route} | ${n(kb)} |`);
    if (web.caseRender) {
      const r = web.caseRender;
      lines.push('', `Case page server render at ${r.connections} concurrent users: ${n(r.throughput)} pages/s, p50 ${n(r.p50)} ms, p95 ${n(r.p95)} ms, p99 ${n(r.p99)} ms.`);
    }
    if (web.note) lines.push('', web.note);
    lines.push('');
  }
  return lines.join('\n');
}

export function writeResults(results: BenchResults): void {
  mkdirSync(dirname(resultsPath), { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  const doc = existsSync(performanceDocPath) ? readFileSync(performanceDocPath, 'utf8') : `# Performance\n\n${START}\n${END}\n`;
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const table = `${START}\n${markdown(results)}\n${END}`;
  const updated = start >= 0 && end > start ? `${doc.slice(0, start)}${table}${doc.slice(end + END.length)}` : `${doc.trimEnd()}\n\n${table}\n`;
  writeFileSync(performanceDocPath, updated);
}
