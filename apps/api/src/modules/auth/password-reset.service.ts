import { Injectable, Logger } from '@nestjs/common';
import {
  LocaleSchema,
  PASSWORD_RESET_LIFETIME_MINUTES,
  type PasswordResetCompleteRequest,
  type PasswordResetRequest,
  type PasswordResetRequestedResponse,
} from '@lapata/contracts';
import { RateLimitRules } from '../../common/rate-limit/rate-limit-rules';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../config/app-config';
import { MailService } from '../mail/mail.service';
import { passwordResetMail } from '../mail/templates/password-reset';
import { PasswordHasher } from '../users/password-hasher';
import { AccountRepository } from './account.repository';
import { InvalidResetTokenError } from './auth.errors';
import type { ClientInfo } from './client-info';
import { PasswordPolicy } from './password-policy';
import { PasswordResetRepository } from './password-reset.repository';
import { SessionService } from './session.service';
import { hashSecretToken, newSecretToken } from './session-token';

export const PASSWORD_RESET_REQUESTED_MESSAGE = `If an account uses this email address, we have sent it a link to choose a new password. The link works once, for ${PASSWORD_RESET_LIFETIME_MINUTES} minutes.`;

/**
 * Password reset by an emailed single-use link. The request answers the same, in about the same
 * time, whether or not an account uses the address (the mail goes out after the answer). The
 * reset ends every session of the account and signs no one in: the person then signs in as usual,
 * second factor included, so a reset never bypasses MFA.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly accounts: AccountRepository,
    private readonly resets: PasswordResetRepository,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly rateLimiter: RateLimiter,
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  async request(request: PasswordResetRequest, client: ClientInfo): Promise<PasswordResetRequestedResponse> {
    const clientSubject = this.rateLimiter.clientSubject(client.address);
    await this.rateLimiter.consume(
      { rule: RateLimitRules.passwordResetPerAccount, subject: this.rateLimiter.emailSubject(request.email) },
      { rule: RateLimitRules.passwordResetPerAddress, subject: clientSubject },
    );

    const account = await this.accounts.findByEmail(request.email);
    if (!account || !account.active) {
      this.logger.log({ passwordReset: { outcome: 'no-account', client: clientSubject } }, 'Password reset requested');
      return { message: PASSWORD_RESET_REQUESTED_MESSAGE };
    }

    const { token, hash } = newSecretToken();
    await this.resets.create({
      userId: account.id,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + PASSWORD_RESET_LIFETIME_MINUTES * 60_000),
    });
    const locale = LocaleSchema.catch('en').parse(account.locale);
    this.mail.sendInBackground({
      to: request.email,
      ...passwordResetMail({ locale, link: `${this.config.publicUrl}/${locale}/password-reset/${token}` }),
    });
    this.logger.log({ passwordReset: { outcome: 'link-sent', userId: account.id, client: clientSubject } }, 'Password reset requested');
    return { message: PASSWORD_RESET_REQUESTED_MESSAGE };
  }

  async complete(request: PasswordResetCompleteRequest, client: ClientInfo): Promise<void> {
    const clientSubject = this.rateLimiter.clientSubject(client.address);
    await this.rateLimiter.consume({ rule: RateLimitRules.passwordResetCompletionPerAddress, subject: clientSubject });

    const now = new Date();
    const reset = await this.resets.findUsable(hashSecretToken(request.token), now);
    if (!reset || !reset.userActive) {
      this.logger.warn({ passwordReset: { outcome: 'invalid-link', client: clientSubject } }, 'Password reset refused');
      throw new InvalidResetTokenError();
    }
    // Checked before the token is used up, so a refused password can be replaced with the same link.
    await this.policy.check(request.newPassword, 'newPassword');
    const passwordHash = await this.passwords.hash(request.newPassword);
    if (!(await this.resets.markUsed(reset.id, now))) throw new InvalidResetTokenError();

    await this.accounts.setPasswordHash(reset.userId, passwordHash);
    await this.resets.markAllUsedForUser(reset.userId, now);
    const ended = await this.sessions.endAllForUser(reset.userId);
    this.logger.log(
      { passwordReset: { outcome: 'password-set', userId: reset.userId, endedSessions: ended, client: clientSubject } },
      'Password reset completed',
    );
  }
}
