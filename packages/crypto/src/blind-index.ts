import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { encodeParts, type Bytes } from './encoding';
import { KEY_BYTES, assertAes256Key } from './keys';
import { nameTokens, normaliseEmail, normaliseName, normaliseNationalId } from './normalise';

/**
 * Bytes kept of each HMAC-SHA256. 128 bits make an accidental collision between two different
 * values practically impossible (about 2^-64 even after 2^32 values), so an exact match is a real
 * match, while halving index size against the full 32 bytes. A shorter, deliberately colliding
 * value would not stop anyone holding the key from confirming a guess, and would make duplicate
 * warnings point at the wrong cases.
 */
export const BLIND_INDEX_BYTES = 16;

const COUNTRY = /^[A-Za-z]{2}$/;
const PURPOSE = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * Blind indexes of one scope: an organisation, or the installation's user accounts. The same
 * value gives unrelated index values in two scopes and for two purposes.
 */
export class BlindIndex {
  readonly #key: KeyObject;

  /** @internal Use `BlindIndexer.forOrganisation` or `BlindIndexer.forAccounts`. */
  constructor(key: KeyObject) {
    this.#key = key;
  }

  /**
   * The index of an already normalised value. `purpose` (`national-id`, `name-token`,
   * `full-name`, `email`, `case-number`...) keeps a value indexed for one use from matching another.
   */
  value(purpose: string, normalised: string): Bytes {
    if (!PURPOSE.test(purpose)) {
      throw new TypeError('A blind index purpose is lower-case letters, digits and dashes');
    }
    const digest = createHmac('sha256', this.#key)
      .update(encodeParts(['lapata/blind-index/v1', purpose, normalised]))
      .digest();
    return Buffer.from(digest.subarray(0, BLIND_INDEX_BYTES));
  }

  /** Index of a national ID number (CNIC for country `PK`), or null when it does not normalise. */
  nationalId(value: string, country: string): Bytes | null {
    if (!COUNTRY.test(country)) throw new TypeError('country must be an ISO 3166-1 alpha-2 code');
    const normalised = normaliseNationalId(value, country);
    return normalised === null ? null : this.value('national-id', `${country.toUpperCase()}:${normalised}`);
  }

  email(value: string): Bytes | null {
    const normalised = normaliseEmail(value);
    return normalised === null ? null : this.value('email', normalised);
  }

  /** One index per distinct word of the name, either script: a search matches rows holding all. */
  nameTokens(name: string): Bytes[] {
    return nameTokens(name).map((token) => this.value('name-token', token));
  }

  /** Index of the whole normalised name, for duplicate detection on name + father's name. */
  fullName(name: string): Bytes | null {
    const normalised = normaliseName(name);
    return normalised === null ? null : this.value('full-name', normalised);
  }

  [inspect.custom](): string {
    return 'BlindIndex {}';
  }
}

/**
 * Derives the scoped blind-index keys from the root blind-index key (`blindIndexKey` in the key
 * file or `LAPATA_BLIND_INDEX_KEY`).
 */
export class BlindIndexer {
  readonly #root: KeyObject;

  constructor(rootKey: KeyObject) {
    assertAes256Key(rootKey);
    this.#root = rootKey;
  }

  /**
   * The organisation's indexes. The scope key mixes the root key, the organisation id and a value
   * derived from the organisation key, so that computing an index needs both the blind-index key
   * and the unwrapped organisation key, and rotating the organisation key away (a purge) makes
   * the indexes in old backups unconfirmable. Consequence: indexes are recomputed whenever the
   * organisation key version changes (README "Crypto-shredding").
   */
  forOrganisation(organizationId: string, organisationKey: KeyObject): BlindIndex {
    assertAes256Key(organisationKey);
    if (organizationId.length === 0) throw new TypeError('organizationId must be a non-empty string');
    const seed = Buffer.from(
      hkdfSync('sha256', organisationKey, Buffer.alloc(0), 'lapata/blind-index-seed/v1', KEY_BYTES),
    );
    return this.#scope(['organisation', organizationId], seed);
  }

  /** Installation-wide indexes for user accounts (a user's email, across organisations). */
  forAccounts(): BlindIndex {
    return this.#scope(['accounts'], Buffer.alloc(0));
  }

  #scope(parts: string[], seed: Buffer): BlindIndex {
    const key = createHmac('sha256', this.#root)
      .update(encodeParts(['lapata/blind-index-scope/v1', ...parts]))
      .update(seed)
      .digest();
    seed.fill(0);
    return new BlindIndex(createSecretKey(key));
  }

  [inspect.custom](): string {
    return 'BlindIndexer {}';
  }
}
