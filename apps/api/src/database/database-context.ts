import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { type DatabaseSession, type DatabaseTransaction, PrismaClient, withDatabaseSession } from '@lapata/db';

interface OpenTransaction {
  tx: DatabaseTransaction;
  requestId?: string;
  /** Work queued for the end of the use case, by key: see `beforeCommit`. */
  beforeCommit: Map<string, (tx: DatabaseTransaction) => Promise<void>>;
  /** Values read once per transaction, by key: see `once`. */
  remembered: Map<string, Promise<unknown>>;
}

/**
 * The request's one database transaction. `run` opens it (setting who acts, for row-level
 * security) and every repository reads it through `tx`, so all queries of a use case — and the
 * audit events that record them — commit or roll back together.
 */
@Injectable()
export class DatabaseContext {
  private readonly storage = new AsyncLocalStorage<OpenTransaction>();

  constructor(private readonly prisma: PrismaClient) {}

  run<T>(session: DatabaseSession, fn: () => Promise<T>, options?: { timeout?: number; requestId?: string }): Promise<T> {
    if (this.storage.getStore()) return fn();
    const requestId = options?.requestId;
    return withDatabaseSession(
      this.prisma,
      session,
      (tx) => {
        const open: OpenTransaction = { tx, requestId, beforeCommit: new Map(), remembered: new Map() };
        return this.storage.run(open, async () => {
          const result = await fn();
          await runQueued(open);
          return result;
        });
      },
      { timeout: options?.timeout ?? 15_000, maxWait: 5_000 },
    );
  }

  /**
   * What `load` gives, loaded once per transaction under `key` and never kept beyond it (for the
   * keys a request unwraps: several use cases in one request need them, the next request reads them
   * afresh). Whoever changes what was loaded calls `forget`.
   */
  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const open = this.storage.getStore();
    if (!open) throw new Error('No database session is open: wrap the use case in DatabaseContext.run');
    const known = open.remembered.get(key);
    if (known) return known as Promise<T>;
    const loading = load();
    open.remembered.set(key, loading);
    loading.catch(() => open.remembered.delete(key));
    return loading;
  }

  forget(key: string): void {
    this.storage.getStore()?.remembered.delete(key);
  }

  /**
   * Queues `task` to run once, in this transaction, after the use case has finished and just before
   * COMMIT (or before `actAs` changes who the transaction acts for). Queuing again under the same
   * key while it waits does nothing. The audit trail uses it to append all of a request's events at
   * once, holding its per-organisation lock only for that last instant.
   */
  beforeCommit(key: string, task: (tx: DatabaseTransaction) => Promise<void>): void {
    const open = this.storage.getStore();
    if (!open) throw new Error('No database session is open: wrap the use case in DatabaseContext.run');
    if (!open.beforeCommit.has(key)) open.beforeCommit.set(key, task);
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
   * The rest of the transaction's statements are planned for the values they are sent with, not
   * with the generic plan a prepared statement settles on after a few runs. For a query whose best
   * plan depends on its values (how many cases the user holds, how wide a date range is): its
   * generic plan can be many times slower on a large database.
   */
  async planForActualValues(): Promise<void> {
    await this.tx.$executeRaw`set local plan_cache_mode = force_custom_plan`;
  }

  /**
   * Changes who the open transaction acts for. Used where the acting organisation is only known
   * inside the use case (setup creates it; a case opened through a grant belongs to another one).
   */
  async actAs(session: DatabaseSession): Promise<void> {
    const open = this.storage.getStore();
    if (open) await runQueued(open);
    await this.tx
      .$queryRaw`select set_config('app.organization_id', ${session.organizationId ?? ''}, true), set_config('app.user_id', ${session.userId ?? ''}, true)`;
  }
}

async function runQueued(open: OpenTransaction): Promise<void> {
  while (open.beforeCommit.size > 0) {
    const [key, task] = open.beforeCommit.entries().next().value!;
    open.beforeCommit.delete(key);
    await task(open.tx);
  }
}
