import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from './generated/prisma/client';

export interface ConnectionPoolOptions {
  /** Most connections the pool opens (pg's default: 10). */
  max?: number;
  /** How long an idle connection is kept, in milliseconds. */
  idleTimeoutMillis?: number;
  /** How long to wait for a new connection before failing, in milliseconds. */
  connectionTimeoutMillis?: number;
  /** Shown in pg_stat_activity, to tell Lapata's connections apart. */
  applicationName?: string;
  /**
   * Keep each connection's statements prepared (named by a hash of their SQL), so PostgreSQL parses
   * and plans a query once per connection rather than at every execution. Off for poolers that
   * cannot carry prepared statements between transactions (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements?: boolean;
  /** Connections are replaced after this many seconds (bounds what each one keeps prepared). */
  maxLifetimeSeconds?: number;
}

export interface CreatePrismaClientOptions {
  pool?: ConnectionPoolOptions;
  /** Defaults for interactive transactions (maxWait, timeout, isolationLevel). */
  transactionOptions?: Prisma.PrismaClientOptions['transactionOptions'];
  /** Called when an idle pooled connection fails (e.g. the server restarted); the pool replaces it. */
  onPoolError?: (error: Error) => void;
}

/** A Prisma client talking to PostgreSQL through node-postgres (`@prisma/adapter-pg`). */
export function createPrismaClient(connectionString: string, options: CreatePrismaClientOptions = {}): PrismaClient {
  const { pool = {}, transactionOptions, onPoolError } = options;
  const adapter = new PrismaPg(
    {
      connectionString,
      max: pool.max,
      idleTimeoutMillis: pool.idleTimeoutMillis,
      connectionTimeoutMillis: pool.connectionTimeoutMillis,
      application_name: pool.applicationName,
      maxLifetimeSeconds: pool.maxLifetimeSeconds,
    },
    {
      onPoolError,
      statementNameGenerator: pool.preparedStatements
        ? (query) => `lapata_${createHash('sha256').update(query.sql).digest('base64url').slice(0, 32)}`
        : undefined,
    },
  );
  return new PrismaClient({ adapter, transactionOptions });
}
