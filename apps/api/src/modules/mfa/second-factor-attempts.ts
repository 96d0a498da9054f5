import { Injectable, Logger } from '@nestjs/common';
import { RateLimitedError } from '../../common/errors/api-error';
import { RateLimitRules } from '../../common/rate-limit/rate-limit-rules';
import { RateLimiter, type RateLimitCheck } from '../../common/rate-limit/rate-limiter';

/** Why a second factor is being given. */
export type SecondFactorPurpose = 'sign-in' | 'confirm-setup' | 'turn-off';
export type SecondFactorMethod = 'totp' | 'recovery_code' | 'passkey';

/** One attempt at a second factor, counted against the limits until it succeeds. */
export class SecondFactorAttempt {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly logger: Logger,
    private readonly checks: { perAccount: RateLimitCheck; perAddress: RateLimitCheck },
    private readonly context: { purpose: SecondFactorPurpose; userId: string },
  ) {}

  /** Logs the refusal (never the code); the caller answers with its own error. */
  refused(outcome: 'wrong-code' | 'wrong-passkey'): void {
    const method = outcome === 'wrong-passkey' ? 'passkey' : undefined;
    this.logger.warn({ mfaAttempt: { ...this.fields(), outcome, method } }, 'Second factor refused');
  }

  /** A right answer: the account's failures are forgiven, and the address gets its attempt back. */
  async succeeded(method: SecondFactorMethod): Promise<void> {
    await this.limiter.clear(this.checks.perAccount);
    await this.limiter.giveBack(this.checks.perAddress);
    this.logger.log({ mfaAttempt: { ...this.fields(), outcome: 'success', method } }, 'Second factor given');
  }

  fields() {
    return { ...this.context, client: this.checks.perAddress.subject };
  }
}

/**
 * Every answer to a second-factor question (a code, a recovery code, a passkey) is limited per
 * account and per client address (failures count; see RateLimitRules) and logged the same way:
 * the outcome, the user id and the keyed hash of the address.
 */
@Injectable()
export class SecondFactorAttempts {
  private readonly logger = new Logger('Mfa');

  constructor(private readonly limiter: RateLimiter) {}

  /** Counts the attempt; 429 RATE_LIMITED when the account or the address has failed too often. */
  async start(userId: string, client: string | undefined, purpose: SecondFactorPurpose): Promise<SecondFactorAttempt> {
    const checks = {
      perAccount: { rule: RateLimitRules.mfaPerAccount, subject: this.limiter.userSubject(userId) },
      perAddress: { rule: RateLimitRules.mfaPerAddress, subject: this.limiter.clientSubject(client) },
    };
    const attempt = new SecondFactorAttempt(this.limiter, this.logger, checks, { purpose, userId });
    try {
      await this.limiter.consume(checks.perAccount, checks.perAddress);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        this.logger.warn({ mfaAttempt: { ...attempt.fields(), outcome: 'rate-limited' } }, 'Second factor refused');
      }
      throw error;
    }
    return attempt;
  }
}
