import { Injectable } from '@nestjs/common';
import type { Role } from '@lapata/contracts';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { decryptUserField } from '../users/user-fields';

export interface AccountCredentials {
  id: string;
  passwordHash: string;
  active: boolean;
  locale: string;
  hasTotp: boolean;
}

export interface AccountMembership {
  organizationId: string;
  name: string;
  role: Role;
  requireMfa: boolean;
}

const CREDENTIALS = { id: true, passwordHash: true, status: true, locale: true, totpEnabledAt: true } as const;

/** The user's own account, as sign-in, sessions and password changes need it. */
@Injectable()
export class AccountRepository {
  constructor(
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  /**
   * Runs before anyone is signed in: users are installation-wide account data (no row-level
   * security), reached here only through the keyed blind index of the address typed in.
   */
  async findByEmail(email: string): Promise<AccountCredentials | null> {
    const emailBidx = this.config.keys.blindIndex.forAccounts().email(email);
    if (emailBidx === null) return null;
    const row = await this.db.tx.user.findUnique({ where: { emailBidx: new Uint8Array(emailBidx) }, select: CREDENTIALS });
    return row ? toCredentials(row) : null;
  }

  async getById(userId: string): Promise<AccountCredentials> {
    return toCredentials(await this.db.tx.user.findUniqueOrThrow({ where: { id: userId }, select: CREDENTIALS }));
  }

  async getDisplayName(userId: string): Promise<string> {
    const { displayNameEnc } = await this.db.tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { displayNameEnc: true },
    });
    return decryptUserField(this.config.keys, userId, 'display_name_enc', displayNameEnc);
  }

  /** The user's live memberships, oldest first; needs `app.user_id` set (row-level security). */
  async findMemberships(userId: string): Promise<AccountMembership[]> {
    const rows = await this.db.tx.membership.findMany({
      where: { userId, disabledAt: null },
      select: { organizationId: true, role: true, organization: { select: { name: true, requireMfa: true } } },
      orderBy: [{ createdAt: 'asc' }, { organizationId: 'asc' }],
    });
    return rows.map((row) => ({
      organizationId: row.organizationId,
      name: row.organization.name,
      role: row.role,
      requireMfa: row.organization.requireMfa,
    }));
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.tx.user.update({ where: { id: userId }, data: { passwordHash, version: { increment: 1 } } });
  }
}

function toCredentials(row: {
  id: string;
  passwordHash: string;
  status: string;
  locale: string;
  totpEnabledAt: Date | null;
}): AccountCredentials {
  return {
    id: row.id,
    passwordHash: row.passwordHash,
    active: row.status === 'ACTIVE',
    locale: row.locale,
    hasTotp: row.totpEnabledAt !== null,
  };
}
