import { Injectable, Logger } from '@nestjs/common';
import type { LoginRequest, LoginResponse, MembershipSummary, SessionResponse } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { RateLimitedError } from '../../common/errors/api-error';
import { DatabaseContext } from '../../database/database-context';
import { AccountRepository, type AccountMembership } from './account.repository';
import { InvalidCredentialsError } from './auth.errors';
import type { ClientInfo } from './client-info';
import { PasswordSignIn, type CredentialRefusal } from './password-sign-in';
import { SessionService, mfaState, type SessionStarted } from './session.service';

type LoginOutcome = CredentialRefusal | 'success' | 'rate-limited';

/** Signing in with email and password, and telling a session who it belongs to. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);

  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwordSignIn: PasswordSignIn,
    private readonly sessions: SessionService,
    private readonly db: DatabaseContext,
  ) {}

  /**
   * Starts a NEW session (a new id and token; `previousToken`'s session, if any, ends) in the
   * requested organisation when the user belongs to it, else in their first one. Unknown address,
   * wrong password and disabled account answer the same, after the same work.
   */
  async login(
    request: LoginRequest,
    client: ClientInfo,
    previousToken: string | undefined,
  ): Promise<SessionStarted<LoginResponse>> {
    const attempt = this.passwordSignIn.attempt(request.email, client.address);
    try {
      await attempt.count();
    } catch (error) {
      if (error instanceof RateLimitedError) this.logAttempt('rate-limited', attempt.client);
      throw error;
    }

    const { account, refusal } = await this.passwordSignIn.check(request.email, request.password);
    if (refusal) {
      this.logAttempt(refusal, attempt.client, account?.id);
      throw new InvalidCredentialsError();
    }
    await attempt.succeeded();

    await this.db.actAs({ userId: account.id, organizationId: null });
    const memberships = await this.accounts.findMemberships(account.id);
    const active = memberships.find((m) => m.organizationId === request.organizationId) ?? memberships[0] ?? null;

    const { token } = await this.sessions.start(
      { userId: account.id, activeOrganizationId: active?.organizationId ?? null, userAgent: client.userAgent },
      previousToken,
    );
    this.logAttempt('success', attempt.client, account.id);
    return {
      sessionToken: token,
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
