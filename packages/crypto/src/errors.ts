/** Why a value could not be decrypted. The message never says more than this. */
export type DecryptionFailure =
  'malformed' | 'unsupported-format' | 'unknown-key-version' | 'authentication-failed' | 'truncated';

const messages: Record<DecryptionFailure, string> = {
  malformed: 'the encrypted value is malformed',
  'unsupported-format': 'the encrypted value has an unsupported format',
  'unknown-key-version': 'the key version of the encrypted value is not available',
  'authentication-failed':
    'the encrypted value does not authenticate: wrong key, wrong place, or it was altered',
  truncated: 'the encrypted stream ended early',
};

/**
 * Thrown whenever a value cannot be decrypted. Decryption never returns data it could not
 * authenticate. The message names the failure only: no key material, no plaintext, no context.
 */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';

  constructor(
    readonly reason: DecryptionFailure,
    readonly keyVersion?: number,
  ) {
    super(`Cannot decrypt: ${messages[reason]}`);
  }
}

/**
 * Thrown when the key configuration is missing or invalid. The message names the environment
 * variable (and key file field) at fault and never contains key material.
 */
export class KeyConfigurationError extends Error {
  override readonly name = 'KeyConfigurationError';

  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}
