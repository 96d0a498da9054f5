import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../common/errors/api-error';
import { COMMON_PASSWORDS } from './common-passwords';
import { COMMON_PASSWORD_MESSAGE } from '@lapata/contracts';
import { PasswordPolicy, isCommonPassword, passwordProblem } from './password-policy';

describe('the list of common passwords', () => {
  it('has 10,000 distinct lower-case entries of 12 to 256 characters', () => {
    expect(COMMON_PASSWORDS).toHaveLength(10_000);
    expect(new Set(COMMON_PASSWORDS).size).toBe(10_000);
    for (const password of COMMON_PASSWORDS) {
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(password.length).toBeLessThanOrEqual(256);
      expect(password).toBe(password.toLowerCase());
    }
  });
});

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();

  it('refuses a common password whatever its case', () => {
    expect(isCommonPassword('tea garden monsoon bridge')).toBe(false);
    for (const password of ['qwerty123456', 'QWERTY123456', 'Qwerty123456', 'iloveyou1234']) {
      expect(passwordProblem(password), password).toBe(COMMON_PASSWORD_MESSAGE);
    }
  });

  it('refuses passwords shorter than 12 or longer than 256 characters', () => {
    expect(passwordProblem('a'.repeat(11))).toBe('Use at least 12 characters');
    expect(passwordProblem('a'.repeat(257))).toBe('Use at most 256 characters');
  });

  it('accepts a long, uncommon password with no composition rules', () => {
    expect(passwordProblem('tea garden monsoon bridge')).toBeNull();
    expect(passwordProblem('چائے باغ برسات پل')).toBeNull();
  });

  it('throws a validation error naming the field', async () => {
    await expect(policy.check('tea garden monsoon bridge')).resolves.toBeUndefined();
    const error = await policy.check('qwerty123456', 'newPassword').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ newPassword: [COMMON_PASSWORD_MESSAGE] });
    expect((error as ValidationError).status).toBe(400);
  });
});
