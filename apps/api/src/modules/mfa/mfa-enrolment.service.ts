import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@lapata/contracts';
import type {
  MfaStatusResponse,
  RecoveryCodesRegenerateRequest,
  RecoveryCodesResponse,
  TotpConfirmRequest,
  TotpDisableRequest,
  TotpSetupRequest,
  TotpSetupResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { UnauthenticatedError } from '../auth/request-session.interceptor';
import { PasswordConfirmation } from '../auth/password-confirmation';
import { SessionService, type SessionStarted } from '../auth/session.service';
import { InvalidMfaCodeError, MfaRequiredByOrganizationError, MfaStateConflictError } from './mfa.errors';
import { MfaRepository } from './mfa.repository';
import { PasskeyRepository } from './passkey.repository';
import { toPasskeyResponse } from './passkey.mapper';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from './recovery-codes';
import { SecondFactor } from './second-factor';
import { SecondFactorAttempts } from './second-factor-attempts';
import { manualKey, newTotpSecret, otpauthUri, qrCodeDataUrl, verifyTotp } from './totp';

/** The name authenticator apps show above the code. */
const TOTP_ISSUER = 'Lapata';

/**
 * Setting up, replacing and turning off the authenticator app, and the recovery codes. Everything
 * here acts on the signed-in user's own account only, so no organisation permission is involved;
 * every change asks for the current password (and turning off also for a code).
 */
@Injectable()
export class MfaEnrolmentService {
  private readonly logger = new Logger('Mfa');

  constructor(
    private readonly mfa: MfaRepository,
    private readonly passkeys: PasskeyRepository,
    private readonly passwordConfirmation: PasswordConfirmation,
    private readonly secondFactor: SecondFactor,
    private readonly attempts: SecondFactorAttempts,
    private readonly sessions: SessionService,
  ) {}

  async status(actor: Actor): Promise<MfaStatusResponse> {
    const totpEnabled = await this.mfa.isTotpEnabled(actor.userId);
    return {
      totpEnabled,
      recoveryCodesLeft: totpEnabled ? await this.mfa.countUnusedRecoveryCodes(actor.userId) : 0,
      requiredByOrganization: await this.mfa.isRequiredByAnyOrganization(actor.userId),
      passkeys: (await this.passkeys.listForUser(actor.userId)).map(toPasskeyResponse),
    };
  }

  /**
   * A new secret, pending until a code from it is confirmed. With two-step sign-in already on,
   * the current secret keeps working meanwhile (moving to a new phone never leaves the account
   * without a second factor).
   */
  async setupTotp(actor: Actor, request: TotpSetupRequest): Promise<TotpSetupResponse> {
    refuseBeforeChallenge(actor);
    const account = await this.mfa.getAccount(actor.userId);
    await this.passwordConfirmation.confirm(actor.userId, request.currentPassword);
    const secret = newTotpSecret();
    await this.mfa.storePendingSecret(actor.userId, secret);
    const uri = otpauthUri(secret, { issuer: TOTP_ISSUER, label: account.email });
    this.logger.log({ userId: actor.userId, replacing: account.totpEnabled }, 'Authenticator set-up started');
    return { manualKey: manualKey(secret), otpauthUri: uri, qrCodeDataUrl: await qrCodeDataUrl(uri) };
  }

  /**
   * A code from the pending secret turns it on: ten new recovery codes (returned once), a new
   * session that has passed the second factor, and every other session of the user ended, since
   * they were opened without it (or with the old device).
   */
  async confirmTotp(
    actor: Actor,
    request: TotpConfirmRequest,
    client: string | undefined,
  ): Promise<SessionStarted<RecoveryCodesResponse>> {
    refuseBeforeChallenge(actor);
    const account = await this.mfa.getAccount(actor.userId);
    if (!account.pendingTotpSecret) {
      throw new MfaStateConflictError('No set-up is waiting for a code. Start the set-up again.');
    }
    const attempt = await this.attempts.start(actor.userId, client, 'confirm-setup');
    // A new secret has no used steps yet: the old secret's last step says nothing about it.
    const step = await verifyTotp(account.pendingTotpSecret, request.code, { lastUsedStep: null });
    if (step === null) {
      attempt.refused('wrong-code');
      throw new InvalidMfaCodeError();
    }
    await attempt.succeeded('totp');

    const recoveryCodes = newRecoveryCodes();
    const enabled = await this.mfa.enableTotp({
      userId: actor.userId,
      secret: account.pendingTotpSecret,
      usedStep: step,
      recoveryCodeHashes: recoveryCodes.map(hashIssuedCode),
      now: new Date(),
    });
    if (!enabled) throw new MfaStateConflictError('No set-up is waiting for a code. Start the set-up again.');

    const session = await this.sessions.replace(actor.sessionId, { mfaVerified: true });
    const endedSessions = await this.sessions.endAllForUser(actor.userId, { except: session.sessionId });
    this.logger.log(
      { userId: actor.userId, replaced: account.totpEnabled, endedSessions },
      'Two-step sign-in turned on with an authenticator app',
    );
    return { response: { recoveryCodes }, sessionToken: session.token };
  }

  async regenerateRecoveryCodes(actor: Actor, request: RecoveryCodesRegenerateRequest): Promise<string[]> {
    const account = await this.mfa.getAccount(actor.userId);
    if (!account.totpEnabled) {
      throw new MfaStateConflictError('Two-step sign-in is off, so there are no recovery codes to replace.');
    }
    await this.passwordConfirmation.confirm(actor.userId, request.currentPassword);
    const recoveryCodes = newRecoveryCodes();
    await this.mfa.replaceRecoveryCodes(actor.userId, recoveryCodes.map(hashIssuedCode));
    this.logger.log({ userId: actor.userId }, 'Recovery codes replaced');
    return recoveryCodes;
  }

  /**
   * Turns two-step sign-in off: the secret, the recovery codes and the passkeys go. Refused while
   * any organisation of the user requires it (switching organisation would not help).
   */
  async disableTotp(actor: Actor, request: TotpDisableRequest, client: string | undefined): Promise<void> {
    const account = await this.mfa.getAccount(actor.userId);
    if (!account.totpEnabled) throw new MfaStateConflictError('Two-step sign-in is already off.');
    if (await this.mfa.isRequiredByAnyOrganization(actor.userId)) throw new MfaRequiredByOrganizationError();
    await this.passwordConfirmation.confirm(actor.userId, request.currentPassword);

    const attempt = await this.attempts.start(actor.userId, client, 'turn-off');
    const method = await this.secondFactor.consume(account, request.code);
    if (method === null) {
      attempt.refused('wrong-code');
      throw new InvalidMfaCodeError();
    }
    await attempt.succeeded(method);

    await this.mfa.disableTotp(actor.userId);
    // Passkeys only ever answer the challenge that the authenticator app brings; they go with it.
    await this.passkeys.deleteAllOfUser(actor.userId);
    this.logger.log({ userId: actor.userId, method }, 'Two-step sign-in turned off');
  }
}

/**
 * Setting up is for sessions that passed their second factor or have none yet. A session still
 * owing the challenge has proved only the password: letting it set up a new app would let anyone
 * with the password replace the owner's second factor.
 */
function refuseBeforeChallenge(actor: Actor): void {
  if (actor.mfa === 'challenge') {
    throw new UnauthenticatedError(ErrorCode.MfaRequired, 'Enter the code from your authenticator app to continue.');
  }
}

function hashIssuedCode(code: string): string {
  return hashRecoveryCode(normaliseRecoveryCode(code)!);
}
