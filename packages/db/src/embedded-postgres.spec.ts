import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';

let dataDir: string;

async function query<T extends pg.QueryResultRow>(connectionString: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const pidFile = () => join(dataDir, 'pgdata', 'postmaster.pid');
const postmasterPid = () => Number(readFileSync(pidFile(), 'utf8').split('\n')[0]);

/** Gone, or a zombie waiting for a parent that does not reap it: either way, not serving. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 15_000) throw new Error(`timed out waiting until ${what}`);
    await delay(50);
  }
}

// One cluster for the file (initdb is the slow part), made and given a row before any test.
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lapata-embedded-spec-'));
  const server = await startEmbeddedPostgres({ dataDir });
  await query(server.connectionString, 'create table kept (note text); insert into kept values ($$still here$$)');
  await server.stop();
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('reuses the cluster and its data, listening on 127.0.0.1 only', async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    const [settings] = await query<{ database: string; listen: string; sockets: string }>(
      first.connectionString,
      `select current_database() as database, current_setting('listen_addresses') as listen,
              current_setting('unix_socket_directories') as sockets`,
    );
    expect(settings).toEqual({ database: 'lapata', listen: '127.0.0.1', sockets: '' });
    expect(new URL(first.connectionString).hostname).toBe('127.0.0.1');
    expect(await query(first.connectionString, 'select note from kept')).toEqual([{ note: 'still here' }]);
    await first.stop();
    expect(existsSync(pidFile())).toBe(false);
  });

  it('keeps a random superuser password in the data folder, readable by its owner only', async () => {
    const passwordFile = join(dataDir, 'superuser-password');
    const password = (await readFile(passwordFile, 'utf8')).trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);

    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(decodeURIComponent(new URL(server.connectionString).password)).toBe(password);
      const wrong = new URL(server.connectionString);
      wrong.password = 'password';
      await expect(query(wrong.toString(), 'select 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  });

  it('starts after a run that was killed and left its postmaster.pid behind', async () => {
    const crashed = await startEmbeddedPostgres({ dataDir });
    process.kill(postmasterPid(), 'SIGKILL');
    await crashed.exited;
    expect(existsSync(pidFile())).toBe(true);

    const next = await startEmbeddedPostgres({ dataDir });
    expect(await query(next.connectionString, 'select note from kept')).toEqual([{ note: 'still here' }]);
    await next.stop();
  });

  it('refuses to start a second server on a data folder in use', async () => {
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/is already running \(process \d+\)/);
    } finally {
      await running.stop();
    }
  });

  it('shuts down with its process group on Ctrl-C (SIGINT), even when the parent just dies', async () => {
    const fixture = join(__dirname, 'embedded-postgres.fixture.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], {
      detached: true, // a process group of its own, as a terminal gives a command
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    await new Promise<void>((resolveReady, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().startsWith('ready') && resolveReady());
      child.once('exit', () => reject(new Error('the fixture exited before the server was ready')));
    });
    const pid = postmasterPid();
    expect(isRunning(pid)).toBe(true);

    process.kill(-child.pid!, 'SIGINT');
    await exited;
    await waitUntil(() => !isRunning(pid), 'the server has stopped');
    expect(existsSync(pidFile())).toBe(false); // a clean shutdown removes it

    const again = await startEmbeddedPostgres({ dataDir });
    await again.stop();
  });
});
