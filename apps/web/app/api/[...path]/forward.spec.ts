import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forwardToApi, headersFromApi, headersToApi } from './forward';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

// A real HTTP server stands in for the API: the forward is exercised over the network as in production.
let api: Server;
let seen: SeenRequest[] = [];

beforeAll(async () => {
  api = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.setHeader('content-type', 'application/json');
      response.setHeader('set-cookie', ['session=abc; HttpOnly; SameSite=Strict', 'csrf=def; SameSite=Strict']);
      response.setHeader('x-request-id', String(request.headers['x-request-id'] ?? 'made-by-api'));
      response.setHeader('keep-alive', 'timeout=5');
      response.statusCode = request.url === '/setup' ? 201 : 200;
      response.end(JSON.stringify({ path: request.url }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  process.env.API_URL = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.API_URL;
  await new Promise<void>((resolve, reject) => api.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  seen = [];
});

describe('forwardToApi', () => {
  it('sends /api/<path>?<query> to <API_URL>/<path>?<query>', async () => {
    const response = await forwardToApi(new Request('http://web.test/api/setup/status?fresh=1'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: '/setup/status?fresh=1' });
    expect(seen[0]?.method).toBe('GET');
  });

  it('streams a JSON body through and passes the status back', async () => {
    const body = JSON.stringify({ organizationName: 'Org' });
    const response = await forwardToApi(
      new Request('http://web.test/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    expect(response.status).toBe(201);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/setup', body });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('keeps every set-cookie line and the request id', async () => {
    const response = await forwardToApi(
      new Request('http://web.test/api/health', { headers: { 'x-request-id': 'req-1' } }),
    );
    expect(seen[0]?.headers['x-request-id']).toBe('req-1');
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(response.headers.getSetCookie()).toEqual([
      'session=abc; HttpOnly; SameSite=Strict',
      'csrf=def; SameSite=Strict',
    ]);
    expect(response.headers.has('keep-alive')).toBe(false);
  });

  it('tells the API where the request came in', async () => {
    await forwardToApi(new Request('https://lapata.example/api/health'));
    expect(seen[0]?.headers).toMatchObject({ 'x-forwarded-host': 'lapata.example', 'x-forwarded-proto': 'https' });
  });

  it('cannot be pointed at another host', async () => {
    const response = await forwardToApi(new Request('http://web.test/api//evil.example/x'));
    expect(response.status).toBe(200);
    expect(seen[0]?.url).toBe('//evil.example/x');
  });

  it('answers 502 API_UNAVAILABLE, and nothing more, when the API is down', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const running = process.env.API_URL;
    process.env.API_URL = `http://127.0.0.1:${port}`;
    try {
      const response = await forwardToApi(new Request('http://web.test/api/health'));
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({
        error: { code: 'API_UNAVAILABLE', message: 'The service is temporarily unavailable. Try again shortly.' },
      });
    } finally {
      process.env.API_URL = running;
    }
  });
});

describe('headersToApi', () => {
  it('drops hop-by-hop headers, including those the connection header names', () => {
    const headers = headersToApi(
      new Headers({
        connection: 'keep-alive, x-secret-hop',
        'x-secret-hop': '1',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        upgrade: 'websocket',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        host: 'web.test',
        cookie: 'session=abc',
        'x-forwarded-for': '203.0.113.7',
      }),
      new URL('http://web.test/api/health'),
    );
    expect([...headers.keys()].sort()).toEqual(['cookie', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto']);
    expect(headers.get('x-forwarded-for')).toBe('203.0.113.7');
  });
});

describe('headersFromApi', () => {
  it('drops the encoding headers fetch has already undone', () => {
    const headers = headersFromApi(
      new Headers({ 'content-encoding': 'gzip', 'content-length': '10', 'content-type': 'application/json' }),
    );
    expect([...headers.keys()]).toEqual(['content-type']);
  });
});
