import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@lapata/db';

/** The rate limiter's own Prisma client and pool (see RateLimitModule). */
export const RATE_LIMIT_DATABASE = Symbol('RateLimitDatabase');

/**
 * Buckets live in PostgreSQL so that every API instance counts together. These queries run on a
 * client of their own, outside the request's transaction, on purpose: a failed sign-in rolls its
 * request back, and the attempt must still be counted. The table holds no tenant data (keys are
 * keyed hashes), so no row-level security applies.
 */
@Injectable()
export class RateLimitRepository {
  constructor(@Inject(RATE_LIMIT_DATABASE) private readonly prisma: PrismaClient) {}

  /**
   * Counts one attempt in the bucket's current window, starting a new window when the last one
   * has ended; returns the count. One statement, so concurrent attempts cannot slip past the limit.
   */
  async hit(key: string, windowMs: number): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO rate_limit_buckets (key, count, reset_at)
      VALUES (${key}, 1, now() + ${windowMs}::integer * interval '1 millisecond')
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limit_buckets.reset_at <= now() THEN 1 ELSE rate_limit_buckets.count + 1 END,
        reset_at = CASE WHEN rate_limit_buckets.reset_at <= now() THEN excluded.reset_at ELSE rate_limit_buckets.reset_at END
      RETURNING count`;
    return row!.count;
  }

  /** Gives one attempt back (one that turned out to be legitimate). */
  async giveBack(key: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE rate_limit_buckets SET count = greatest(count - 1, 0) WHERE key = ${key} AND reset_at > now()`;
  }

  async clear(key: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM rate_limit_buckets WHERE key = ${key}`;
  }

  async deleteEnded(): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM rate_limit_buckets WHERE reset_at <= now()`;
  }
}
