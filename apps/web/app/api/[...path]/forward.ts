import { apiUrl } from '../../../lib/api-url';
import { failureReason } from '../../../lib/failure-reason';

const apiPrefix = '/api';

// Headers that describe one connection, not the message (RFC 9110 §7.6.1): never passed along.
const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function copyEndToEndHeaders(source: Headers, dropped: readonly string[] = []): Headers {
  const named = (source.get('connection') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const skip = new Set([...hopByHopHeaders, ...named, ...dropped, 'set-cookie']);
  const copy = new Headers();
  source.forEach((value, name) => {
    if (!skip.has(name)) copy.append(name, value);
  });
  // Each cookie stays its own header line; joined with commas they could not be parsed back.
  for (const cookie of source.getSetCookie()) copy.append('set-cookie', cookie);
  return copy;
}

/** Headers for the API: the caller's end-to-end headers plus where the request really came in. */
export function headersToApi(incoming: Headers, requestUrl: URL): Headers {
  // `host` is the API's own; the body is re-encoded by fetch, which also decompresses the answer.
  const headers = copyEndToEndHeaders(incoming, ['host', 'accept-encoding', 'expect']);
  // Next.js fills x-forwarded-* from the socket when the caller sent none; fill what is still missing.
  if (!headers.has('x-forwarded-host')) headers.set('x-forwarded-host', requestUrl.host);
  if (!headers.has('x-forwarded-proto')) headers.set('x-forwarded-proto', requestUrl.protocol.replace(/:$/, ''));
  return headers;
}

/** Headers for the browser: the API's end-to-end headers, minus the encoding fetch already undid. */
export function headersFromApi(upstream: Headers): Headers {
  return copyEndToEndHeaders(upstream, ['content-encoding', 'content-length']);
}

export function apiUnavailable(): Response {
  return Response.json(
    { error: { code: 'API_UNAVAILABLE', message: 'The service is temporarily unavailable. Try again shortly.' } },
    { status: 502, headers: { 'cache-control': 'no-store' } },
  );
}

function notFound(): Response {
  return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, { status: 404 });
}

// Node's fetch needs `duplex` to send a streamed body; the DOM RequestInit type does not know it yet.
type StreamingRequestInit = RequestInit & { duplex: 'half' };

/**
 * Sends `/api/<path>?<query>` to the API as `<API_URL>/<path>?<query>`, streaming both bodies, so the
 * browser only ever talks to this origin.
 */
export async function forwardToApi(request: Request): Promise<Response> {
  const requestUrl = new URL(request.url);
  if (!requestUrl.pathname.startsWith(`${apiPrefix}/`)) return notFound();

  const target = apiUrl(requestUrl.pathname.slice(apiPrefix.length), requestUrl.search);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const init: StreamingRequestInit = {
    method: request.method,
    headers: headersToApi(request.headers, requestUrl),
    body: hasBody ? request.body : null,
    duplex: 'half',
    redirect: 'manual',
    signal: request.signal,
  };

  let upstream: Response;
  try {
    upstream = await fetch(target, init);
  } catch (error) {
    if (request.signal.aborted) throw error;
    // No URL or body in the log: both can carry what a person typed.
    console.error('API unreachable', { method: request.method, ...failureReason(error) });
    return apiUnavailable();
  }

  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: headersFromApi(upstream.headers),
  });
}
