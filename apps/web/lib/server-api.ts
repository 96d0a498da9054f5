import 'server-only';
import { headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { redirect } from '../i18n/navigation';
import { readApiError, signInPath } from './api-error';
import { apiUrl } from './api-url';
import { failureReason } from './failure-reason';

export type ServerApiResult<T> =
  | { kind: 'ok'; data: T }
  /** Not there, or not for this person: the API does not say which. */
  | { kind: 'notFound' }
  | { kind: 'unavailable' };

/**
 * Reads `path` from the API for the person viewing the page, server to server, with the cookies
 * their browser sent. Without a live session it sends them to sign in, or to finish their second
 * factor; a wrong answer shape or an unexpected status is a bug and fails the page loudly.
 */
export async function readFromApi<T>(
  path: string,
  schema: { parse(value: unknown): T },
  search = '',
): Promise<ServerApiResult<T>> {
  const cookie = (await headers()).get('cookie');
  let response: Response;
  try {
    response = await fetch(apiUrl(path, search), {
      cache: 'no-store',
      headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    // No URL in the log: it names the case.
    console.error('API unreachable', failureReason(error));
    return { kind: 'unavailable' };
  }
  if (response.ok) return { kind: 'ok', data: schema.parse(await response.json()) };
  if (response.status === 404) return { kind: 'notFound' };
  if (response.status === 401) {
    redirect({ href: signInPath(await readApiError(response)), locale: await getLocale() });
  }
  console.error('API request failed', { status: response.status });
  throw new Error(`The API answered ${response.status}`);
}
