import { ErrorResponseSchema } from '@lapata/contracts';
import type { ApiError } from '../../../../../lib/api-error';

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
export function uploadFile<T>(
  path: string,
  form: FormData,
  schema: { parse(value: unknown): T },
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadOutcome<T>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api${path}`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => resolve({ kind: 'unreachable' });
    request.onabort = () => resolve({ kind: 'aborted' });
    request.onload = () => {
      let body: unknown = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        body = null;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve({ kind: 'ok', data: schema.parse(body) });
        return;
      }
      const parsed = ErrorResponseSchema.safeParse(body);
      const error = parsed.success ? parsed.data.error : null;
      if (error?.code === 'API_UNAVAILABLE') resolve({ kind: 'unreachable' });
      else if (request.status === 401) resolve({ kind: 'signedOut', error });
      else if (request.status === 404) resolve({ kind: 'notFound' });
      else resolve({ kind: 'failed', status: request.status, error });
    };
    signal?.addEventListener('abort', () => request.abort());
    request.send(form);
  });
}

/** The API's message for the file field (size, type, emptiness), if it sent one. */
export function fileError(error: ApiError | null): string | null {
  return error?.fields?.file?.[0] ?? null;
}
