import { apiUnavailableCode, readApiError, type ApiError } from '../../../lib/api-error';

/** What one call to the API came to, for the two-step sign-in forms. */
export type MfaCall<T> =
  | { kind: 'ok'; data: T }
  /** 401: no session, or a session that still owes (or must set up) its second factor. */
  | { kind: 'signedOut'; error: ApiError | null }
  | { kind: 'failed'; status: number; error: ApiError | null }
  | { kind: 'unreachable' };

/**
 * Calls `/api<path>` on this origin with the session cookie. A successful answer is parsed with the
 * shared schema: a wrong shape is a bug between API and web and fails loudly.
 */
export async function callMfaApi<T>(
  path: string,
  schema: { parse(value: unknown): T } | null,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown } = {},
): Promise<MfaCall<T>> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return { kind: 'unreachable' };
  }
  if (response.ok) return { kind: 'ok', data: schema ? schema.parse(await response.json()) : (undefined as T) };
  const error = await readApiError(response);
  if (error?.code === apiUnavailableCode) return { kind: 'unreachable' };
  if (response.status === 401) return { kind: 'signedOut', error };
  return { kind: 'failed', status: response.status, error };
}
