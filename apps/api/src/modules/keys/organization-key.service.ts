import { Injectable } from '@nestjs/common';
import type { VersionedKey } from '@lapata/crypto';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';

/**
 * Unwraps organisation keys for the use case that needs them. Keys are unwrapped per request and
 * never cached across requests, so a retired key-encryption key stops working at once.
 */
@Injectable()
export class OrganizationKeyService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  /** The organisation's newest key, for encrypting. */
  async currentKey(organizationId: string): Promise<VersionedKey> {
    const row = await this.db.tx.organizationKey.findFirstOrThrow({
      where: { organizationId, retiredAt: null },
      orderBy: { version: 'desc' },
      select: { version: true, wrappedKey: true },
    });
    const key = this.config.keys.unwrap(row.wrappedKey, { kind: 'organisation-key', organizationId, version: row.version });
    return { version: row.version, key };
  }

  /** Every key version of the organisation still held, for decrypting. */
  async allKeys(organizationId: string): Promise<VersionedKey[]> {
    const rows = await this.db.tx.organizationKey.findMany({
      where: { organizationId },
      select: { version: true, wrappedKey: true },
    });
    return rows.map((row) => ({
      version: row.version,
      key: this.config.keys.unwrap(row.wrappedKey, { kind: 'organisation-key', organizationId, version: row.version }),
    }));
  }
}
