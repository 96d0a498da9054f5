import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// On every response, pages, assets and the /api forward alike. The Content-Security-Policy is not
// here: it carries a per-request nonce and is set in proxy.ts.
const securityHeaders = [
  { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  turbopack: {
    resolveAlias: {
      // The package's dist is CommonJS (for the API), which the bundler cannot tree-shake: every
      // schema, and all of zod's locales, would reach the browser. Its ES module sources can be
      // (which is why its package.json declares no "type": Node and tsc still read it as CommonJS).
      '@lapata/contracts': '../../packages/contracts/src/index.ts',
    },
  },
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  // Messages are compiled at build time, so the browser gets a small formatter instead of the ICU
  // message parser.
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
})(nextConfig);
