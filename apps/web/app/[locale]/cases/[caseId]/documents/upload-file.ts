import type { ApiError } from '../../../../../lib/api-error';
import { loadContracts } from '../../../../../lib/lazy-contracts';

export type UploadOutcome<T> =
  | { kind: 'ok'; data: T }
  | { kind: 'signedOut'; error: ApiError | null }
  | { kind: 'notFound' }
  | { kind: 'failed'; status: number; error: ApiError | null }
  | { kind: 'unreachable' }
  | { kind: 'aborted' };

/**
 * Sends a multipart form to `/api<path>` with XMLHttpRequest, because fetch reports no upload
 * progress. The web's /api forward streams the body to the API as it arrives.
 */
export async function uploadFile<T>(
  path: string,
  form: FormData,
  schema: { parse(value: unknown): T | Promise<T> },
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadOutcome<T>> {
  const answer = await new Promise<{ status: number; body: unknown } | 'unreachable' | 'aborted'>((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api${path}`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => resolve('unreachable');
    request.onabort = () => resolve('aborted');
    request.onload = () => {
      let body: unknown = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        body = null;
      }
      resolve({ status: request.status, body });
    };
    signal?.addEventListener('abort', () => request.abort());
    request.send(form);
  });
  if (answer === 'unreachable') return { kind: 'unreachable' };
  if (answer === 'aborted') return { kind: 'aborted' };
  const { status, body } = answer;
  if (status >= 200 && status < 300) return { kind: 'ok', data: await schema.parse(body) };
  const { ErrorResponseSchema } = await loadContracts();
  const parsed = ErrorResponseSchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : null;
  if (error?.code === 'API_UNAVAILABLE') return { kind: 'unreachable' };
  if (status === 401) return { kind: 'signedOut', error };
  if (status === 404) return { kind: 'notFound' };
  return { kind: 'failed', status, error };
}

/** The API's message for the file field (size, type, emptiness), if it sent one. */
export function fileError(error: ApiError | null): string | null {
  return error?.fields?.file?.[0] ?? null;
}
