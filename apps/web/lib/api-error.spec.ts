import { ErrorCode } from '@lapata/contracts';
import { describe, expect, it } from 'vitest';
import { signInPath } from './api-error';

describe('signInPath', () => {
  it('sends a session that still owes its second factor to finish it', () => {
    expect(signInPath({ code: ErrorCode.MfaRequired, message: 'Second factor needed.' })).toBe('/mfa');
  });

  it('sends everyone else to sign in again', () => {
    expect(signInPath({ code: ErrorCode.Unauthenticated, message: 'Sign in.' })).toBe('/login');
    expect(signInPath(null)).toBe('/login');
  });
});
