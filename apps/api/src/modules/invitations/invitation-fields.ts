import { decryptString, encryptString, type FieldContext, type KeyRing } from '@lapata/crypto';

/**
 * The invited address becomes an account's email, so it is encrypted like one (the installation's
 * account key) but bound to the invitation's organisation, table and row: copied anywhere else it
 * does not decrypt. Its blind index is the account indexer's, the one login uses, so accepting can
 * check that the person typed the invited address without decrypting anything.
 */
export const invitationEmailContext = (organizationId: string, invitationId: string): FieldContext => ({
  organizationId,
  table: 'invitations',
  column: 'email_enc',
  rowId: invitationId,
});

export function encryptInvitationEmail(
  keys: KeyRing,
  organizationId: string,
  invitationId: string,
  email: string,
): { emailEnc: Uint8Array<ArrayBuffer>; emailBidx: Uint8Array<ArrayBuffer> } {
  return {
    emailEnc: new Uint8Array(encryptString(email, keys.accountKey(), invitationEmailContext(organizationId, invitationId))),
    emailBidx: accountEmailIndex(keys, email),
  };
}

export function decryptInvitationEmail(keys: KeyRing, organizationId: string, invitationId: string, emailEnc: Uint8Array): string {
  return decryptString(emailEnc, keys.accountKeys, invitationEmailContext(organizationId, invitationId));
}

/** The same blind index `users.email_bidx` holds for this address. */
export function accountEmailIndex(keys: KeyRing, email: string): Uint8Array<ArrayBuffer> {
  const index = keys.blindIndex.forAccounts().email(email);
  if (index === null) throw new TypeError('Not an email address');
  return new Uint8Array(index);
}
