import { apiUnavailableCode, readApiError, type ApiError } from './api-error';

/** What one call to the API from the browser came to, in the terms the pages act on. */
export type ApiOutcome<T> =
  | { kind: 'ok'; data: T }
  /** 401: no session, or it has ended, or it still owes (or must set up) its second factor. */
  | { kind: 'signedOut'; error: ApiError | null }
  /** 404: not there, or not for this person; the API does not say which. */
  | { kind: 'notFound' }
  | { kind: 'failed'; status: number; error: ApiError | null }
  | { kind: 'unreachable' };

/**
 * Calls `/api<path>` on this origin with the session cookie. A successful answer is parsed with
 * the shared schema (see lazySchema): a wrong shape is a bug between API and web and fails loudly.
 */
export async function callApi<T>(
  path: string,
  schema: { parse(value: unknown): T | Promise<T> } | null,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown } = {},
): Promise<ApiOutcome<T>> {
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
  if (response.ok) {
    const data = schema ? await schema.parse(await response.json()) : (undefined as T);
    return { kind: 'ok', data };
  }
  const error = await readApiError(response);
  if (error?.code === apiUnavailableCode) return { kind: 'unreachable' };
  if (response.status === 401) return { kind: 'signedOut', error };
  if (response.status === 404) return { kind: 'notFound' };
  return { kind: 'failed', status: response.status, error };
}
