import { ErrorCode } from '@lapata/contracts';
import type { ApiError } from '../../../lib/api-error';

/** Where a 401 from the API sends the person: to finish their second factor, or to sign in again. */
export function signInPath(error: ApiError | null): '/mfa' | '/login' {
  return error?.code === ErrorCode.MfaRequired ? '/mfa' : '/login';
}
