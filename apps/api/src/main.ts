import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError } from './config/app-config';
import { createApp } from './create-app';

/** Open requests get this long to finish after SIGINT/SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  const app = await createApp(config);
  const logger = app.get(Logger);
  for (const warning of config.keyWarnings) logger.warn(warning, 'Keys');
  stopOnSignals(app, logger);

  await app.listen(config.port, config.host);
  logger.log(`Listening on http://${config.host}:${config.port}`, 'Lapata');
}

/**
 * Nest's own shutdown hooks re-raise the signal after closing, which ends the process with 130 or
 * 143; a supervisor (npm start, Docker) should see a clean 0 after a requested stop.
 */
function stopOnSignals(app: NestExpressApplication, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, stopping`, 'Lapata');
    setTimeout(() => {
      logger.error('Open requests did not finish in time; exiting', 'Lapata');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('Lapata API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
