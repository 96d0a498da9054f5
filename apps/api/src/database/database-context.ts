import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { type DatabaseSession, type DatabaseTransaction, PrismaClient, withDatabaseSession } from '@lapata/db';

/**
 * The request's one database transaction. `run` opens it (setting who acts, for row-level
 * security) and every repository reads it through `tx`, so all queries of a use case — and the
 * audit event that records them — commit or roll back together.
 */
@Injectable()
export class DatabaseContext {
  private readonly storage = new AsyncLocalStorage<{ tx: DatabaseTransaction; requestId?: string }>();

  constructor(private readonly prisma: PrismaClient) {}

  run<T>(session: DatabaseSession, fn: () => Promise<T>, options?: { timeout?: number; requestId?: string }): Promise<T> {
    if (this.storage.getStore()) return fn();
    const requestId = options?.requestId;
    return withDatabaseSession(this.prisma, session, (tx) => this.storage.run({ tx, requestId }, fn), {
      timeout: options?.timeout ?? 15_000,
      maxWait: 5_000,
    });
  }

  get tx(): DatabaseTransaction {
    const store = this.storage.getStore();
    if (!store) throw new Error('No database session is open: wrap the use case in DatabaseContext.run');
    return store.tx;
  }

  /** The id of the HTTP request this transaction serves, for the audit trail. */
  get requestId(): string | undefined {
    return this.storage.getStore()?.requestId;
  }

  get inSession(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * Changes who the open transaction acts for. Used where the acting organisation is only known
   * inside the use case (setup creates it; a case opened through a grant belongs to another one).
   */
  async actAs(session: DatabaseSession): Promise<void> {
    await this.tx
      .$queryRaw`select set_config('app.organization_id', ${session.organizationId ?? ''}, true), set_config('app.user_id', ${session.userId ?? ''}, true)`;
  }
}
