import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyConfigurationError } from './errors';
import { generateKeyFile, writeKeyFile } from './key-file';
import { loadKeyConfiguration } from './key-configuration';

const key = (): string => randomBytes(32).toString('base64');

function configurationError(env: NodeJS.ProcessEnv): KeyConfigurationError {
  try {
    loadKeyConfiguration(env);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyConfigurationError);
    const failure = error as KeyConfigurationError;
    for (const value of Object.values(env)) {
      if (value !== undefined && value.length >= 40) expect(failure.message).not.toContain(value.trim());
    }
    return failure;
  }
  throw new Error('expected a KeyConfigurationError');
}

describe('loadKeyConfiguration', () => {
  const directory = mkdtempSync(join(tmpdir(), 'lapata-key-config-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('loads a key file, relative paths from the working directory', () => {
    const path = join(directory, 'keys.json');
    const file = generateKeyFile();
    writeKeyFile(path, file);
    const loaded = loadKeyConfiguration({ LAPATA_KEY_FILE: relative(process.cwd(), path) });
    expect(loaded.source).toEqual({ kind: 'key-file', path });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.ring.currentKekVersion).toBe(1);
  });

  it('loads the three environment keys as KEK version 1, and warns that purges cannot shred', () => {
    const loaded = loadKeyConfiguration({
      LAPATA_MASTER_KEY: key(),
      LAPATA_BLIND_INDEX_KEY: `${key()}\n`,
      LAPATA_AUDIT_SIGNING_KEY: key(),
      LAPATA_KEY_FILE: '',
    });
    expect(loaded.source).toEqual({ kind: 'environment' });
    expect(loaded.ring.kekVersions).toEqual([1]);
    expect(loaded.warnings).toEqual([
      'Keys come from LAPATA_MASTER_KEY: key rotation and crypto-shredding on purge need a key file (LAPATA_KEY_FILE)',
    ]);
  });

  const cases: [string, NodeJS.ProcessEnv, string, string][] = [
    [
      'nothing configured',
      {},
      'LAPATA_KEY_FILE',
      'No encryption keys are configured: set LAPATA_KEY_FILE to the path of a key file, or LAPATA_MASTER_KEY, LAPATA_BLIND_INDEX_KEY and LAPATA_AUDIT_SIGNING_KEY (see packages/crypto/README.md)',
    ],
    [
      'both a key file and a master key',
      { LAPATA_KEY_FILE: '/etc/lapata/keys.json', LAPATA_MASTER_KEY: key() },
      'LAPATA_MASTER_KEY',
      'Set either LAPATA_KEY_FILE or LAPATA_MASTER_KEY, not both',
    ],
    [
      'a blind-index key beside a key file',
      { LAPATA_KEY_FILE: '/etc/lapata/keys.json', LAPATA_BLIND_INDEX_KEY: key() },
      'LAPATA_BLIND_INDEX_KEY',
      'LAPATA_BLIND_INDEX_KEY is set, but with LAPATA_KEY_FILE that key comes from the key file ("blindIndexKey"); unset LAPATA_BLIND_INDEX_KEY',
    ],
    [
      'a master key that is not base64',
      {
        LAPATA_MASTER_KEY: 'correct horse battery staple',
        LAPATA_BLIND_INDEX_KEY: key(),
        LAPATA_AUDIT_SIGNING_KEY: key(),
      },
      'LAPATA_MASTER_KEY',
      'LAPATA_MASTER_KEY must be the base64 encoding of 32 random bytes',
    ],
    [
      'a master key of 16 bytes',
      {
        LAPATA_MASTER_KEY: randomBytes(16).toString('base64'),
        LAPATA_BLIND_INDEX_KEY: key(),
        LAPATA_AUDIT_SIGNING_KEY: key(),
      },
      'LAPATA_MASTER_KEY',
      'LAPATA_MASTER_KEY must be the base64 encoding of 32 random bytes',
    ],
    [
      'a master key without a blind-index key',
      { LAPATA_MASTER_KEY: key(), LAPATA_AUDIT_SIGNING_KEY: key() },
      'LAPATA_BLIND_INDEX_KEY',
      'LAPATA_BLIND_INDEX_KEY is required with LAPATA_MASTER_KEY: the base64 of 32 random bytes (e.g. openssl rand -base64 32)',
    ],
    [
      'a master key without an audit key',
      { LAPATA_MASTER_KEY: key(), LAPATA_BLIND_INDEX_KEY: key() },
      'LAPATA_AUDIT_SIGNING_KEY',
      'LAPATA_AUDIT_SIGNING_KEY is required with LAPATA_MASTER_KEY: the base64 of 32 random bytes (e.g. openssl rand -base64 32)',
    ],
    [
      'a key file that does not exist',
      { LAPATA_KEY_FILE: '/nonexistent/lapata/keys.json' },
      'LAPATA_KEY_FILE',
      'LAPATA_KEY_FILE (/nonexistent/lapata/keys.json): the file does not exist',
    ],
  ];

  it.each(cases)('explains %s, naming the variable', (_case, env, variable, message) => {
    const error = configurationError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(message);
  });

  it('refuses the same key reused for two purposes, without printing it', () => {
    const shared = key();
    const error = configurationError({
      LAPATA_MASTER_KEY: shared,
      LAPATA_BLIND_INDEX_KEY: shared,
      LAPATA_AUDIT_SIGNING_KEY: key(),
    });
    expect(error.variable).toBe('LAPATA_BLIND_INDEX_KEY');
    expect(error.message).toBe('LAPATA_BLIND_INDEX_KEY must be a different key from LAPATA_MASTER_KEY');
  });
});
