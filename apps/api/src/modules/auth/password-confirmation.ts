import { Injectable, Logger } from '@nestjs/common';
import { RateLimitRules } from '../../common/rate-limit/rate-limit-rules';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { PasswordHasher } from '../users/password-hasher';
import { AccountRepository } from './account.repository';
import { WrongCurrentPasswordError } from './auth.errors';

/**
 * The current password asked again before a sensitive change to a signed-in account (its
 * password, its second factor, its recovery codes): a session left open on a shared computer is
 * not enough. Rate-limited per account, so a stolen session cannot guess the password either.
 */
@Injectable()
export class PasswordConfirmation {
  private readonly logger = new Logger(PasswordConfirmation.name);

  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /** Throws 400 naming `field` when the password is wrong, 429 after too many wrong ones. */
  async confirm(userId: string, password: string, field = 'currentPassword'): Promise<void> {
    const limit = { rule: RateLimitRules.passwordConfirmationPerAccount, subject: this.rateLimiter.userSubject(userId) };
    await this.rateLimiter.consume(limit);
    const account = await this.accounts.getById(userId);
    if (!(await this.passwords.verify(account.passwordHash, password))) {
      this.logger.warn({ passwordConfirmation: { outcome: 'wrong-password', userId } }, 'Current password refused');
      throw new WrongCurrentPasswordError(field);
    }
    await this.rateLimiter.clear(limit);
  }
}
