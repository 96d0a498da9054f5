import { Injectable, Logger } from '@nestjs/common';
import { HealthRepository } from './health.repository';

/** A readiness probe that hangs is as bad as a failing one: give up after this long. */
const READY_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(private readonly health: HealthRepository) {}

  /** Ready: the database answers and every migration in prisma/migrations has been applied. */
  async isReady(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`No answer from the database within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    });
    try {
      const pending = await Promise.race([this.health.pendingMigrationCount(), timeout]);
      if (pending > 0) this.logger.warn(`Not ready: ${pending} migration(s) not applied (npm run db:migrate)`);
      return pending === 0;
    } catch (error) {
      // The probe answers "not ready"; the cause is for the operator, in the log.
      this.logger.warn({ err: error }, 'Not ready: the database cannot be reached');
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
