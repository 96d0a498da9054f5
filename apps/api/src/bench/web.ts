import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '@lapata/db';
import { runHttpLoad } from './load';
import { currentCommit, type WebResult } from './report';

const webDir = join(repoRoot, 'apps', 'web');
/** Written by `next build` (Next.js 16): each route's first-load chunks. */
const statsFile = join(webDir, '.next', 'diagnostics', 'route-bundle-stats.json');
export const WEB_ROUTES = { dashboard: '/[locale]/app', 'case page': '/[locale]/cases/[caseId]' } as const;

interface RouteBundleStats {
  route: string;
  firstLoadChunkPaths: string[];
}

/** First-load JS of each route in gzip kB, summed over the chunks the build lists for it. */
export function firstLoadJs(): Record<string, number | null> | null {
  if (!existsSync(statsFile)) return null;
  const rows = JSON.parse(readFileSync(statsFile, 'utf8')) as RouteBundleStats[];
  const sizes: Record<string, number | null> = {};
  for (const [name, route] of Object.entries(WEB_ROUTES)) {
    const row = rows.find((candidate) => candidate.route === route);
    sizes[`${name} (${route})`] = row
      ? Math.round(row.firstLoadChunkPaths.reduce((sum, path) => sum + gzipSync(readFileSync(join(webDir, path))).length, 0) / 102.4) / 10
      : null;
  }
  return sizes;
}

/**
 * The built web (`next start`) in front of the benchmark's API; the case page rendered on the
 * server for `connections` users at once, each request with the lawyer's session cookie.
 */
export async function measureWeb(apiUrl: string, cookie: string, caseId: string, connections: number, seconds: number): Promise<WebResult> {
  const base = { date: new Date().toISOString(), commit: currentCommit() };
  const sizes = firstLoadJs();
  if (!sizes) {
    return { ...base, firstLoadJsKb: {}, note: 'Web not measured: build it first (npm run build -w @lapata/web), then npm run bench -- --web.' };
  }
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const next = createRequire(join(webDir, 'package.json')).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [next, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: webDir,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', API_URL: apiUrl },
    stdio: 'ignore',
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${url}/en/login`).then((response) => response.status < 500, () => false))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('The web did not start');
      await delay(500);
    }
    const path = `/en/cases/${caseId}`;
    const probe = await fetch(`${url}${path}`, { headers: { cookie }, redirect: 'manual' });
    if (probe.status !== 200) throw new Error(`The case page answered ${probe.status}`);
    const caseRender = await runHttpLoad(url, connections, seconds, () => ({ method: 'GET', path, headers: { cookie } }));
    return { ...base, firstLoadJsKb: sizes, caseRender };
  } finally {
    child.kill('SIGTERM');
  }
}
