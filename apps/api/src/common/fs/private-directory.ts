import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes `directory` reachable by this user only (mode 0700). The folders leading to it are made
 * with the usual mode: a recursive mkdir with mode 0700 would close them too, and the repository's
 * `.data` must stay passable for the embedded PostgreSQL, which runs as its own user when started
 * as root.
 */
export async function makePrivateDirectory(directory: string): Promise<void> {
  await mkdir(dirname(directory), { recursive: true });
  await mkdir(directory, { recursive: true, mode: 0o700 });
}
