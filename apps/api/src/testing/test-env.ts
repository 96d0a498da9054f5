import { randomBytes } from 'node:crypto';

const key = () => randomBytes(32).toString('base64');

/** Fresh keys for one test: the three variables @lapata/crypto reads without a key file. */
export function testKeyEnv(): NodeJS.ProcessEnv {
  return { LAPATA_MASTER_KEY: key(), LAPATA_BLIND_INDEX_KEY: key(), LAPATA_AUDIT_SIGNING_KEY: key() };
}
