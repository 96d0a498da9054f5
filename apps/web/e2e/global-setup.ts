import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';
import { Stack } from '../../../scripts/stack.mjs';
import './stack-context';

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function warnNoBrowser(): void {
  const line = '!'.repeat(78);
  console.warn(
    [
      line,
      `!!  BROWSER TESTS SKIPPED: no Chromium at ${chromiumPath}.`,
      '!!  Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH. With CI=true this fails.',
      line,
    ].join('\n'),
  );
}

/**
 * A local SMTP server that accepts and drops every message: the API in production mode needs one,
 * and these tests follow no mail (the API's own tests do, on a server that keeps them).
 */
async function startMailSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Settings the developer's shell may carry that must not leak into the tests' own stack. */
function isolatedEnv(smtpUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', WEB_PORT: '0', API_PORT: '0', SMTP_URL: smtpUrl };
  for (const name of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'LAPATA_MASTER_KEY', 'LAPATA_KEY_FILE', 'PUBLIC_URL', 'WEB_HOST']) {
    delete env[name];
  }
  return env;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!existsSync(chromiumPath)) {
    if (process.env.CI === 'true') throw new Error(`No Chromium at ${chromiumPath}: the browser tests cannot run (CI=true)`);
    warnNoBrowser();
    project.provide('e2eStack', null);
    return undefined;
  }

  const mail = await startMailSink();
  const dataDir = await mkdtemp(join(tmpdir(), 'lapata-e2e-'));
  // Run as root, the embedded PostgreSQL runs as the postgres user, which must reach its folder.
  await chmod(dataDir, 0o755);
  // What the API, web and database print goes to a file, shown when the start fails.
  const logFile = join(dataDir, 'stack.log');
  const logStream = createWriteStream(logFile);
  const stack = new Stack({
    dataDir,
    env: isolatedEnv(mail.url),
    // Under `npm test` other suites read the generated Prisma client while this builds: leave it be.
    generate: false,
    startOutput: 'all',
    log: (line) => console.log(`[e2e stack] ${line}`),
    output: (line) => logStream.write(`${line}\n`),
  });
  const closeLog = () => new Promise<void>((resolve) => logStream.end(resolve));

  const stopAndClean = async (stepOutput = '') => {
    await stack.stop();
    await mail.close();
    await closeLog();
    const printed = `${stepOutput}\n${await readFile(logFile, 'utf8')}`.trim();
    await rm(dataDir, { recursive: true, force: true });
    return printed;
  };

  try {
    await stack.start();
    if (!stack.setupToken) throw new Error('The API printed no setup token on a fresh database');
  } catch (error) {
    // A failed build step carries its own output; the API, web and database wrote to the log.
    const stepOutput = (error as { output?: unknown }).output;
    const printed = await stopAndClean(typeof stepOutput === 'string' ? stepOutput : '');
    if (printed) console.error(`Output of the stack:\n${printed}`);
    throw error;
  }

  let failure: Error | undefined;
  void stack.failure.then((error) => {
    failure = error;
    console.error(`[e2e stack] ${error.message}; its output follows when the tests end`);
  });

  project.provide('e2eStack', { webUrl: stack.webUrl, setupToken: stack.setupToken, dataDir, chromiumPath });
  return async () => {
    const printed = await stopAndClean();
    if (failure) console.error(`Output of the stack:\n${printed}`);
  };
}
