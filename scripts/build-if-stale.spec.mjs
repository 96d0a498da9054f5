import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { webBuildReason } from './build-if-stale.mjs';

let root;
const built = new Date('2030-01-01T12:00:00Z');
const before = new Date('2030-01-01T11:00:00Z');
const after = new Date('2030-01-01T13:00:00Z');

async function writeFileAt(path, time) {
  const file = join(root, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, 'x');
  await utimes(file, time, time);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lapata-build-'));
  await writeFileAt('apps/web/app/page.tsx', before);
  await writeFileAt('packages/contracts/dist/index.js', before);
  await writeFileAt('package-lock.json', before);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('webBuildReason', () => {
  test('asks for a build when there is none', async () => {
    expect(await webBuildReason(root)).toBe('no build yet');
  });

  test('keeps a build newer than every input', async () => {
    await writeFileAt('apps/web/.next/BUILD_ID', built);
    expect(await webBuildReason(root)).toBeNull();
  });

  const inputs = [
    'apps/web/app/[locale]/setup/page.tsx',
    'apps/web/messages/ur.json',
    'packages/contracts/dist/setup.js',
    'package-lock.json',
  ];
  test.each(inputs)('rebuilds when %s changed after the build', async (path) => {
    await writeFileAt('apps/web/.next/BUILD_ID', built);
    await writeFileAt(path, after);
    expect(await webBuildReason(root)).toBe('sources changed');
  });

  const notInputs = [
    'apps/web/e2e/setup-flow.e2e.ts',
    'apps/web/lib/api-url.spec.ts',
    'apps/web/vitest.config.ts',
    'apps/web/node_modules/x/index.js',
  ];
  test.each(notInputs)('ignores %s, which is not part of the build', async (path) => {
    await writeFileAt('apps/web/.next/BUILD_ID', built);
    await writeFileAt(path, after);
    expect(await webBuildReason(root)).toBeNull();
  });
});
