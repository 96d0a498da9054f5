import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestDatabase, type TestDatabase } from '@lapata/db/testing';
import { vi } from 'vitest';
import { AppModule } from '../app.module';
import { createRootLogger } from '../common/logging/logger';
import { AppConfig } from '../config/app-config';
import { initialiseApp } from '../create-app';
import { testKeyEnv } from './test-env';

/** Every JSON line the application logged. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });

  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }
}

export interface TestApp {
  app: NestExpressApplication;
  http: Server;
  database: TestDatabase;
  config: AppConfig;
  logs: LogCapture;
  /** What the application wrote straight to standard output while starting (the setup banner). */
  printed: string;
  close(): Promise<void>;
}

export interface StartTestAppOptions {
  /** Settings on top of the test defaults (its own database, fresh keys, NODE_ENV=test). */
  env?: NodeJS.ProcessEnv;
  /** Start on this database instead of a fresh one (e.g. to restart an application); not dropped by close(). */
  database?: TestDatabase;
  /** Wraps AppModule, e.g. to add a test controller next to the real modules. */
  wrap?: (appModule: DynamicModule) => DynamicModule;
}

/** The real AppModule and HTTP pipeline on a database of this test's own. */
export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.appConnectionString,
    ...testKeyEnv(),
    ...options.env,
  });
  const logs = new LogCapture();
  const rootLogger = createRootLogger({ level: config.logLevel, pretty: false }, logs.stream);
  const appModule = AppModule.register(config, rootLogger);

  let printed = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  let app: NestExpressApplication;
  try {
    app = await initialiseApp(options.wrap ? options.wrap(appModule) : appModule, config, rootLogger);
  } finally {
    stdout.mockRestore();
  }

  return {
    app,
    http: app.getHttpServer() as Server,
    database,
    config,
    logs,
    printed,
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}

/** The token in the setup banner, or undefined when none was printed. */
export function printedSetupToken(printed: string): string | undefined {
  return /enter this one-time setup token:\s+(\S+)/.exec(printed)?.[1];
}
