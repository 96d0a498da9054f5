import { generateDataKey, type KeyRing } from '@lapata/crypto';

export interface NewOrganizationKey {
  version: number;
  wrappedKey: Uint8Array<ArrayBuffer>;
  kekVersion: number;
}

/**
 * A new organisation's first data key (version 1), wrapped under the current key-encryption key.
 * Only the wrapped form is stored; the key itself never leaves this function.
 */
export function newOrganizationKey(keys: KeyRing, organizationId: string): NewOrganizationKey {
  const version = 1;
  const wrapped = keys.wrap(generateDataKey(), { kind: 'organisation-key', organizationId, version });
  return { version, wrappedKey: new Uint8Array(wrapped), kekVersion: keys.currentKekVersion };
}
