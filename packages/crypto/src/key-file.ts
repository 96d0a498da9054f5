import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { MAX_KEY_VERSION, decodeBase64 } from './encoding';
import { KeyConfigurationError } from './errors';
import { KEY_BYTES } from './keys';

/**
 * The key file (`LAPATA_KEY_FILE`), JSON:
 *
 *   {
 *     "format": 1,
 *     "kek": { "1": "<base64 of 32 bytes>", "2": "<base64 of 32 bytes>" },
 *     "current": 2,
 *     "blindIndexKey": "<base64 of 32 bytes>",
 *     "auditSigningKey": "<base64 of a 32-byte Ed25519 private key seed>"
 *   }
 *
 * `kek` holds every key-encryption key version still needed to unwrap an organisation key;
 * `current` is the one new wraps use. Removing a version from this file (and from every copy of
 * it) is what makes data wrapped under it unrecoverable: see README "Crypto-shredding".
 */
export interface KeyFile {
  readonly format: 1;
  readonly kek: Readonly<Record<string, string>>;
  readonly current: number;
  readonly blindIndexKey: string;
  readonly auditSigningKey: string;
}

export const KEY_FILE_VARIABLE = 'LAPATA_KEY_FILE';
const FIELDS = ['format', 'kek', 'current', 'blindIndexKey', 'auditSigningKey'] as const;
const VERSION_NAME = /^[1-9][0-9]{0,9}$/;

function freshKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** A new key file with fresh random keys: KEK version 1, a blind-index key, an audit signing key. */
export function generateKeyFile(): KeyFile {
  return {
    format: 1,
    kek: { '1': freshKey() },
    current: 1,
    blindIndexKey: freshKey(),
    auditSigningKey: freshKey(),
  };
}

/**
 * Validates a parsed key file. Errors name `where` (e.g. `LAPATA_KEY_FILE (/etc/lapata/keys.json)`)
 * and the field at fault, never a key.
 */
export function parseKeyFile(value: unknown, where: string): KeyFile {
  const fail = (message: string): never => {
    throw new KeyConfigurationError(KEY_FILE_VARIABLE, `${where}: ${message}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('must be a JSON object');
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((field) => !(FIELDS as readonly string[]).includes(field));
  if (unknown.length > 0) {
    fail(
      `unknown field ${unknown.map((field) => JSON.stringify(field)).join(', ')} (expected ${FIELDS.join(', ')})`,
    );
  }
  if (record.format !== 1) fail('"format" must be 1');

  const kek = record.kek;
  if (typeof kek !== 'object' || kek === null || Array.isArray(kek) || Object.keys(kek).length === 0) {
    return fail('"kek" must be an object mapping versions ("1", "2", ...) to base64 keys');
  }
  const decoded: Buffer[] = [];
  for (const [version, key] of Object.entries(kek as Record<string, unknown>)) {
    if (!VERSION_NAME.test(version) || Number(version) > MAX_KEY_VERSION) {
      fail(`"kek" version ${JSON.stringify(version)} must be a whole number from 1 to ${MAX_KEY_VERSION}`);
    }
    decoded.push(requireKey(key, `"kek" version "${version}"`, fail));
  }
  const current = record.current;
  if (typeof current !== 'number' || !Object.hasOwn(kek, String(current))) {
    fail('"current" must be one of the versions in "kek"');
  }
  decoded.push(requireKey(record.blindIndexKey, '"blindIndexKey"', fail));
  decoded.push(requireKey(record.auditSigningKey, '"auditSigningKey"', fail));
  if (new Set(decoded.map((key) => key.toString('hex'))).size !== decoded.length) {
    fail('every key must be different (a KEK, the blind-index key and the audit key must not repeat)');
  }
  return {
    format: 1,
    kek: { ...(kek as Record<string, string>) },
    current: current as number,
    blindIndexKey: record.blindIndexKey as string,
    auditSigningKey: record.auditSigningKey as string,
  };
}

function requireKey(value: unknown, field: string, fail: (message: string) => never): Buffer {
  const bytes = typeof value === 'string' ? decodeBase64(value) : undefined;
  if (bytes?.length !== KEY_BYTES) fail(`${field} must be the base64 encoding of ${KEY_BYTES} random bytes`);
  return bytes as Buffer;
}

export function serializeKeyFile(file: KeyFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Adds a fresh KEK version (one above the highest), by default making it current. */
export function addKekVersion(file: KeyFile, options: { makeCurrent?: boolean } = {}): KeyFile {
  const version = Math.max(...Object.keys(file.kek).map(Number)) + 1;
  if (version > MAX_KEY_VERSION) throw new RangeError('No KEK version is left');
  return {
    ...file,
    kek: { ...file.kek, [String(version)]: freshKey() },
    current: options.makeCurrent === false ? file.current : version,
  };
}

export function setCurrentKekVersion(file: KeyFile, version: number): KeyFile {
  if (!Object.hasOwn(file.kek, String(version)))
    throw new RangeError(`KEK version ${version} is not in the key file`);
  return { ...file, current: version };
}

/**
 * Removes a KEK version. Run it only once no organisation key is wrapped under that version any
 * more; the version's key is then gone from this file and must also be destroyed in every copy.
 */
export function retireKekVersion(file: KeyFile, version: number): KeyFile {
  if (version === file.current) throw new RangeError('The current KEK version cannot be retired');
  if (!Object.hasOwn(file.kek, String(version)))
    throw new RangeError(`KEK version ${version} is not in the key file`);
  const kek = Object.fromEntries(Object.entries(file.kek).filter(([name]) => name !== String(version)));
  return { ...file, kek };
}

/**
 * Writes a key file with mode 0600, atomically: a reader sees the old file or the new one, never
 * half of one. Without `replace`, fails if the file exists (EEXIST), so two starts racing to
 * create the development key file cannot overwrite each other's keys.
 */
export function writeKeyFile(path: string, file: KeyFile, options: { replace?: boolean } = {}): void {
  const text = serializeKeyFile(parseKeyFile(file, path));
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const descriptor = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(descriptor, text);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    if (options.replace === true) {
      renameSync(temporary, path);
    } else {
      linkSync(temporary, path);
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  syncDirectory(directory);
}

function syncDirectory(directory: string): void {
  const descriptor = openSync(directory, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

export interface LoadedKeyFile {
  readonly file: KeyFile;
  readonly warnings: readonly string[];
}

/** Reads and validates the key file at `path`; errors name LAPATA_KEY_FILE and the path. */
export function readKeyFile(path: string): LoadedKeyFile {
  const where = `${KEY_FILE_VARIABLE} (${path})`;
  const fail = (message: string): never => {
    throw new KeyConfigurationError(KEY_FILE_VARIABLE, `${where}: ${message}`);
  };
  const warnings: string[] = [];
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) fail('is not a file');
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      warnings.push(`${where} can be read by other users of this machine; restrict it with chmod 600`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof KeyConfigurationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('the file does not exist');
    if (code === 'EACCES') return fail('the file cannot be read (permission denied)');
    return fail(`the file cannot be read (${code ?? 'unknown error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error: it could quote a key.
    return fail('is not valid JSON');
  }
  return { file: parseKeyFile(json, where), warnings };
}
