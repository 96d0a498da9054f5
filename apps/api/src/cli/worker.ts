// `npm run worker`: the job worker (hearing reminders) on its own, without HTTP. Runs rounds every
// LAPATA_WORKER_POLL_SECONDS until SIGINT/SIGTERM; any number of these and of API processes may
// run on one database (see docs/reminders.md). Reads the same settings as the API.
import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger, LoggerModule } from 'nestjs-pino';
import { createRootLogger, serializers } from '../common/logging/logger';
import { AppConfig, ConfigError } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { AccessModule } from '../access/access.module';
import { DatabaseModule } from '../database/database.module';
import { AuditModule } from '../modules/audit/audit.module';
import { RemindersModule } from '../modules/reminders/reminders.module';

@Module({})
class WorkerModule {
  static register(config: AppConfig, logger: ReturnType<typeof createRootLogger>): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.register(config),
        LoggerModule.forRoot({ pinoHttp: { logger, wrapSerializers: false, serializers }, useExisting: true }),
        DatabaseModule,
        AccessModule,
        AuditModule,
        RemindersModule,
      ],
    };
  }
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    // This process exists to run the worker, whatever LAPATA_WORKER says for the API processes.
    config = AppConfig.fromEnv({ ...process.env, LAPATA_WORKER: 'on' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message.replace('Lapata API cannot start', 'Lapata worker cannot start'));
    process.exit(1);
  }
  const rootLogger = createRootLogger({ level: config.logLevel, pretty: config.nodeEnv === 'development' });
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, rootLogger), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  await app.init();

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, stopping after the current round`, 'Worker');
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
  // The worker's timer is unref'd (it must not hold an API process open); this keeps this one alive.
  setInterval(() => {}, 1 << 30);
}

main().catch((error: unknown) => {
  console.error('Lapata worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
