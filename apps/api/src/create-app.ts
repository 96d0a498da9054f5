import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import { securityHeaders } from './common/http/security-headers';
import { createHttpLogger, createRootLogger } from './common/logging/logger';
import type { AppConfig } from './config/app-config';
import { serveOpenApi } from './openapi';

export interface CreateAppOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
}

/** Builds and initialises the whole API; `main.ts` only adds listening and signals. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const rootLogger = createRootLogger(
    { level: config.logLevel, pretty: config.nodeEnv === 'development' },
    options.logDestination,
  );
  return initialiseApp(AppModule.register(config, rootLogger), config, rootLogger);
}

/**
 * Creates a Nest application from `rootModule` (AppModule, or in tests a module that imports it)
 * with the HTTP pipeline every request goes through. The order of the Express middleware below
 * is the order a request meets them.
 */
export async function initialiseApp(
  rootModule: DynamicModule,
  config: AppConfig,
  rootLogger: PinoLogger,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Every answer is `no-store`, so validators would only add a header.
  app.set('etag', false);

  app.use(createHttpLogger(rootLogger));
  app.use(securityHeaders);
  app.useBodyParser('json', { limit: config.bodyLimit });
  serveOpenApi(app);

  await app.init();
  return app;
}
