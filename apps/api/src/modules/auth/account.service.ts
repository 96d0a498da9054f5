import { Injectable, Logger } from '@nestjs/common';
import type { AccountSessionListResponse, EndedSessionsResponse, PasswordChangeRequest } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { NotFoundError } from '../../common/errors/api-error';
import { PasswordHasher } from '../users/password-hasher';
import { AccountRepository } from './account.repository';
import { PasswordConfirmation } from './password-confirmation';
import { PasswordPolicy } from './password-policy';
import { PasswordResetRepository } from './password-reset.repository';
import { SessionService } from './session.service';
import { describeUserAgent } from './user-agent';

/** A signed-in user's own sessions and password. Account data: no organisation permission applies. */
@Injectable()
export class AccountService {
  private readonly logger = new Logger(AccountService.name);

  constructor(
    private readonly sessions: SessionService,
    private readonly accounts: AccountRepository,
    private readonly resets: PasswordResetRepository,
    private readonly passwords: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly confirmation: PasswordConfirmation,
  ) {}

  async listSessions(actor: Actor): Promise<AccountSessionListResponse> {
    const sessions = await this.sessions.listForUser(actor.userId);
    return {
      sessions: sessions.map((session) => ({
        id: session.id,
        current: session.id === actor.sessionId,
        device: describeUserAgent(session.userAgent),
        createdAt: session.createdAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
      })),
    };
  }

  /** Ends one of the user's live sessions (this one included); another user's answers 404. */
  async endSession(actor: Actor, sessionId: string): Promise<{ endedCurrent: boolean }> {
    if (!(await this.sessions.endForUser(actor.userId, sessionId))) throw new NotFoundError();
    this.logger.log({ userId: actor.userId, sessionId }, 'Session ended by its user');
    return { endedCurrent: sessionId === actor.sessionId };
  }

  async endOtherSessions(actor: Actor): Promise<EndedSessionsResponse> {
    const ended = await this.sessions.endAllForUser(actor.userId, { except: actor.sessionId });
    this.logger.log({ userId: actor.userId, ended }, 'Other sessions ended by their user');
    return { ended };
  }

  /**
   * Needs the current password. Ends every other session (a thief's included) and uses up any
   * pending reset link; this session goes on.
   */
  async changePassword(actor: Actor, request: PasswordChangeRequest): Promise<void> {
    await this.confirmation.confirm(actor.userId, request.currentPassword);
    await this.policy.check(request.newPassword, 'newPassword');
    await this.accounts.setPasswordHash(actor.userId, await this.passwords.hash(request.newPassword));
    await this.resets.markAllUsedForUser(actor.userId, new Date());
    const ended = await this.sessions.endAllForUser(actor.userId, { except: actor.sessionId });
    this.logger.log({ userId: actor.userId, endedSessions: ended }, 'Password changed');
  }
}
