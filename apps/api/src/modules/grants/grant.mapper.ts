import type { GrantResponse } from '@lapata/contracts';
import type { KeyRing } from '@lapata/crypto';
import { decryptUserField } from '../users/user-fields';
import type { GrantRow } from './grant.repository';

export function toGrantResponse(row: GrantRow, keys: KeyRing): GrantResponse {
  return {
    id: row.id,
    userId: row.userId,
    userName: decryptUserField(keys, row.userId, 'display_name_enc', row.user.displayNameEnc),
    level: row.level,
    kind: row.kind,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    grantedById: row.grantedById,
    createdAt: row.createdAt.toISOString(),
  };
}
