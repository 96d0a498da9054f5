import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class AlreadyRunningError extends Error {
  constructor(pid) {
    super(`Lapata is already running (pid ${pid}); stop it with Ctrl-C first`);
    this.name = 'AlreadyRunningError';
    this.pid = pid;
  }
}

// Locks this process holds, so that a second start within one process is refused too.
const heldHere = new Set();

/**
 * Whether `pid` is a live process that could be holding the lock. Pids are reused (a restarted
 * container numbers its processes from 1 again), so a live pid only counts when it is a Node
 * process, and this process's own pid only when it took the lock itself.
 */
function isLiveHolder(pid, lockPath) {
  if (pid === process.pid) return heldHere.has(lockPath);
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it may well hold the lock.
    return error.code === 'EPERM';
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

function parsePid(text) {
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The pid in the lock file, null when it holds no pid, undefined when there is no lock file. */
async function readHolder(lockPath) {
  try {
    return parsePid(await readFile(lockPath, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}

function readHolderSync(lockPath) {
  try {
    return parsePid(readFileSync(lockPath, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes `<dataDir>/lapata.lock` for this process, or throws AlreadyRunningError while another start
 * holds it. A lock left by a process that is gone is taken over. The lock file appears atomically
 * (hard link of a finished file), so a concurrent start never reads a half-written pid.
 * Returns `release()`, which removes the lock only while it is still ours.
 */
export async function acquireLock(dataDir) {
  await mkdir(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'lapata.lock');
  const candidate = `${lockPath}.${process.pid}`;
  await writeFile(candidate, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await link(candidate, lockPath);
        heldHere.add(lockPath);
        return {
          path: lockPath,
          release: () => releaseLock(lockPath),
          // For the last moment before a forced exit, when nothing asynchronous will run any more.
          releaseSync: () => {
            heldHere.delete(lockPath);
            if (readHolderSync(lockPath) === process.pid) unlinkSync(lockPath);
          },
        };
      } catch (error) {
        if (error.code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(lockPath);
      if (holder === undefined) continue; // released meanwhile: try again
      if (holder !== null && isLiveHolder(holder, lockPath)) throw new AlreadyRunningError(holder);
      // Stale: remove it only if it still names the same dead holder, then race for it again.
      if ((await readHolder(lockPath)) === holder) await unlink(lockPath).catch(ignoreMissing);
    }
    throw new Error(`Could not take the lock ${lockPath}; remove it if no Lapata is running`);
  } finally {
    await unlink(candidate).catch(ignoreMissing);
  }
}

async function releaseLock(lockPath) {
  heldHere.delete(lockPath);
  if ((await readHolder(lockPath)) === process.pid) await unlink(lockPath).catch(ignoreMissing);
}

function ignoreMissing(error) {
  if (error.code !== 'ENOENT') throw error;
}
