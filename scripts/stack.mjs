import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale, repositoryRoot } from './build-if-stale.mjs';
import { acquireLock } from './stack/lock.mjs';
import { assertPortFree, findFreePort, waitForHttp } from './stack/network.mjs';
import { describeExit, runStep, startService } from './stack/service.mjs';

export { AlreadyRunningError } from './stack/lock.mjs';

const readyTimeoutMs = 120_000;
// What a failed start shows of the output it held back: the end, where the cause is.
const heldBackLines = 400;
const apiHost = '127.0.0.1';
// The role the API uses on the embedded server, named as in docker-compose.yml (LAPATA_DB_APP_USER).
const applicationRole = 'lapata_app';
const stopWithParent = fileURLToPath(new URL('./stack/stop-with-parent.cjs', import.meta.url));

/**
 * Lapata as `npm start` runs it: builds what is stale, takes the data folder's lock, starts (or uses)
 * PostgreSQL, applies pending migrations, then starts the API and the web, each waited for.
 *
 * Options (all optional):
 * - dataDir: the data folder (default <root>/.data): lock, embedded database, development key file.
 * - env: settings (default process.env): DATABASE_URL, DATABASE_MIGRATION_URL, WEB_PORT, API_PORT,
 *   WEB_HOST, LAPATA_MASTER_KEY, LAPATA_KEY_FILE, PUBLIC_URL. A port of 0 picks a free one.
 * - build: bring the builds up to date first (default true); generate: regenerate the Prisma
 *   client as part of it (default true; see build-if-stale.mjs).
 * - log(line): short progress lines.
 * - output(line): what the API, web and database print, each line prefixed with its source. While
 *   starting, only warnings, errors and the setup banner pass (the rest is attached to the error if
 *   the start fails); once running, every line but PostgreSQL's routine ones. With
 *   startOutput: 'all', every line from the first.
 */
export class Stack {
  webUrl;
  apiUrl;
  /** Resolves with an Error when a part stops on its own after the start. */
  failure;

  #root;
  #env;
  #dataDir;
  #log;
  #output;
  #build;
  #generate;
  #startOutput;
  #started = false;
  #heldBack = [];
  #abort = new AbortController();
  #lock;
  #services = [];
  #stopping;
  #setupToken;
  #reportFailure;

  constructor(options = {}) {
    this.#root = options.root ?? repositoryRoot;
    this.#env = options.env ?? process.env;
    this.#dataDir = resolve(this.#root, options.dataDir ?? '.data');
    this.#log = options.log ?? ((line) => console.log(line));
    this.#output = options.output ?? ((line) => console.log(line));
    this.#build = options.build ?? true;
    this.#generate = options.generate ?? true;
    this.#startOutput = options.startOutput ?? 'notable';
    this.failure = new Promise((resolvePromise) => {
      this.#reportFailure = resolvePromise;
    });
  }

  /** The one-time setup token, once the API has printed it (only on a start with no organisation yet). */
  get setupToken() {
    return this.#setupToken;
  }

