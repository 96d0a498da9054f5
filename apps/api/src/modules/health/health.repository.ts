import { Injectable } from '@nestjs/common';
import { findPendingMigrations, PrismaClient } from '@lapata/db';

@Injectable()
export class HealthRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Fails when the database does not answer. */
  async pendingMigrationCount(): Promise<number> {
    const pending = await findPendingMigrations({ prisma: this.prisma });
    return pending.length;
  }
}
