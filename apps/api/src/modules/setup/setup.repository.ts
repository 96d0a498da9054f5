import { Injectable } from '@nestjs/common';
import { uuidv7 } from '@lapata/db';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { newOrganizationKey } from '../organizations/organization-keys';
import { sameHash } from '../auth/session-token';
import { encryptUserFields } from '../users/user-fields';

/** The installation table has exactly one row, with this id. */
const INSTALLATION_ID = 1;

export interface FirstOrganisation {
  organizationName: string;
  caseReferencePrefix: string;
  adminName: string;
  adminEmail: string;
  passwordHash: string;
}

interface LockedInstallation {
  setup_token_hash: Uint8Array | null;
  setup_completed_at: Date | null;
}

@Injectable()
export class SetupRepository {
  constructor(
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  /**
   * Setup is needed until it has been completed once, and never once an organisation exists (a
   * database restored or seeded by other means).
   */
  async isSetupNeeded(): Promise<boolean> {
    const installation = await this.db.tx.installation.findUnique({ where: { id: INSTALLATION_ID } });
    if (installation?.setupCompletedAt) return false;
    return (await this.db.tx.organization.count()) === 0;
  }

  /** Replaces any earlier token: only the newest printed token works. */
  async storeTokenHash(tokenHash: Uint8Array): Promise<void> {
    const data = { setupTokenHash: new Uint8Array(tokenHash), setupTokenIssued: new Date() };
    await this.db.tx.installation.upsert({
      where: { id: INSTALLATION_ID },
      create: { id: INSTALLATION_ID, ...data },
      update: data,
    });
  }

  /** The stored token hash while setup is pending, otherwise null. */
  async findPendingTokenHash(): Promise<Uint8Array | null> {
    const installation = await this.db.tx.installation.findUnique({ where: { id: INSTALLATION_ID } });
    if (!installation || installation.setupCompletedAt) return null;
    return installation.setupTokenHash;
  }

  /**
   * Creates the first organisation (with its wrapped key), its administrator and the membership,
   * and closes setup, in one transaction. The installation row is locked first (`FOR UPDATE`), so
   * of two requests racing with the right token the second waits, then finds setup closed.
   * Returns null when setup was already closed or the token no longer matches.
   */
  async completeSetup(tokenHash: Uint8Array, first: FirstOrganisation): Promise<{ organizationId: string; userId: string } | null> {
    const organizationId = uuidv7();
    const userId = uuidv7();
    // Row-level security lets a session write only its own organisation's rows.
    await this.db.actAs({ organizationId, userId });
    const tx = this.db.tx;
    {
      const [installation] = await tx.$queryRaw<LockedInstallation[]>`
        SELECT setup_token_hash, setup_completed_at FROM installation WHERE id = ${INSTALLATION_ID} FOR UPDATE`;
      if (
        !installation ||
        installation.setup_completed_at !== null ||
        installation.setup_token_hash === null ||
        !sameHash(installation.setup_token_hash, tokenHash)
      ) {
        return null;
      }
      if ((await tx.organization.count()) > 0) return null;

      await tx.organization.create({
        data: {
          id: organizationId,
          name: first.organizationName,
          caseReferencePrefix: first.caseReferencePrefix,
          keys: { create: newOrganizationKey(this.config.keys, organizationId) },
        },
      });
      await tx.user.create({
        data: {
          id: userId,
          ...encryptUserFields(this.config.keys, userId, { email: first.adminEmail, displayName: first.adminName }),
          passwordHash: first.passwordHash,
          memberships: { create: { organizationId, role: 'ORG_ADMIN' } },
        },
      });
      await tx.installation.update({
        where: { id: INSTALLATION_ID },
        data: { setupCompletedAt: new Date(), setupTokenHash: null },
      });
      return { organizationId, userId };
    }
  }
}
