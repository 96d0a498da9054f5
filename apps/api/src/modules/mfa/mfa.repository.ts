import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { decryptUserField, encryptUserField } from '../users/user-fields';

export interface MfaAccount {
  userId: string;
  email: string;
  totpEnabled: boolean;
  /** The confirmed secret (base32), when two-step sign-in is on. */
  totpSecret: string | null;
  /** A secret set up but not yet confirmed. */
  pendingTotpSecret: string | null;
  lastUsedStep: number | null;
}

/** Account data: the users and recovery_codes tables have no row-level security, reached by the user's own id. */
@Injectable()
export class MfaRepository {
  constructor(
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  async getAccount(userId: string): Promise<MfaAccount> {
    const user = await this.db.tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        emailEnc: true,
        totpSecretEnc: true,
        totpPendingSecretEnc: true,
        totpEnabledAt: true,
        totpLastUsedStep: true,
      },
    });
    const keys = this.config.keys;
    return {
      userId,
      email: decryptUserField(keys, userId, 'email_enc', user.emailEnc),
      totpEnabled: user.totpEnabledAt !== null,
      totpSecret:
        user.totpEnabledAt && user.totpSecretEnc
          ? decryptUserField(keys, userId, 'totp_secret_enc', user.totpSecretEnc)
          : null,
      pendingTotpSecret: user.totpPendingSecretEnc
        ? decryptUserField(keys, userId, 'totp_pending_secret_enc', user.totpPendingSecretEnc)
        : null,
      lastUsedStep: user.totpLastUsedStep === null ? null : Number(user.totpLastUsedStep),
    };
  }

  async isTotpEnabled(userId: string): Promise<boolean> {
    const user = await this.db.tx.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } });
    return user.totpEnabledAt !== null;
  }

  /** Replaces any earlier pending secret; a confirmed one stays in use until the new one is confirmed. */
  async storePendingSecret(userId: string, secret: string): Promise<void> {
    await this.db.tx.user.update({
      where: { id: userId },
      data: { totpPendingSecretEnc: encryptUserField(this.config.keys, userId, 'totp_pending_secret_enc', secret) },
    });
  }

  /**
   * Makes `secret` (the one the confirming code was checked against) the user's confirmed one,
   * with `usedStep` as its last used step, and replaces every recovery code. Returns false, writing
   * nothing, when no set-up is pending any more: a simultaneous confirmation won.
   */
  async enableTotp(input: {
    userId: string;
    secret: string;
    usedStep: number;
    recoveryCodeHashes: string[];
    now: Date;
  }): Promise<boolean> {
    const { userId, secret, usedStep, now } = input;
    const { count } = await this.db.tx.user.updateMany({
      where: { id: userId, totpPendingSecretEnc: { not: null } },
      data: {
        totpSecretEnc: encryptUserField(this.config.keys, userId, 'totp_secret_enc', secret),
        totpPendingSecretEnc: null,
        totpEnabledAt: now,
        totpLastUsedStep: BigInt(usedStep),
      },
    });
    if (count !== 1) return false;
    await this.replaceRecoveryCodes(userId, input.recoveryCodeHashes);
    return true;
  }

  /**
   * Records `step` as used, only if it is later than the last used one. Concurrent requests with
   * the same code wait on the row lock and then see the new value, so exactly one succeeds.
   */
  async consumeTotpStep(userId: string, step: number): Promise<boolean> {
    const { count } = await this.db.tx.user.updateMany({
      where: {
        id: userId,
        totpEnabledAt: { not: null },
        OR: [{ totpLastUsedStep: null }, { totpLastUsedStep: { lt: BigInt(step) } }],
      },
      data: { totpLastUsedStep: BigInt(step) },
    });
    return count === 1;
  }

  async disableTotp(userId: string): Promise<void> {
    await this.db.tx.user.update({
      where: { id: userId },
      data: { totpSecretEnc: null, totpPendingSecretEnc: null, totpEnabledAt: null, totpLastUsedStep: null },
    });
    await this.db.tx.recoveryCode.deleteMany({ where: { userId } });
  }

  /** The old codes stop working at once. */
  async replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<void> {
    await this.db.tx.recoveryCode.deleteMany({ where: { userId } });
    await this.db.tx.recoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ userId, codeHash })) });
  }

  /** Marks the unused code with this hash as used; false when there is none (wrong, or used before). */
  async consumeRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const { count } = await this.db.tx.recoveryCode.updateMany({
      where: { userId, codeHash, usedAt: null },
      data: { usedAt: now },
    });
    return count === 1;
  }

  countUnusedRecoveryCodes(userId: string): Promise<number> {
    return this.db.tx.recoveryCode.count({ where: { userId, usedAt: null } });
  }

  /** Whether any organisation the user is a live member of requires two-step sign-in. */
  async isRequiredByAnyOrganization(userId: string): Promise<boolean> {
    const membership = await this.db.tx.membership.findFirst({
      where: { userId, disabledAt: null, organization: { requireMfa: true } },
      select: { id: true },
    });
    return membership !== null;
  }

  async getOrganizationRequirement(organizationId: string): Promise<boolean> {
    const organization = await this.db.tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { requireMfa: true },
    });
    return organization.requireMfa;
  }

  /** The organisation's version moves on, so an edit made from an older read of it is refused. */
  async setOrganizationRequirement(organizationId: string, required: boolean): Promise<void> {
    await this.db.tx.organization.update({
      where: { id: organizationId },
      data: { requireMfa: required, version: { increment: 1 } },
    });
  }

  countMembersWithoutMfa(organizationId: string): Promise<number> {
    return this.db.tx.membership.count({
      where: { organizationId, disabledAt: null, user: { status: 'ACTIVE', totpEnabledAt: null } },
    });
  }
}
