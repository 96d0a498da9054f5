import { Injectable } from '@nestjs/common';
import { newestKey, type VersionedKey } from '@lapata/crypto';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';

/**
 * Unwraps organisation keys for the use case that needs them. Keys are unwrapped once per request
 * and never kept across requests, so a retired key-encryption key stops working at once.
 */
@Injectable()
export class OrganizationKeyService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  /** The organisation's newest key, for encrypting. */
  async currentKey(organizationId: string): Promise<VersionedKey> {
    const newest = newestKey((await this.held(organizationId)).filter((key) => !key.retired));
    if (!newest) throw new Error('The organisation has no live key');
    return { version: newest.version, key: newest.key };
  }

  /** Every key version of the organisation still held, for decrypting. */
  async allKeys(organizationId: string): Promise<VersionedKey[]> {
    return (await this.held(organizationId)).map(({ version, key }) => ({ version, key }));
  }

  /** Read and unwrapped once per request (transaction), whichever use cases ask. */
  private held(organizationId: string): Promise<(VersionedKey & { retired: boolean })[]> {
    return this.db.once(`organization-keys:${organizationId}`, async () => {
      const rows = await this.db.tx.organizationKey.findMany({
        where: { organizationId },
        select: { version: true, wrappedKey: true, retiredAt: true },
      });
      return rows.map((row) => ({
        version: row.version,
        key: this.config.keys.unwrap(row.wrappedKey, { kind: 'organisation-key', organizationId, version: row.version }),
        retired: row.retiredAt !== null,
      }));
    });
  }
}
