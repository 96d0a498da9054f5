import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makePrivateDirectory } from './private-directory';

let base: string | undefined;
afterEach(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

it('closes the directory itself to other users, not the folders leading to it', async () => {
  base = await mkdtemp(join(tmpdir(), 'private-directory-'));
  const data = join(base, '.data');
  await makePrivateDirectory(join(data, 'storage'));
  expect((await stat(join(data, 'storage'))).mode & 0o777).toBe(0o700);
  expect((await stat(data)).mode & 0o011).toBe(0o011 & ~process.umask());
  await makePrivateDirectory(join(data, 'storage'));
  expect((await stat(join(data, 'storage'))).mode & 0o777).toBe(0o700);
});