  async start() {
    // First, before anything is built or written: a second start must touch nothing.
    this.#lock = await acquireLock(this.#dataDir);
    try {
      await this.#startParts();
      this.#started = true;
      this.#heldBack = [];
      return this;
    } catch (error) {
      await this.stop();
      // stop() may have run before the lock was taken, and then had no lock to release.
      await this.#lock.release();
      if (this.#heldBack.length > 0) error.output = [error.output, ...this.#heldBack].filter(Boolean).join('\n');
      throw error;
    }
  }

  /** Stops a start in progress or the running stack: web, API, then database; releases the lock. */
  stop() {
    this.#stopping ??= (async () => {
      this.#abort.abort(new Error('Start cancelled'));
      try {
        for (const service of [...this.#services].reverse()) await service.stop();
      } finally {
        await this.#lock?.release();
      }
    })();
    return this.#stopping;
  }

  /** Kills every part at once and releases the lock: for a second Ctrl-C, when waiting is not wanted. */
  forceStop() {
    this.#stopping ??= Promise.resolve();
    this.#abort.abort(new Error('Start cancelled'));
    for (const service of this.#services) service.kill();
    this.#lock?.releaseSync();
  }

  async #startParts() {
    const env = this.#env;
    const signal = this.#abort.signal;
    const webHost = env.WEB_HOST?.trim() || '127.0.0.1';
    const webPort = await choosePort(env.WEB_PORT, 3000, 'WEB_PORT', webHost);
    const apiPort = await choosePort(env.API_PORT, 3001, 'API_PORT', apiHost);

    if (this.#build) await buildIfStale({ root: this.#root, env, log: this.#log, signal, generate: this.#generate });

    this.webUrl = `http://${['127.0.0.1', '0.0.0.0', '::'].includes(webHost) ? 'localhost' : urlHost(webHost)}:${webPort}`;
    this.apiUrl = `http://${apiHost}:${apiPort}`;
    // Nothing phones home: not Next.js telemetry, not Prisma's update check.
    const childEnv = { ...env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };

    const keySettings = await this.#ensureKeySettings();
    const database = await this.#startDatabase(childEnv);

    this.#log('Applying pending migrations…');
    const migrated = await runStep({
      command: process.execPath,
      args: [join(this.#root, 'packages/db/dist/cli/migrate.js')],
      cwd: this.#root,
      env: { ...childEnv, DATABASE_URL: database.migrationUrl, DATABASE_MIGRATION_URL: database.migrationUrl },
      signal,
    });
    for (const line of migrated.trim().split('\n')) this.#log(`  ${line.trimEnd()}`);
    const apiDatabaseUrl = database.embedded ? await this.#applicationRoleUrl(database.url) : database.url;

    this.#log('Starting the API…');
    const api = this.#launch({
      name: 'API',
      prefix: 'api',
      command: process.execPath,
      args: ['--require', stopWithParent, join(this.#root, 'apps/api/dist/main.js')],
      ipc: true,
      cwd: this.#root,
      env: {
        ...childEnv,
        ...keySettings,
        // Readable log lines in the terminal; NODE_ENV=production gives JSON lines.
        NODE_ENV: env.NODE_ENV || 'development',
        API_HOST: apiHost,
        API_PORT: String(apiPort),
        DATABASE_URL: apiDatabaseUrl,
        PUBLIC_URL: env.PUBLIC_URL || this.webUrl,
        // The web, on this machine, forwards every request: believe its X-Forwarded-For so that
        // per-address rate limits see the browser's address, not the web server's.
        TRUST_PROXY: env.TRUST_PROXY || 'loopback',
      },
      watch: watchSetupBanner((token) => {
        this.#setupToken = token;
      }),
    });
    await waitForHttp(`${this.apiUrl}/health`, { service: api, timeoutMs: readyTimeoutMs, signal, accept: (s) => s === 200 });

    this.#log('Starting the web…');
    const web = this.#launch({
      name: 'web',
      prefix: 'web',
      command: process.execPath,
      args: ['--require', stopWithParent, resolveNextCli(this.#root), 'start', '--port', String(webPort), '--hostname', webHost],
      ipc: true,
      cwd: join(this.#root, 'apps/web'),
      env: { ...childEnv, NODE_ENV: 'production', API_URL: this.apiUrl },
    });
    const webProbeHost = ['0.0.0.0', '::'].includes(webHost) ? '127.0.0.1' : webHost;
    await waitForHttp(`http://${urlHost(webProbeHost)}:${webPort}/`, { service: web, timeoutMs: readyTimeoutMs, signal, accept: (s) => s < 500 });
  }

  /** Starts a part in its own process group and watches for it stopping while nobody asked it to. */
  #launch({ prefix, watch, quiet = false, ...spec }) {
    this.#abort.signal.throwIfAborted();
    const service = startService({
      ...spec,
      onLine: (line, source) => {
        const mustShow = watch?.(line) ?? false;
        const labelled = `${prefix.padEnd(3)} │ ${line}`;
        const showAll = this.#startOutput === 'all' || (this.#started && !quiet);
        // A quiet part's start-up complaints (PostgreSQL refusing connections while it boots) are
        // expected; they are kept with the rest and shown only if the start fails.
        const notable = (this.#started || !quiet) && isNotable(line, source);
        if (mustShow || showAll || notable) this.#output(labelled);
        else if (!this.#started) this.#holdBack(labelled);
      },
    });
    this.#services.push(service);
    service.exited.then((exit) => {
      if (!this.#stopping) this.#reportFailure(new Error(`The ${service.name} stopped unexpectedly (${describeExit(exit)})`));
    });
    return service;
  }

  #holdBack(line) {
    this.#heldBack.push(line);
    if (this.#heldBack.length > heldBackLines) this.#heldBack.shift();
  }

  /**
   * The key settings for the API. With none configured, a development key file in the data folder,
   * made once (mode 0600) and reused.
   */
  async #ensureKeySettings() {
    if (this.#env.LAPATA_MASTER_KEY || this.#env.LAPATA_KEY_FILE) return {};
    const keyFile = join(this.#dataDir, 'keys.json');
    const shown = shownPath(this.#root, keyFile);
    if (existsSync(keyFile)) {
      this.#log(`Using the development key file ${shown}.`);
    } else {
      const { generateKeyFile, writeKeyFile } = createRequire(join(this.#root, 'package.json'))('@lapata/crypto');
      writeKeyFile(keyFile, generateKeyFile());
      this.#log(`No key configured: created the development key file ${shown} (mode 0600).`);
      this.#log('  Production must keep keys outside the data folder and its backups: see docs/operations.md.');
    }
    return { LAPATA_KEY_FILE: keyFile };
  }

  /** DATABASE_URL when given; otherwise the embedded server with its data in <dataDir>/postgres. */
  async #startDatabase(env) {
    if (env.DATABASE_URL) {
      this.#log('Using the PostgreSQL server in DATABASE_URL.');
      return { url: env.DATABASE_URL, migrationUrl: env.DATABASE_MIGRATION_URL || env.DATABASE_URL };
    }
    const postgresDir = join(this.#dataDir, 'postgres');
    const shown = shownPath(this.#root, postgresDir);
    this.#log(`${existsSync(postgresDir) ? 'Starting' : 'Creating'} the embedded PostgreSQL in ${shown}…`);

    const signal = this.#abort.signal;
    const server = this.#launch({
      name: 'embedded PostgreSQL',
      prefix: 'db',
      command: process.execPath,
      args: [join(this.#root, 'scripts/stack/embedded-database.mjs'), postgresDir, String(await findFreePort('127.0.0.1'))],
      cwd: this.#root,
      env,
      ipc: true,
      // Asked over its IPC channel rather than by a signal (see embedded-database.mjs); a fast
      // shutdown (SIGINT) of its group when the channel is gone.
      requestStop: (child, signalGroup) => (child.connected ? child.send('stop') : signalGroup('SIGINT')),
      stopTimeoutMs: 10_000,
      // PostgreSQL's routine lines (checkpoints, shutdown steps) are not for a newcomer's terminal.
      quiet: true,
    });
    const connectionString = await new Promise((resolvePromise, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      server.child.once('message', (message) => resolvePromise(message.connectionString));
      server.exited.then((exit) =>
        reject(new Error(`The embedded PostgreSQL stopped before it was ready (${describeExit(exit)}); see its output above`)),
      );
    });
    return { url: connectionString, migrationUrl: connectionString, embedded: true };
  }

  /**
   * The API connects to the embedded server as the application role, as in production: no
   * superuser, no BYPASSRLS, so row-level security applies. Its password is new at every start.
   */
  async #applicationRoleUrl(superuserUrl) {
    const { ensureApplicationRole, withCredentials } = createRequire(join(this.#root, 'package.json'))('@lapata/db');
    const password = randomBytes(24).toString('base64url');
    await ensureApplicationRole({ connectionString: superuserUrl, role: applicationRole, password });
    return withCredentials(superuserUrl, applicationRole, password);
  }
}

/** Starts Lapata (see Stack) and resolves once the web answers. */
export async function startStack(options) {
  return new Stack(options).start();
}

/**
 * Follows the API's output for the setup banner (apps/api/src/modules/setup/setup-banner.ts),
 * which it prints straight to stdout, between two rules of asterisks, while no organisation
 * exists: "... enter this one-time setup token:", then the token on a line of its own. Returns a
 * line watcher that says which lines belong to the banner (all of it must reach the terminal)
 * and calls `onToken` with the token.
 */
export function watchSetupBanner(onToken) {
  let inBanner = false;
  let tokenFollows = false;
  return (line) => {
    const text = line.trim();
    if (/^\*{20,}$/.test(text)) {
      inBanner = !inBanner;
      tokenFollows = false;
      return true;
    }
    if (!inBanner) return false;
    if (/one-time setup token:$/.test(text)) {
      tokenFollows = true;
    } else if (tokenFollows && text !== '') {
      tokenFollows = false;
      onToken(text);
    }
    return true;
  };
}

/**
 * Whether a line is worth showing while the stack starts: anything on stderr, and warnings or
 * errors (pino's JSON lines, their pretty form in development, PostgreSQL's). The rest (route
 * tables, "listening on" lines with the API's own address, banners) would bury the one address a
 * newcomer needs, printed once everything answers.
 */
function isNotable(line, source) {
  if (source === 'stderr') return true;
  if (line.startsWith('{')) {
    try {
      return JSON.parse(line).level >= 40;
    } catch {
      return false;
    }
  }
  return /\b(WARN|WARNING|ERROR|FATAL|PANIC)\b/.test(line);
}

async function choosePort(value, fallback, setting, host) {
  let port = fallback;
  if (value !== undefined && value !== '') {
    port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${setting} must be a port number`);
  }
  if (port === 0) return findFreePort(host);
  await assertPortFree(port, host, setting);
  return port;
}

/** A path inside the repository relative to it (".data/keys.json"), any other in full. */
function shownPath(root, path) {
  const inside = relative(root, path);
  return inside && !inside.startsWith('..') ? inside : path;
}

/** An IPv6 address goes in brackets in a URL. */
function urlHost(host) {
  return host.includes(':') ? `[${host}]` : host;
}

function resolveNextCli(root) {
  return createRequire(join(root, 'apps/web/package.json')).resolve('next/dist/bin/next');
}
