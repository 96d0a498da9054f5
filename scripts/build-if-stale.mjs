import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runStep } from './stack/service.mjs';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Files under apps/web that do not go into `next build`: build output, tests and their tooling.
const notWebBuildInput = new Set(['node_modules', '.next', 'e2e', 'vitest.config.ts', 'tsconfig.tsbuildinfo', 'next-env.d.ts']);
const isTestFile = (name) => /\.(spec|test)\.[cm]?[jt]sx?$/.test(name);

async function newestModification(path, skip = () => false) {
  const info = await stat(path).catch((error) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    newest = Math.max(newest, await newestModification(join(path, entry.name), skip));
  }
  return newest;
}

/** Why the web needs `next build`, or null when its build is newer than everything it is made of. */
export async function webBuildReason(root = repositoryRoot) {
  const built = await newestModification(join(root, 'apps/web/.next/BUILD_ID'));
  if (built === 0) return 'no build yet';
  const inputs = await Promise.all([
    newestModification(join(root, 'apps/web'), (name) => notWebBuildInput.has(name) || isTestFile(name)),
    newestModification(join(root, 'packages/contracts/dist')),
    newestModification(join(root, 'package-lock.json')),
  ]);
  return Math.max(...inputs) > built ? 'sources changed' : null;
}

/**
 * Brings every build the start needs up to date: the Prisma client, the packages and the API with
 * incremental `tsc -b` (quick when nothing changed), the web with `next build` only when it is
 * stale. `log` receives one short line per step; a failing step's output is attached to the error.
 * With `generate: false` the Prisma client is left as it is (it is generated at install): for test
 * runs, where other suites read the generated files while this runs.
 */
export async function buildIfStale({ root = repositoryRoot, env = process.env, log = console.log, signal, generate = true } = {}) {
  // A production build whatever runs it (Vitest sets NODE_ENV=test), and nothing phones home.
  const buildEnv = { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };
  const step = (command, args, cwd = root) => runStep({ command, args, cwd, env: buildEnv, signal });
  const tsc = join(root, 'node_modules/typescript/bin/tsc');

  if (generate) {
    log('Building packages…');
    await step('npm', ['run', '--silent', 'build:packages']);
  }
  // The API's project references bring the packages along.
  log('Building the API…');
  await step(process.execPath, [tsc, '-b', 'apps/api']);
  const reason = await webBuildReason(root);
  if (reason) {
    log(`Building the web (${reason}; this takes a minute)…`);
    await step('npm', ['run', '--silent', 'build', '-w', '@lapata/web']);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildIfStale().catch((error) => {
    if (error.output) console.error(error.output);
    console.error(error.message);
    process.exitCode = 1;
  });
}
