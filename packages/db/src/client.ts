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
    },
    { onPoolError },
  );
  return new PrismaClient({ adapter, transactionOptions });
}
