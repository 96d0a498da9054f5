import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

const ONE_YEAR_IN_SECONDS = 365 * 24 * 60 * 60;

const common: HelmetOptions = {
  strictTransportSecurity: { maxAge: ONE_YEAR_IN_SECONDS, includeSubDomains: true },
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
};

/** JSON answers load nothing and may be framed by no one. */
const forJson = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    // object-src and base-uri repeat what default-src implies or leaves open (base-uri has no fallback).
    directives: { defaultSrc: ["'none'"], objectSrc: ["'none'"], baseUri: ["'none'"], frameAncestors: ["'none'"] },
  },
});

/**
 * The Swagger UI page runs its own scripts and styles from this origin, styles some elements
 * inline, and calls the API from the page; still nothing from elsewhere, no inline script, no
 * framing, no form posts.
 */
const forDocsPage = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

export const DOCS_PATH = '/docs';

function isDocsPage(path: string): boolean {
  return path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
}

/**
 * Security headers on every response, and `Cache-Control: no-store` by default: answers can carry
 * personal data, and a shared or browser cache must not keep them. A route that serves something
 * cacheable may override it.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  const apply = isDocsPage(req.path) ? forDocsPage : forJson;
  apply(req, res, next);
}
