import createMiddleware from 'next-intl/middleware';
import type { NextRequest } from 'next/server';
import { routing } from './i18n/routing';
import { buildContentSecurityPolicy, createNonce } from './lib/content-security-policy';

const handleLocaleRouting = createMiddleware(routing);

export default function proxy(request: NextRequest) {
  const policy = buildContentSecurityPolicy(createNonce(), {
    development: process.env.NODE_ENV === 'development',
  });
  // Next.js takes the nonce for its own scripts from the request's CSP header; next-intl copies the
  // request headers into the response it builds, so setting it here reaches the renderer.
  request.headers.set('content-security-policy', policy);

  const response = handleLocaleRouting(request);
  response.headers.set('Content-Security-Policy', policy);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

export const config = {
  // Everything but the API forward (/api/...), build assets and the icon. Every HTML answer, 404s
  // included, must pass here: it is where the locale is resolved and the per-request nonce is made.
  matcher: ['/((?!api/|_next/static/|_next/image|icon\\.svg$).*)'],
};
