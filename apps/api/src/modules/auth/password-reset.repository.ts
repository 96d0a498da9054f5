import { Injectable } from '@nestjs/common';
import type { Bytes } from '@lapata/crypto';
import { DatabaseContext } from '../../database/database-context';

/** Reset tokens are stored as the SHA-256 of the emailed token only; the table is account data. */
@Injectable()
export class PasswordResetRepository {
  constructor(private readonly db: DatabaseContext) {}

  async create(input: { userId: string; tokenHash: Bytes; expiresAt: Date }): Promise<void> {
    await this.db.tx.passwordResetToken.create({
      data: { userId: input.userId, tokenHash: new Uint8Array(input.tokenHash), expiresAt: input.expiresAt },
    });
  }

  /** The unused, unexpired token with this hash, with whether its user may still sign in. */
  async findUsable(tokenHash: Bytes, now: Date): Promise<{ id: string; userId: string; userActive: boolean } | null> {
    const row = await this.db.tx.passwordResetToken.findFirst({
      where: { tokenHash: new Uint8Array(tokenHash), usedAt: null, expiresAt: { gt: now } },
      select: { id: true, userId: true, user: { select: { status: true } } },
    });
    return row ? { id: row.id, userId: row.userId, userActive: row.user.status === 'ACTIVE' } : null;
  }

  /** Uses the token up; false when another request used it first. */
  async markUsed(id: string, now: Date): Promise<boolean> {
    const result = await this.db.tx.passwordResetToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
    return result.count === 1;
  }

  /** Uses up every outstanding token of the user: a new password makes older links pointless. */
  async markAllUsedForUser(userId: string, now: Date): Promise<void> {
    await this.db.tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  }
}
