import { resolve } from 'node:path';
import { decodeBase64 } from './encoding';
import { KeyConfigurationError } from './errors';
import { KEY_FILE_VARIABLE, readKeyFile } from './key-file';
import { KeyRing } from './key-ring';
import { KEY_BYTES } from './keys';

export const MASTER_KEY_VARIABLE = 'LAPATA_MASTER_KEY';
export const BLIND_INDEX_KEY_VARIABLE = 'LAPATA_BLIND_INDEX_KEY';
export const AUDIT_SIGNING_KEY_VARIABLE = 'LAPATA_AUDIT_SIGNING_KEY';

export type KeySourceDescription =
  { readonly kind: 'key-file'; readonly path: string } | { readonly kind: 'environment' };

export interface KeyConfiguration {
  readonly ring: KeyRing;
  readonly source: KeySourceDescription;
  /** Things an operator should fix, safe to log (no key material). */
  readonly warnings: readonly string[];
}

/**
 * Reads the key configuration once at start and validates all of it. Either
 *  - LAPATA_KEY_FILE: path of a key file (see `KeyFile`), the way that supports KEK rotation and
 *    crypto-shredding; or
 *  - LAPATA_MASTER_KEY (KEK version 1), LAPATA_BLIND_INDEX_KEY and LAPATA_AUDIT_SIGNING_KEY, each
 *    the base64 of 32 random bytes.
 * Throws KeyConfigurationError naming the variable at fault; never prints a key. Empty variables
 * count as unset (env files often carry `NAME=`).
 */
export function loadKeyConfiguration(env: NodeJS.ProcessEnv = process.env): KeyConfiguration {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value.length === 0 ? undefined : value;
  };
  const keyFile = read(KEY_FILE_VARIABLE);
  const masterKey = read(MASTER_KEY_VARIABLE);

  if (keyFile !== undefined && masterKey !== undefined) {
    throw new KeyConfigurationError(
      MASTER_KEY_VARIABLE,
      `Set either ${KEY_FILE_VARIABLE} or ${MASTER_KEY_VARIABLE}, not both`,
    );
  }

  if (keyFile !== undefined) {
    for (const [variable, field] of [
      [BLIND_INDEX_KEY_VARIABLE, 'blindIndexKey'],
      [AUDIT_SIGNING_KEY_VARIABLE, 'auditSigningKey'],
    ] as const) {
      if (read(variable) !== undefined) {
        throw new KeyConfigurationError(
          variable,
          `${variable} is set, but with ${KEY_FILE_VARIABLE} that key comes from the key file ("${field}"); unset ${variable}`,
        );
      }
    }
    const path = resolve(keyFile);
    const { file, warnings } = readKeyFile(path);
    return {
      ring: KeyRing.fromKeyFile(file, `${KEY_FILE_VARIABLE} (${path})`),
      source: { kind: 'key-file', path },
      warnings,
    };
  }

  if (masterKey !== undefined) {
    const environmentKey = (variable: string): { variable: string; value: string; bytes: Buffer } => {
      const value = read(variable);
      if (value === undefined) {
        throw new KeyConfigurationError(
          variable,
          `${variable} is required with ${MASTER_KEY_VARIABLE}: the base64 of ${KEY_BYTES} random bytes (e.g. openssl rand -base64 32)`,
        );
      }
      const bytes = decodeBase64(value);
      if (bytes?.length !== KEY_BYTES) {
        throw new KeyConfigurationError(
          variable,
          `${variable} must be the base64 encoding of ${KEY_BYTES} random bytes`,
        );
      }
      return { variable, value, bytes };
    };
    const master = environmentKey(MASTER_KEY_VARIABLE);
    const blindIndex = environmentKey(BLIND_INDEX_KEY_VARIABLE);
    const audit = environmentKey(AUDIT_SIGNING_KEY_VARIABLE);
    for (const [first, second] of [
      [master, blindIndex],
      [master, audit],
      [blindIndex, audit],
    ] as const) {
      if (first.bytes.equals(second.bytes)) {
        throw new KeyConfigurationError(
          second.variable,
          `${second.variable} must be a different key from ${first.variable}`,
        );
      }
    }
    const file = {
      format: 1,
      kek: { '1': master.value },
      current: 1,
      blindIndexKey: blindIndex.value,
      auditSigningKey: audit.value,
    } as const;
    for (const key of [master, blindIndex, audit]) key.bytes.fill(0);
    return {
      ring: KeyRing.fromKeyFile(file, 'environment'),
      source: { kind: 'environment' },
      warnings: [
        `Keys come from ${MASTER_KEY_VARIABLE}: key rotation and crypto-shredding on purge need a key file (${KEY_FILE_VARIABLE})`,
      ],
    };
  }

  throw new KeyConfigurationError(
    KEY_FILE_VARIABLE,
    `No encryption keys are configured: set ${KEY_FILE_VARIABLE} to the path of a key file, or ${MASTER_KEY_VARIABLE}, ${BLIND_INDEX_KEY_VARIABLE} and ${AUDIT_SIGNING_KEY_VARIABLE} (see packages/crypto/README.md)`,
  );
}
