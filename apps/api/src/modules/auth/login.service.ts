import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { LoginRequest, LoginResponse, MembershipSummary, SessionResponse } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { RateLimitedError } from '../../common/errors/api-error';
import { RateLimitRules } from '../../common/rate-limit/rate-limit-rules';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { DatabaseContext } from '../../database/database-context';
import { PasswordHasher } from '../users/password-hasher';
import { AccountRepository, type AccountMembership } from './account.repository';
import { InvalidCredentialsError } from './auth.errors';
import type { ClientInfo } from './client-info';
import { SessionService, mfaState } from './session.service';

type LoginOutcome = 'success' | 'unknown-account' | 'wrong-password' | 'disabled' | 'rate-limited';

/** Signing in with email and password, and telling a session who it belongs to. */
@Injectable()
export class LoginService implements OnModuleInit {
  private readonly logger = new Logger(LoginService.name);
  /** Verified against when no account uses the address, so both answers cost one Argon2 verification. */
  private decoyHash = '';

  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly rateLimiter: RateLimiter,
    private readonly db: DatabaseContext,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await this.passwords.hash(randomBytes(32).toString('base64url'));
  }

  /**
   * Starts a NEW session (a new id and token; `previousToken`'s session, if any, ends) in the
   * requested organisation when the user belongs to it, else in their first one. Unknown address,
   * wrong password and disabled account answer the same, after the same work.
   */
  async login(
    request: LoginRequest,
    client: ClientInfo,
    previousToken: string | undefined,
  ): Promise<{ response: LoginResponse; token: string }> {
    const accountLimit = { rule: RateLimitRules.loginPerAccount, subject: this.rateLimiter.emailSubject(request.email) };
    const addressLimit = { rule: RateLimitRules.loginPerAddress, subject: this.rateLimiter.clientSubject(client.address) };
    try {
      await this.rateLimiter.consume(accountLimit, addressLimit);
    } catch (error) {
      if (error instanceof RateLimitedError) this.logAttempt('rate-limited', addressLimit.subject);
      throw error;
    }

    const account = await this.accounts.findByEmail(request.email);
    const passwordRight = await this.passwords.verify(account?.passwordHash ?? this.decoyHash, request.password);
    if (!account || !passwordRight || !account.active) {
      const outcome = !account ? 'unknown-account' : !passwordRight ? 'wrong-password' : 'disabled';
      this.logAttempt(outcome, addressLimit.subject, account?.id);
      throw new InvalidCredentialsError();
    }
    await this.rateLimiter.clear(accountLimit);
    await this.rateLimiter.giveBack(addressLimit);

    await this.db.actAs({ userId: account.id, organizationId: null });
    const memberships = await this.accounts.findMemberships(account.id);
    const active = memberships.find((m) => m.organizationId === request.organizationId) ?? memberships[0] ?? null;

    if (previousToken) await this.sessions.endByToken(previousToken);
    const { token } = await this.sessions.start({
      userId: account.id,
      activeOrganizationId: active?.organizationId ?? null,
      mfaVerified: false,
      userAgent: client.userAgent,
    });
    this.logAttempt('success', addressLimit.subject, account.id);
    return {
      token,
      response: {
        mfa: mfaState({ userHasTotp: account.hasTotp, mfaVerifiedAt: null }, active?.requireMfa ?? false),
        activeOrganizationId: active?.organizationId ?? null,
        organizations: memberships.map(toSummary),
      },
    };
  }

  /** Who the session belongs to, where it works, and whether its second factor is done. */
  async describe(actor: Actor): Promise<SessionResponse> {
    const account = await this.accounts.getById(actor.userId);
    const memberships = (await this.accounts.findMemberships(actor.userId)).map(toSummary);
    return {
      userId: actor.userId,
      displayName: await this.accounts.getDisplayName(actor.userId),
      locale: account.locale,
      mfa: actor.mfa,
      activeOrganization: memberships.find((m) => m.organizationId === actor.organizationId) ?? null,
      organizations: memberships,
    };
  }

  /** Never the email or the password: the outcome, the account once known, and the hashed address. */
  private logAttempt(outcome: LoginOutcome, client: string, userId?: string): void {
    const attempt = { outcome, userId, client };
    if (outcome === 'success') this.logger.log({ loginAttempt: attempt }, 'Sign-in attempt');
    else this.logger.warn({ loginAttempt: attempt }, 'Sign-in attempt refused');
  }
}

function toSummary(membership: AccountMembership): MembershipSummary {
  return { organizationId: membership.organizationId, name: membership.name, role: membership.role };
}
