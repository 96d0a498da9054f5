import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * `Algorithm` is a const enum that exists only in the type declarations; Argon2id is 2. Spelled
 * out so that transpilers that do not inline const enums (the tests' SWC) pass the same value.
 */
const ARGON2ID = 2 as Algorithm;

/** OWASP's minimum for Argon2id: 19 MiB of memory, 2 iterations, 1 lane. */
export const ARGON2_PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`) with its own random salt. */
  hash(password: string): Promise<string> {
    return hash(password, ARGON2_PARAMETERS);
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password);
  }
}
