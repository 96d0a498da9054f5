import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AlreadyRunningError, acquireLock } from './lock.mjs';

let dataDir;
const children = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lapata-lock-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

function startProcess(command, args) {
  const child = spawn(command, args, { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function finishedProcessPid() {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid;
}

const lockPath = () => join(dataDir, 'lapata.lock');
const writeLock = (pid) => writeFile(lockPath(), `${pid}\n`);
const lockHolder = () => readFile(lockPath(), 'utf8');

describe('acquireLock', () => {
  test('writes this process id to <dataDir>/lapata.lock and removes it on release', async () => {
    const lock = await acquireLock(dataDir);
    expect(await lockHolder()).toBe(`${process.pid}\n`);
    await lock.release();
    await expect(lockHolder()).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('refuses a second start in the same process and leaves the lock alone', async () => {
    const lock = await acquireLock(dataDir);
    await expect(acquireLock(dataDir)).rejects.toThrow(new AlreadyRunningError(process.pid));
    expect(await lockHolder()).toBe(`${process.pid}\n`);
    await lock.release();
  });

  test('refuses while another live Node process holds the lock, naming its pid', async () => {
    const holder = startProcess(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    await writeLock(holder.pid);
    await expect(acquireLock(dataDir)).rejects.toThrow(
      `Lapata is already running (pid ${holder.pid}); stop it with Ctrl-C first`,
    );
    expect(await lockHolder()).toBe(`${holder.pid}\n`);
  });

  test('takes over a lock whose process is gone', async () => {
    await writeLock(await finishedProcessPid());
    const lock = await acquireLock(dataDir);
    expect(await lockHolder()).toBe(`${process.pid}\n`);
    await lock.release();
  });

  test('takes over a lock whose pid now belongs to a process that is not Node (pid reused)', async () => {
    const unrelated = startProcess('sleep', ['60']);
    await writeLock(unrelated.pid);
    const lock = await acquireLock(dataDir);
    expect(await lockHolder()).toBe(`${process.pid}\n`);
    await lock.release();
  });

  test('takes over a lock file that holds no pid', async () => {
    await writeFile(lockPath(), 'garbage');
    const lock = await acquireLock(dataDir);
    expect(await lockHolder()).toBe(`${process.pid}\n`);
    await lock.release();
  });

  test('release leaves a lock that another start has taken since', async () => {
    const lock = await acquireLock(dataDir);
    await writeLock(12345678);
    await lock.release();
    expect(await lockHolder()).toBe('12345678\n');
  });
});
