import type { Member } from '@lapata/contracts';
import type { KeyRing } from '@lapata/crypto';
import { decryptUserField } from '../users/user-fields';
import type { MemberRow } from './member.repository';

export function toMember(row: MemberRow, keys: KeyRing): Member {
  return {
    userId: row.userId,
    displayName: decryptUserField(keys, row.userId, 'display_name_enc', row.user.displayNameEnc),
    email: decryptUserField(keys, row.userId, 'email_enc', row.user.emailEnc),
    role: row.role,
    mfaEnabled: row.user.totpEnabledAt !== null,
    disabled: row.disabledAt !== null,
  };
}
