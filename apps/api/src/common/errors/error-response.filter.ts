import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { ErrorResponse } from '@lapata/contracts';
import type { Request, Response } from 'express';
import { mapError } from './error-mapping';

/**
 * The one place an error becomes a response: `{ error: { code, message, fields?, currentVersion?, requestId } }`.
 * Catches everything, including body-parser failures and unknown routes, which Nest routes here.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: unknown }>();
    const res = http.getResponse<Response>();
    const mapped = mapError(exception);
    const requestId = typeof req.id === 'string' ? req.id : undefined;

    if (mapped.unexpected) {
      // pino-http writes the request's line with this error (through the error serializer, which
      // keeps no database message); without the request logger, log it here, the same way.
      res.err = exception instanceof Error ? exception : new Error(`Non-error thrown: ${typeof exception}`);
      if (!req.log) this.logger.error({ requestId, err: exception }, 'Unexpected error');
    }

    if (res.headersSent) {
      res.end();
      return;
    }
    const body: ErrorResponse = { error: { ...mapped.error, requestId } };
    res.status(mapped.status).json(body);
  }
}
