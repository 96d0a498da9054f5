import { Injectable } from '@nestjs/common';
import { COMMON_PASSWORD_MESSAGE, NewPasswordSchema } from '@lapata/contracts';
import { ValidationError } from '../../common/errors/api-error';
import { COMMON_PASSWORDS } from './common-passwords';

const commonPasswords: ReadonlySet<string> = new Set(COMMON_PASSWORDS);

/**
 * What a new password must be (NIST SP 800-63B): 12 to 256 characters and not on the list of
 * common passwords, compared case-insensitively. No composition rules and no forced rotation.
 * Every place that sets a password (reset, change, an invited person's new account) checks it here.
 */
@Injectable()
export class PasswordPolicy {
  /** Throws a ValidationError naming `field` when the password is not acceptable. */
  async check(password: string, field = 'password'): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new ValidationError({ [field]: [problem] });
  }
}

/** Why the password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  const length = NewPasswordSchema.safeParse(password);
  if (!length.success) return length.error.issues[0]!.message;
  return isCommonPassword(password) ? COMMON_PASSWORD_MESSAGE : null;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.normalize('NFC').toLowerCase());
}
