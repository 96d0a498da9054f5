import type { Prisma, PrismaClient } from './generated/prisma/client';

/** Who a request acts for; read by row-level security policies through `current_setting`. */
export interface DatabaseSession {
  organizationId?: string | null;
  userId?: string | null;
}

export type DatabaseTransaction = Prisma.TransactionClient;

export interface DatabaseSessionOptions {
  /** Most time to wait for a pooled connection, in milliseconds (Prisma's default: 2000). */
  maxWait?: number;
  /** Most time the whole session may take, in milliseconds (Prisma's default: 5000). */
  timeout?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

/**
 * Runs `fn` inside ONE interactive transaction whose first statement sets
 * `app.organization_id` and `app.user_id` for row-level security. A session with neither sets
 * nothing: a transaction starts acting for nobody, because no setting of an earlier one outlives it.
 *
 * Open one session per request, around all of that request's queries, not one per query: the
 * transaction holds a pooled connection until it ends, and every query that must see the
 * settings has to run on `tx`, never on the outer client. The settings are transaction-local
 * (`set_config(..., true)`), so they vanish at commit or rollback and cannot leak to whoever
 * borrows the pooled connection next. Throwing from `fn` rolls everything back.
 */
export function withDatabaseSession<T>(
  prisma: PrismaClient,
  session: DatabaseSession,
  fn: (tx: DatabaseTransaction) => Promise<T>,
  options: DatabaseSessionOptions = {},
): Promise<T> {
  const organizationId = session.organizationId ?? '';
  const userId = session.userId ?? '';
  return prisma.$transaction(async (tx) => {
    if (organizationId || userId) {
      await tx.$queryRaw`select set_config('app.organization_id', ${organizationId}, true), set_config('app.user_id', ${userId}, true)`;
    }
    return fn(tx);
  }, options);
}
