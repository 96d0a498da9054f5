import { Injectable, Logger } from '@nestjs/common';
import type { BlindIndex } from '@lapata/crypto';
import { normaliseEmail } from '@lapata/crypto';
import { AppConfig } from '../../config/app-config';
import { RateLimitedError } from '../errors/api-error';
import type { RateLimitRule } from './rate-limit-rules';
import { RateLimitRepository } from './rate-limit.repository';

/**
 * Who a limit counts against: a keyed hash (HMAC with the installation's blind-index key) of an
 * account or a client address, never the email or the address itself. Also what logs name.
 */
export type RateLimitSubject = string & { readonly __rateLimitSubject: true };

export interface RateLimitCheck {
  rule: RateLimitRule;
  subject: RateLimitSubject;
}

/** Ended buckets are swept at most this often (per API instance). */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Fixed-window limits shared by every API instance (see RateLimitRules). Use: `consume` before
 * checking a secret (it throws 429 RATE_LIMITED once a bucket is full, with the same neutral message
 * whether or not the account exists), then `giveBack` or `clear` when the secret was right.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly subjects: BlindIndex;
  private lastSweep = 0;

  constructor(
    private readonly buckets: RateLimitRepository,
    config: AppConfig,
  ) {
    this.subjects = config.keys.blindIndex.forAccounts();
  }

  /** The account an email address names, whether or not an account uses it. */
  emailSubject(email: string): RateLimitSubject {
    return this.subject(`email:${normaliseEmail(email) ?? ''}`);
  }

  userSubject(userId: string): RateLimitSubject {
    return this.subject(`user:${userId}`);
  }

  /** The client's address as Express sees it (`TRUST_PROXY` decides whether proxies are believed). */
  clientSubject(address: string | undefined): RateLimitSubject {
    return this.subject(`client:${address ?? 'unknown'}`);
  }

  /**
   * Counts one attempt against every check and throws RateLimitedError when any bucket is past its
   * limit. Every bucket is counted even when an earlier one is full.
   */
  async consume(...checks: RateLimitCheck[]): Promise<void> {
    await this.sweepNowAndThen();
    const counts = await Promise.all(checks.map(({ rule, subject }) => this.buckets.hit(key(rule, subject), rule.windowMs)));
    const full = checks.filter((check, index) => counts[index]! > check.rule.limit);
    if (full.length > 0) {
      this.logger.warn({ rateLimited: full.map((check) => ({ rule: check.rule.name, subject: check.subject })) }, 'Rate limit reached');
      throw new RateLimitedError();
    }
  }

  /** Takes back one counted attempt from each bucket (the attempt was legitimate). */
  async giveBack(...checks: RateLimitCheck[]): Promise<void> {
    for (const { rule, subject } of checks) await this.buckets.giveBack(key(rule, subject));
  }

  /** Empties the buckets, e.g. an account's failed sign-ins once the right password was given. */
  async clear(...checks: RateLimitCheck[]): Promise<void> {
    for (const { rule, subject } of checks) await this.buckets.clear(key(rule, subject));
  }

  private subject(value: string): RateLimitSubject {
    return this.subjects.value('rate-limit', value).toString('base64url') as RateLimitSubject;
  }

  private async sweepNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    await this.buckets.deleteEnded();
  }
}

function key(rule: RateLimitRule, subject: RateLimitSubject): string {
  return `${rule.name}:${subject}`;
}
