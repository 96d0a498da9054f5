import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Where a request comes from, for rate limits and the sessions list. */
export interface ClientInfo {
  /** As Express sees it: the proxies named in TRUST_PROXY are believed, no others. */
  address: string | undefined;
  userAgent: string | undefined;
}

export const CurrentClient = createParamDecorator((_data: unknown, context: ExecutionContext): ClientInfo => {
  const request = context.switchToHttp().getRequest<Request>();
  return { address: request.ip, userAgent: request.headers['user-agent'] };
});
