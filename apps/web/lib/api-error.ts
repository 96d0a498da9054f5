import { ErrorCode, type ErrorResponse } from '@lapata/contracts';
import { loadContracts } from './lazy-contracts';

export type ApiError = ErrorResponse['error'];

/** The error a failed API answer carries, or null when the answer is not in the shared error shape. */
export async function readApiError(response: Response): Promise<ApiError | null> {
  if (!response.headers.get('content-type')?.includes('application/json')) return null;
  const { ErrorResponseSchema } = await loadContracts();
  const parsed = ErrorResponseSchema.safeParse(await response.json());
  return parsed.success ? parsed.data.error : null;
}

/** The web's own answer when the API cannot be reached (see app/api/[...path]/forward.ts). */
export const apiUnavailableCode = 'API_UNAVAILABLE';

/** Where a 401 from the API sends the person: to finish their second factor, or to sign in again. */
export function signInPath(error: ApiError | null): '/mfa' | '/login' {
  return error?.code === ErrorCode.MfaRequired ? '/mfa' : '/login';
}
