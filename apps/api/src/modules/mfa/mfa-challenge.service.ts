import { Injectable } from '@nestjs/common';
import type { MfaChallengeRequest, MfaChallengeResponse } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { SessionService, type SessionStarted } from '../auth/session.service';
import { InvalidMfaCodeError, requireChallengeState } from './mfa.errors';
import { MfaRepository } from './mfa.repository';
import { SecondFactor } from './second-factor';
import { SecondFactorAttempts } from './second-factor-attempts';

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
@Injectable()
export class MfaChallengeService {
  constructor(
    private readonly mfa: MfaRepository,
    private readonly secondFactor: SecondFactor,
    private readonly attempts: SecondFactorAttempts,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Checks the code and, when right, replaces the session with one that passed the second factor
   * (a new id and token: the half-signed-in token stops working). Attempts are limited per account
   * and per client address; failures are logged without the code.
   */
  async answer(
    actor: Actor,
    request: MfaChallengeRequest,
    client: string | undefined,
  ): Promise<SessionStarted<MfaChallengeResponse>> {
    requireChallengeState(actor);

    const attempt = await this.attempts.start(actor.userId, client, 'sign-in');
    const account = await this.mfa.getAccount(actor.userId);
    const method = await this.secondFactor.consume(account, request.code);
    if (method === null) {
      attempt.refused('wrong-code');
      throw new InvalidMfaCodeError();
    }
    await attempt.succeeded(method);

    const session = await this.sessions.replace(actor.sessionId, { mfaVerified: true });
    const response: MfaChallengeResponse =
      method === 'recovery_code'
        ? { mfa: 'satisfied', recoveryCodesLeft: await this.mfa.countUnusedRecoveryCodes(actor.userId) }
        : { mfa: 'satisfied' };
    return { response, sessionToken: session.token };
  }
}
