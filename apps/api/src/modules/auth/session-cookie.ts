import type { CookieOptions, Request, Response } from 'express';
import { parse } from 'cookie';
import type { AppConfig } from '../../config/app-config';

/**
 * `__Host-` binds the cookie to the exact origin (Secure, Path=/, no Domain); it is dropped only
 * on plain-HTTP localhost, where browsers refuse Secure cookies.
 */
export function sessionCookieName(config: AppConfig): string {
  return config.secureCookies ? '__Host-lapata_session' : 'lapata_session';
}

function cookieOptions(config: AppConfig): CookieOptions {
  return { httpOnly: true, secure: config.secureCookies, sameSite: 'strict', path: '/' };
}

export function readSessionCookie(request: Request, config: AppConfig): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return parse(header)[sessionCookieName(config)] || undefined;
}

export function setSessionCookie(response: Response, config: AppConfig, token: string): void {
  // No Max-Age: the server decides when a session ends; the cookie goes with the browser session.
  response.cookie(sessionCookieName(config), token, cookieOptions(config));
}

export function clearSessionCookie(response: Response, config: AppConfig): void {
  response.clearCookie(sessionCookieName(config), cookieOptions(config));
}
