/** At most `limit` counted attempts per subject in a fixed window of `windowMs`. */
export interface RateLimitRule {
  /** Names the bucket (with the hashed subject): lower-case letters and dashes. */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;

/**
 * Every limit on the endpoints that guess at secrets, in one place (docs/security.md lists them).
 * Per-account limits stop a slow guess at one account from many addresses; per-address limits stop
 * one address from trying many accounts, and are higher because an office or a mobile carrier puts
 * many people behind one address. Sign-in and second-factor limits count failures only (a success
 * is given back); reset requests count every request.
 */
export const RateLimitRules = {
  loginPerAccount: { name: 'login-account', limit: 10, windowMs: 15 * MINUTE },
  loginPerAddress: { name: 'login-address', limit: 30, windowMs: 15 * MINUTE },
  /** The current password asked again (change of password or second factor) by a signed-in user. */
  passwordConfirmationPerAccount: { name: 'password-confirmation-account', limit: 10, windowMs: 15 * MINUTE },
  mfaPerAccount: { name: 'mfa-account', limit: 10, windowMs: 15 * MINUTE },
  mfaPerAddress: { name: 'mfa-address', limit: 30, windowMs: 15 * MINUTE },
  passwordResetPerAccount: { name: 'password-reset-account', limit: 3, windowMs: 60 * MINUTE },
  passwordResetPerAddress: { name: 'password-reset-address', limit: 20, windowMs: 60 * MINUTE },
  passwordResetCompletionPerAddress: { name: 'password-reset-completion-address', limit: 20, windowMs: 60 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;
