import { Injectable } from '@nestjs/common';
import { generateDataKey, newestKey, unwrapKey, wrapKey, type VersionedKey } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import { DatabaseContext } from '../../database/database-context';
import { OrganizationKeyService } from '../keys/organization-key.service';

/**
 * A case's data keys: each version is a random key wrapped by an organisation key version
 * (`case_keys`). Unwrapped once per request, never kept across requests, so a retired organisation
 * key stops working at once.
 */
const caseKeysOf = (caseId: string) => `case-keys:${caseId}`;

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
    this.db.forget(caseKeysOf(caseId));
    return { version, key };
  }

  /**
   * The case's newest data key, for encrypting. Cases get their first key when they are opened;
   * a case opened before that gets one here. Two requests may both find none: each inserts with
   * ON CONFLICT DO NOTHING and then reads back whichever key won, so both encrypt with the same key.
   */
  async currentKey(organizationId: string, caseId: string): Promise<VersionedKey> {
    const held = newestKey(await this.allKeys(caseId));
    if (held) return held;
    const organizationKey = await this.organizationKeys.currentKey(organizationId);
    const version = 1;
    const wrapped = wrapKey(organizationKey, generateDataKey(), { kind: 'case-key', organizationId, caseId, version });
    await this.db.tx.$executeRaw`
      insert into case_keys (id, organization_id, case_id, version, wrapped_key, org_key_version)
      values (${uuidv7()}::uuid, ${organizationId}::uuid, ${caseId}::uuid, ${version}, ${new Uint8Array(wrapped)}, ${organizationKey.version})
      on conflict (case_id, version) do nothing`;
    this.db.forget(caseKeysOf(caseId));
    const [stored] = await this.allKeys(caseId);
    if (!stored) throw new Error('The case key could not be stored');
    return stored;
  }

  /** Every data key version the case still holds, for decrypting; read once per request. */
  allKeys(caseId: string): Promise<VersionedKey[]> {
    return this.db.once(caseKeysOf(caseId), async () => {
      const rows = await this.db.tx.caseKey.findMany({
        where: { caseId },
        select: { version: true, wrappedKey: true, organizationId: true },
      });
      return Promise.all(rows.map((row) => this.unwrap(row, caseId)));
    });
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
