import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureApplicationRole, withCredentials } from '@lapata/db';
import { AppConfig } from '../config/app-config';
import { benchDataDir, benchKeyEnv } from './bench-environment';
import type { StatementCounterReply } from './statement-counter';

const distDir = join(__dirname, '..');

// One password for the whole run: the role belongs to the server, and every size's API (all
// running at once) connects as it.
const applicationRolePassword = randomBytes(24).toString('base64url');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))));
    });
  });
}

/**
 * The built API (apps/api/dist/main.js) as production runs it, on one benchmark database, as the
 * application role (row-level security on), with the statement counter preloaded.
 */
export class BenchApi {
  private constructor(
    readonly url: string,
    readonly config: AppConfig,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  static async start(ownerUrl: string, cases: number): Promise<BenchApi> {
    await ensureApplicationRole({ connectionString: ownerUrl, role: 'lapata_app', password: applicationRolePassword });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: withCredentials(ownerUrl, 'lapata_app', applicationRolePassword),
      LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'info',
      // No reminder worker: it would compete with the measured requests.
      LAPATA_WORKER: 'off',
      LAPATA_STORAGE_DIR: join(benchDataDir, `storage-${cases}`),
      // Production insists on a mail server; none of the measured requests sends mail.
      SMTP_URL: 'smtp://127.0.0.1:2525',
      LAPATA_BENCH_STATEMENT_COUNTER: 'on',
      ...(process.env.DATABASE_PREPARED_STATEMENTS ? { DATABASE_PREPARED_STATEMENTS: process.env.DATABASE_PREPARED_STATEMENTS } : {}),
      ...benchKeyEnv(),
    };
    const config = AppConfig.fromEnv(env);
    const child = fork(join(distDir, 'main.js'), [], {
      env,
      // BENCH_CPU_PROFILE_DIR: the API writes a V8 CPU profile there when it stops (for finding the cause of a slow scenario).
      execArgv: [
        '--require',
        join(__dirname, 'statement-counter.js'),
        ...(process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : []),
      ],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    // The API logs every request; the benchmark keeps only the end, shown if it fails to start.
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // BENCH_API_LOG_DIR: the API's whole log goes to api-<cases>.log there (for finding why requests failed).
    if (process.env.BENCH_API_LOG_DIR) {
      const file = createWriteStream(join(process.env.BENCH_API_LOG_DIR, `api-${cases}.log`));
      child.stdout?.pipe(file);
      child.stderr?.pipe(file);
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let ended = false;
    void exited.then(() => (ended = true));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (ended) throw new Error(`The API stopped while starting:\n${output}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`The API did not answer within 60 s:\n${output}`);
      }
      const ready = await fetch(`${url}/health`).then((response) => response.ok, () => false);
      if (ready) break;
      await delay(250);
    }
    return new BenchApi(url, config, child, exited);
  }

  /** Statements sent so far and the peak RSS, from the preloaded counter. */
  stats(): Promise<StatementCounterReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The API did not answer the statement counter')), 5000);
      const onMessage = (message: unknown) => {
        if ((message as StatementCounterReply | undefined)?.type !== 'bench:stats') return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message as StatementCounterReply);
      };
      this.child.on('message', onMessage);
      this.child.send('bench:stats');
    });
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await Promise.race([this.exited, delay(15_000).then(() => this.child.kill('SIGKILL'))]);
  }
}
