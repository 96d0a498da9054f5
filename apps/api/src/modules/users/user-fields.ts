import { decryptString, encryptString, type FieldContext, type KeyRing } from '@lapata/crypto';

/**
 * Where a user's encrypted fields live. Users belong to no organisation, so their fields are
 * encrypted with the installation's account key and bound to the users table, column and row.
 * Whoever reads them back must use the same contexts.
 */
export const userFieldContext = (userId: string, column: 'email_enc' | 'display_name_enc'): FieldContext => ({
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
  const accountKey = keys.accountKey();
  return {
    emailEnc: bytes(encryptString(fields.email, accountKey, userFieldContext(userId, 'email_enc'))),
    emailBidx: bytes(emailBidx),
    displayNameEnc: bytes(encryptString(fields.displayName, accountKey, userFieldContext(userId, 'display_name_enc'))),
  };
}

/** Prisma's `Bytes` takes a Uint8Array over a plain ArrayBuffer, which a Buffer's type does not promise. */
function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}

/** Reads back one of a user's encrypted fields (any key version still held). */
export function decryptUserField(
  keys: KeyRing,
  userId: string,
  column: 'email_enc' | 'display_name_enc',
  value: Uint8Array,
): string {
  return decryptString(value, keys.accountKeys, userFieldContext(userId, column));
}
