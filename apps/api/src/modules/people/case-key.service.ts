import { Injectable } from '@nestjs/common';
import { generateDataKey, unwrapKey, wrapKey, type VersionedKey } from '@lapata/crypto';
import { DatabaseContext } from '../../database/database-context';
import { OrganizationKeyService } from '../keys/organization-key.service';

/**
 * A case's data keys: each version is a random key wrapped by an organisation key version
 * (`case_keys`). Unwrapped per request, never cached, so a retired organisation key stops working at once.
 */
@Injectable()
export class CaseKeyService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly organizationKeys: OrganizationKeyService,
  ) {}

  /** The first data key of a new case, wrapped with the organisation's current key. */
  async create(organizationId: string, caseId: string): Promise<VersionedKey> {
    const organizationKey = await this.organizationKeys.currentKey(organizationId);
    const key = generateDataKey();
    const version = 1;
    const wrapped = wrapKey(organizationKey, key, { kind: 'case-key', organizationId, caseId, version });
    await this.db.tx.caseKey.create({
      data: { organizationId, caseId, version, wrappedKey: new Uint8Array(wrapped), orgKeyVersion: organizationKey.version },
    });
    return { version, key };
  }

  /**
   * The case's newest data key, for encrypting. A case opened before cases had keys gets its first
   * one here.
   */
  async currentKey(organizationId: string, caseId: string): Promise<VersionedKey> {
    const row = await this.db.tx.caseKey.findFirst({
      where: { caseId },
      orderBy: { version: 'desc' },
      select: { version: true, wrappedKey: true, organizationId: true },
    });
    if (!row) return this.create(organizationId, caseId);
    return this.unwrap(row, caseId);
  }

  /** Every data key version the case still holds, for decrypting. */
  async allKeys(caseId: string): Promise<VersionedKey[]> {
    const rows = await this.db.tx.caseKey.findMany({
      where: { caseId },
      select: { version: true, wrappedKey: true, organizationId: true },
    });
    return Promise.all(rows.map((row) => this.unwrap(row, caseId)));
  }

  private async unwrap(
    row: { version: number; wrappedKey: Uint8Array; organizationId: string },
    caseId: string,
  ): Promise<VersionedKey> {
    const organizationKeys = await this.organizationKeys.allKeys(row.organizationId);
    const key = unwrapKey(row.wrappedKey, organizationKeys, {
      kind: 'case-key',
      organizationId: row.organizationId,
      caseId,
      version: row.version,
    });
    return { version: row.version, key };
  }
}
