import { ErrorCode, SetupStatusResponseSchema } from '@lapata/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callApi } from './api-client';
import { apiUnavailableCode } from './api-error';
import { lazySchema } from './lazy-contracts';

/** Answers every fetch with `response` (or rejects with `error`) and records what was asked. */
function answer(response: Response | Error) {
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const refusal = (status: number, code: string) => Response.json({ error: { code, message: 'Refused.' } }, { status });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('callApi', () => {
  it('sends JSON to /api on this origin with the session cookie, and parses the answer', async () => {
    const fetch = answer(Response.json({ needed: true }));
    await expect(callApi('/things', SetupStatusResponseSchema, { method: 'PUT', body: { name: 'x' } })).resolves.toEqual({
      kind: 'ok',
      data: { needed: true },
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/things');
    expect(init).toMatchObject({
      method: 'PUT',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"name":"x"}',
    });
  });

  it('sends a GET without a body or content type by default', async () => {
    const fetch = answer(new Response(null, { status: 204 }));
    await expect(callApi('/things', null)).resolves.toEqual({ kind: 'ok', data: undefined });
    const [, init] = fetch.mock.calls[0]!;
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
    expect(init.headers).toEqual({ accept: 'application/json' });
  });

  it('fails loudly on an answer of the wrong shape', async () => {
    answer(Response.json({ needed: 'yes' }));
    await expect(callApi('/things', SetupStatusResponseSchema)).rejects.toThrow();
  });

  it('parses with a shared schema loaded on first use, and fails loudly on the wrong shape', async () => {
    const schema = lazySchema((contracts) => contracts.SetupStatusResponseSchema);
    answer(Response.json({ needed: false }));
    await expect(callApi('/things', schema)).resolves.toEqual({ kind: 'ok', data: { needed: false } });
    answer(Response.json({ needed: 'no' }));
    await expect(callApi('/things', schema)).rejects.toThrow();
  });

  it('reads 401 as signed out, keeping the error that says why', async () => {
    answer(refusal(401, ErrorCode.MfaRequired));
    await expect(callApi('/things', null)).resolves.toEqual({
      kind: 'signedOut',
      error: { code: ErrorCode.MfaRequired, message: 'Refused.' },
    });
  });

  it('reads 404 as not found', async () => {
    answer(refusal(404, ErrorCode.NotFound));
    await expect(callApi('/things', null)).resolves.toEqual({ kind: 'notFound' });
  });

  it('reads any other refusal as failed, with its status and error', async () => {
    answer(refusal(429, ErrorCode.RateLimited));
    await expect(callApi('/things', null, { method: 'POST' })).resolves.toEqual({
      kind: 'failed',
      status: 429,
      error: { code: ErrorCode.RateLimited, message: 'Refused.' },
    });
  });

  it('reads a failure without the shared error shape as failed with no error', async () => {
    answer(new Response('<html>Bad gateway</html>', { status: 500, headers: { 'content-type': 'text/html' } }));
    await expect(callApi('/things', null)).resolves.toEqual({ kind: 'failed', status: 500, error: null });
  });

  it('reads a network failure, and the web saying the API is out of reach, as unreachable', async () => {
    answer(new TypeError('Failed to fetch'));
    await expect(callApi('/things', null)).resolves.toEqual({ kind: 'unreachable' });
    answer(refusal(502, apiUnavailableCode));
    await expect(callApi('/things', null)).resolves.toEqual({ kind: 'unreachable' });
  });
});
