import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCode } from '@lapata/contracts';
import type { Request } from 'express';
import { AppConfig } from '../../config/app-config';
import { readSessionCookie } from '../../modules/auth/session-cookie';
import { ApiError } from '../errors/api-error';

export class CsrfRejectedError extends ApiError {
  constructor() {
    super(403, ErrorCode.CsrfRejected, 'This request came from another site and was refused.');
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery check on every state-changing request, on top of `SameSite=Strict`
 * cookies (which old browsers and same-site subdomains do not fully cover):
 * - with an `Origin` header, it must be the web's own origin (PUBLIC_URL);
 * - without one, `Sec-Fetch-Site` (when sent) must be `same-origin`;
 * - with neither, no browser made the request (every current browser sends `Origin` on these
 *   methods), so it may only go through without a session cookie: a script (curl, the tests)
 *   can sign in and then send the cookie together with an `Origin`.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  private readonly allowedOrigin: string;

  constructor(private readonly config: AppConfig) {
    this.allowedOrigin = new URL(config.publicUrl).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(request.method)) return true;
    if (!this.isSameOrigin(request)) throw new CsrfRejectedError();
    return true;
  }

  private isSameOrigin(request: Request): boolean {
    const origin = request.headers.origin;
    if (origin !== undefined) return origin === this.allowedOrigin;
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin';
    return readSessionCookie(request, this.config) === undefined;
  }
}
