import { ErrorResponseSchema, type ErrorResponse } from '@lapata/contracts';

export type ApiError = ErrorResponse['error'];

/** The error a failed API answer carries, or null when the answer is not in the shared error shape. */
export async function readApiError(response: Response): Promise<ApiError | null> {
  if (!response.headers.get('content-type')?.includes('application/json')) return null;
  const parsed = ErrorResponseSchema.safeParse(await response.json());
  return parsed.success ? parsed.data.error : null;
}

/** The web's own answer when the API cannot be reached (see app/api/[...path]/forward.ts). */
export const apiUnavailableCode = 'API_UNAVAILABLE';
