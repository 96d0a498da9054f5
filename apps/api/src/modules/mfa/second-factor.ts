import { Injectable } from '@nestjs/common';
import { MfaRepository, type MfaAccount } from './mfa.repository';
import type { SecondFactorMethod } from './second-factor-attempts';
import { hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { verifyTotp } from './totp';

/** Checks a code from the authenticator app or a recovery code, and uses it up: each works once. */
@Injectable()
export class SecondFactor {
  constructor(private readonly mfa: MfaRepository) {}

  /** How the code proved the second factor, or null when it is wrong or was used before. */
  async consume(account: MfaAccount, code: string, now = new Date()): Promise<Exclude<SecondFactorMethod, 'passkey'> | null> {
    if (!account.totpSecret) return null;
    if (/^\d{6}$/.test(code)) {
      const step = await verifyTotp(account.totpSecret, code, { lastUsedStep: account.lastUsedStep, now });
      return step !== null && (await this.mfa.consumeTotpStep(account.userId, step)) ? 'totp' : null;
    }
    const recoveryCode = normaliseRecoveryCode(code);
    if (recoveryCode === null) return null;
    return (await this.mfa.consumeRecoveryCode(account.userId, hashRecoveryCode(recoveryCode), now)) ? 'recovery_code' : null;
  }
}
