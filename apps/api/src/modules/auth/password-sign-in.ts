import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RateLimitRules } from '../../common/rate-limit/rate-limit-rules';
import { RateLimiter, type RateLimitCheck, type RateLimitSubject } from '../../common/rate-limit/rate-limiter';
import { PasswordHasher } from '../users/password-hasher';
import { AccountRepository, type AccountCredentials } from './account.repository';

/** Why an email and password were refused; the person is only ever told InvalidCredentialsError. */
export type CredentialRefusal = 'unknown-account' | 'wrong-password' | 'disabled';

export type CredentialCheck =
  | { account: AccountCredentials; refusal: null }
  | { account: AccountCredentials | null; refusal: CredentialRefusal };

/** One password sign-in, counted against the sign-in limits until it succeeds. */
export class PasswordSignInAttempt {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly perAccount: RateLimitCheck,
    private readonly perAddress: RateLimitCheck,
  ) {}

  /** The keyed hash of the client's address: what logs name instead of the address. */
  get client(): RateLimitSubject {
    return this.perAddress.subject;
  }

  /** Counts the attempt before any check; 429 RATE_LIMITED when the account or the address has failed too often. */
  count(): Promise<void> {
    return this.limiter.consume(this.perAccount, this.perAddress);
  }

  /** The right password: the account's failures are forgiven, and the address gets its attempt back. */
  async succeeded(): Promise<void> {
    await this.limiter.clear(this.perAccount);
    await this.limiter.giveBack(this.perAddress);
  }
}

/**
 * Signing in with an email and a password, wherever it happens (the sign-in form, accepting an
 * invitation): the same limits, and the same work whether or not an account uses the address.
 */
@Injectable()
export class PasswordSignIn implements OnModuleInit {
  /** Verified against when no account uses the address, so both answers cost one Argon2 verification. */
  private decoyHash = '';

  constructor(
    private readonly accounts: AccountRepository,
    private readonly passwords: PasswordHasher,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await this.passwords.hash(randomBytes(32).toString('base64url'));
  }

  /** A sign-in attempt for the account `email` names (whether or not it exists) from the client's address. */
  attempt(email: string, clientAddress: string | undefined): PasswordSignInAttempt {
    return new PasswordSignInAttempt(
      this.rateLimiter,
      { rule: RateLimitRules.loginPerAccount, subject: this.rateLimiter.emailSubject(email) },
      { rule: RateLimitRules.loginPerAddress, subject: this.rateLimiter.clientSubject(clientAddress) },
    );
  }

  /**
   * The account the address belongs to, and why it may not sign in, if it may not. Runs before
   * anyone is signed in: the account is found through the keyed blind index of the address typed in.
   */
  async check(email: string, password: string): Promise<CredentialCheck> {
    const account = await this.accounts.findByEmail(email);
    const passwordRight = await this.passwords.verify(account?.passwordHash ?? this.decoyHash, password);
    if (!account) return { account: null, refusal: 'unknown-account' };
    if (!passwordRight) return { account, refusal: 'wrong-password' };
    if (!account.active) return { account, refusal: 'disabled' };
    return { account, refusal: null };
  }
}
