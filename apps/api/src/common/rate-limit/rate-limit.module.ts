import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, type PrismaClient } from '@lapata/db';
import { AppConfig } from '../../config/app-config';
import { RATE_LIMIT_DATABASE, RateLimitRepository } from './rate-limit.repository';
import { RateLimiter } from './rate-limiter';

const logger = new Logger('RateLimitDatabase');

@Injectable()
class RateLimitDatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_DATABASE) private readonly prisma: PrismaClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

/**
 * The limiter counts outside the request's transaction, on a small pool of its own: were it to
 * borrow from the main pool, a burst of sign-ins, each holding its transaction's connection while
 * waiting for a second one, could exhaust the pool and stall the API.
 */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_DATABASE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        createPrismaClient(config.databaseUrl, {
          pool: { max: 3, connectionTimeoutMillis: 5_000, applicationName: 'lapata-api-rate-limit' },
          onPoolError: (error) => logger.warn({ err: error }, 'An idle rate-limit database connection failed'),
        }),
    },
    RateLimitDatabaseLifecycle,
    RateLimitRepository,
    RateLimiter,
  ],
  exports: [RateLimiter],
})
export class RateLimitModule {}
