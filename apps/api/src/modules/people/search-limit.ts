import type { Response } from 'express';
import { RateLimitedError } from '../../common/errors/api-error';
import type { RateLimitRule } from '../../common/rate-limit/rate-limit-rules';

/**
 * Exact searches and duplicate checks each tell whether the organisation holds a name or an ID
 * number, so they share one per-user budget: 30 in a fixed window of 10 minutes.
 */
export const CaseSearchRule = { name: 'case-search-user', limit: 30, windowMs: 10 * 60_000 } as const satisfies RateLimitRule;

/**
 * Runs a rate-limited use case and, when it is refused with 429, tells the client when to come back
 * (`Retry-After`, in seconds: the whole window, an upper bound of the fixed window's remainder).
 */
export async function withRetryAfter<T>(response: Response, rule: RateLimitRule, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RateLimitedError) response.setHeader('Retry-After', String(Math.ceil(rule.windowMs / 1000)));
    throw error;
  }
}
