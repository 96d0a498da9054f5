import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, type Observable, from } from 'rxjs';
import { ErrorCode } from '@lapata/contracts';
import { ApiError, NotFoundError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';
import { ROUTE_ACCESS, type RequestWithActor, type RouteAccess, WITHOUT_DATABASE } from '../../access/route-access';
import { readSessionCookie } from './session-cookie';
import { SessionService } from './session.service';

export class UnauthenticatedError extends ApiError {
  constructor(code: ErrorCode = ErrorCode.Unauthenticated, message = 'Sign in to continue.') {
    super(401, code, message);
  }
}

/**
 * Every request runs in ONE database transaction (row-level security settings included) opened
 * here, and every non-public route needs a live session, established inside that transaction.
 * This is an interceptor rather than a guard so that authentication and the use case share the
 * transaction: one BEGIN/COMMIT per request.
 */
@Injectable()
export class RequestSessionInterceptor implements NestInterceptor {
  private readonly logger = new Logger(RequestSessionInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly db: DatabaseContext,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const withoutDatabase = this.reflector.get<boolean | undefined>(WITHOUT_DATABASE, context.getHandler());
    if (access?.kind === 'public' && withoutDatabase) return next.handle();
    return from(
      this.db.run({}, async () => {
        if (!access) {
          // Deny by default: a route nobody declared access for is treated as not existing.
          this.logger.error(`Route ${request.method} ${request.route?.path ?? '?'} declares no access policy`);
          throw new NotFoundError();
        }
        if (access.kind !== 'public') await this.authenticate(request, access);
        return lastValueFrom(next.handle(), { defaultValue: undefined });
      }, { requestId: typeof request.id === 'string' ? request.id : undefined }),
    );
  }

  private async authenticate(request: RequestWithActor, access: RouteAccess): Promise<void> {
    const token = readSessionCookie(request, this.config);
    const session = token ? await this.sessions.authenticate(token) : null;
    if (!session) throw new UnauthenticatedError();
    if (session.mfa !== 'satisfied' && access.kind !== 'pending-mfa') {
      throw new UnauthenticatedError(
        ErrorCode.MfaRequired,
        session.mfa === 'challenge'
          ? 'Enter the code from your authenticator app to continue.'
          : 'Your organisation requires two-step sign-in. Set it up to continue.',
      );
    }
    request.actor = {
      userId: session.userId,
      sessionId: session.sessionId,
      organizationId: session.organizationId,
      role: session.role,
      mfa: session.mfa,
    };
  }
}
