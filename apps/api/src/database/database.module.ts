import { Global, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, PrismaClient } from '@lapata/db';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from './database-context';

/** Closes the connection pool when the application stops (SIGINT/SIGTERM or app.close()). */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly prisma: PrismaClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

const logger = new Logger('Database');

/**
 * One Prisma client (and pool) for the application, injectable as `PrismaClient`. Only
 * repositories inject it.
 */
@Global()
@Module({
  providers: [
    {
      provide: PrismaClient,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        createPrismaClient(config.databaseUrl, {
          pool: { applicationName: 'lapata-api', preparedStatements: config.databasePreparedStatements, maxLifetimeSeconds: 3600 },
          onPoolError: (error) => logger.warn({ err: error }, 'An idle database connection failed'),
        }),
    },
    DatabaseLifecycle,
    DatabaseContext,
  ],
  exports: [PrismaClient, DatabaseContext],
})
export class DatabaseModule {}
