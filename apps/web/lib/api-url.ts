const defaultApiUrl = 'http://127.0.0.1:3001';

/**
 * Where the API listens, read on every call so that `next start` honours the value it is started with
 * (nothing about the API is baked into the build).
 */
export function apiBaseUrl(): URL {
  const configured = process.env.API_URL?.trim() || defaultApiUrl;
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw new Error('API_URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('API_URL must use http or https');
  }
  return url;
}

/**
 * The API address of `path` (which starts with "/"), query included. The path is appended to the
 * base's path rather than resolved against it, so nothing in it can point to another host.
 */
export function apiUrl(path: string, search = ''): URL {
  const base = apiBaseUrl();
  const target = new URL(base.origin);
  target.pathname = base.pathname.replace(/\/+$/, '') + path;
  target.search = search;
  return target;
}
