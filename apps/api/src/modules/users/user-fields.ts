import { decryptString, encryptString, type FieldContext, type KeyRing } from '@lapata/crypto';

/** The users table's encrypted columns. */
export type UserColumn = 'email_enc' | 'display_name_enc' | 'totp_secret_enc' | 'totp_pending_secret_enc';

/**
 * Where a user's encrypted fields live. Users belong to no organisation, so their fields are
 * encrypted with the installation's account key and bound to the users table, column and row
 * (a TOTP secret moved from the pending column to the confirmed one is re-encrypted for it).
 * Whoever reads them back must use the same contexts.
 */
export const userFieldContext = (userId: string, column: UserColumn): FieldContext => ({
  organizationId: null,
  table: 'users',
  column,
  rowId: userId,
});

export interface EncryptedUserFields {
  emailEnc: Uint8Array<ArrayBuffer>;
  emailBidx: Uint8Array<ArrayBuffer>;
  displayNameEnc: Uint8Array<ArrayBuffer>;
}

/** The columns of a new user: email and display name encrypted, the email's blind index for login. */
export function encryptUserFields(
  keys: KeyRing,
  userId: string,
  fields: { email: string; displayName: string },
): EncryptedUserFields {
  const emailBidx = keys.blindIndex.forAccounts().email(fields.email);
  if (emailBidx === null) throw new TypeError('A user needs an email address');
  return {
    emailEnc: encryptUserField(keys, userId, 'email_enc', fields.email),
    emailBidx: new Uint8Array(emailBidx),
    displayNameEnc: encryptUserField(keys, userId, 'display_name_enc', fields.displayName),
  };
}

/**
 * One of a user's fields, encrypted with the current account key (as a Uint8Array over a plain
 * ArrayBuffer, the type Prisma's `Bytes` takes).
 */
export function encryptUserField(keys: KeyRing, userId: string, column: UserColumn, value: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encryptString(value, keys.accountKey(), userFieldContext(userId, column)));
}

/** Reads back one of a user's encrypted fields (any key version still held). */
export function decryptUserField(keys: KeyRing, userId: string, column: UserColumn, value: Uint8Array): string {
  return decryptString(value, keys.accountKeys, userFieldContext(userId, column));
}
