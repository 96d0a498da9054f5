import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyConfigurationError } from './errors';
import {
  addKekVersion,
  generateKeyFile,
  parseKeyFile,
  readKeyFile,
  retireKekVersion,
  serializeKeyFile,
  setCurrentKekVersion,
  writeKeyFile,
  type KeyFile,
} from './key-file';

const WHERE = 'LAPATA_KEY_FILE (/etc/lapata/keys.json)';

function configurationError(run: () => unknown): KeyConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyConfigurationError);
    return error as KeyConfigurationError;
  }
  throw new Error('expected a KeyConfigurationError');
}

function allKeys(file: KeyFile): string[] {
  return [...Object.values(file.kek), file.blindIndexKey, file.auditSigningKey];
}

describe('generateKeyFile', () => {
  it('makes a valid file of fresh, distinct 32-byte keys', () => {
    const file = generateKeyFile();
    expect(parseKeyFile(JSON.parse(serializeKeyFile(file)), WHERE)).toEqual(file);
    expect(file.current).toBe(1);
    const keys = allKeys(file);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(Buffer.from(key, 'base64').length).toBe(32);
    expect(generateKeyFile().blindIndexKey).not.toBe(file.blindIndexKey);
  });
});

describe('parseKeyFile', () => {
  const valid = generateKeyFile();
  const cases: [string, unknown, string][] = [
    ['not an object', [], 'must be a JSON object'],
    ['a misspelt field', { ...valid, blindindexKey: 'x' }, 'unknown field "blindindexKey"'],
    ['no format', { ...valid, format: undefined }, '"format" must be 1'],
    ['no kek', { ...valid, kek: {} }, '"kek" must be an object mapping versions'],
    [
      'a bad version name',
      { ...valid, kek: { v1: valid.kek['1'] } },
      '"kek" version "v1" must be a whole number',
    ],
    [
      'a short kek',
      { ...valid, kek: { '1': Buffer.alloc(31, 7).toString('base64') } },
      '"kek" version "1" must be the base64',
    ],
    ['a current version not in kek', { ...valid, current: 2 }, '"current" must be one of the versions'],
    ['a current version as text', { ...valid, current: '1' }, '"current" must be one of the versions'],
    [
      'a non-base64 blind-index key',
      { ...valid, blindIndexKey: 'not base64!' },
      '"blindIndexKey" must be the base64',
    ],
    ['no audit key', { ...valid, auditSigningKey: undefined }, '"auditSigningKey" must be the base64'],
    ['a key used twice', { ...valid, blindIndexKey: valid.kek['1'] }, 'every key must be different'],
  ];

  it.each(cases)('names the field for %s, and never a key', (_case, value, message) => {
    const error = configurationError(() => parseKeyFile(JSON.parse(JSON.stringify(value)) as unknown, WHERE));
    expect(error.variable).toBe('LAPATA_KEY_FILE');
    expect(error.message).toContain(`${WHERE}: `);
    expect(error.message).toContain(message);
    for (const key of allKeys(valid)) expect(error.message).not.toContain(key);
  });
});

describe('KEK versions in the key file', () => {
  it('adds a version, makes it current, and retires the old one', () => {
    const first = generateKeyFile();
    const second = addKekVersion(first);
    expect(Object.keys(second.kek)).toEqual(['1', '2']);
    expect(second.current).toBe(2);
    expect(second.kek['1']).toBe(first.kek['1']);
    const retired = retireKekVersion(second, 1);
    expect(Object.keys(retired.kek)).toEqual(['2']);
    expect(() => retireKekVersion(retired, 2)).toThrow(/current/);
  });

  it('can stage a version before making it current', () => {
    const staged = addKekVersion(generateKeyFile(), { makeCurrent: false });
    expect(staged.current).toBe(1);
    expect(setCurrentKekVersion(staged, 2).current).toBe(2);
    expect(() => setCurrentKekVersion(staged, 3)).toThrow(RangeError);
  });
});

describe('writing and reading key files', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'lapata-keys-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates the file with mode 0600 and reads it back', () => {
    const path = join(directory, 'keys.json');
    const file = generateKeyFile();
    writeKeyFile(path, file);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readKeyFile(path)).toEqual({ file, warnings: [] });
    expect(readdirSync(directory)).toEqual(['keys.json']);
  });

  it('never overwrites an existing file unless asked to replace it', () => {
    const path = join(directory, 'keys.json');
    const first = generateKeyFile();
    writeKeyFile(path, first);
    expect(() => writeKeyFile(path, generateKeyFile())).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readKeyFile(path).file).toEqual(first);
    const rotated = addKekVersion(first);
    writeKeyFile(path, rotated, { replace: true });
    expect(readKeyFile(path).file).toEqual(rotated);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(directory)).toEqual(['keys.json']);
  });

  it('refuses to write an invalid file', () => {
    const path = join(directory, 'keys.json');
    expect(() => writeKeyFile(path, { ...generateKeyFile(), current: 9 })).toThrow(KeyConfigurationError);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('warns when others may read the file', () => {
    const path = join(directory, 'keys.json');
    writeKeyFile(path, generateKeyFile());
    chmodSync(path, 0o644);
    expect(readKeyFile(path).warnings).toEqual([
      `LAPATA_KEY_FILE (${path}) can be read by other users of this machine; restrict it with chmod 600`,
    ]);
  });

  it('explains a missing file, a directory and broken JSON without quoting the file', () => {
    expect(configurationError(() => readKeyFile(join(directory, 'absent.json'))).message).toBe(
      `LAPATA_KEY_FILE (${join(directory, 'absent.json')}): the file does not exist`,
    );
    expect(configurationError(() => readKeyFile(directory)).message).toContain('is not a file');
    const path = join(directory, 'broken.json');
    const secret = Buffer.alloc(32, 9).toString('base64');
    writeFileSync(path, `{"kek":{"1":"${secret}"},`, { mode: 0o600 });
    const error = configurationError(() => readKeyFile(path));
    expect(error.message).toBe(`LAPATA_KEY_FILE (${path}): is not valid JSON`);
    expect(readFileSync(path, 'utf8')).toContain(secret);
  });
});
