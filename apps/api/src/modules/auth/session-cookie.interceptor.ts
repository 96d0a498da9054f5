import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { AppConfig } from '../../config/app-config';
import { setSessionCookie } from './session-cookie';
import type { SessionStarted } from './session.service';

@Injectable()
export class SessionCookieInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler<SessionStarted<unknown>>): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map(({ response, sessionToken }) => {
        setSessionCookie(res, this.config, sessionToken);
        return response;
      }),
    );
  }
}

/**
 * For a route whose handler returns a `SessionStarted`: the new session's token is set as the
 * session cookie and the response is the body.
 */
export const SetsSessionCookie = (): MethodDecorator => UseInterceptors(SessionCookieInterceptor);
