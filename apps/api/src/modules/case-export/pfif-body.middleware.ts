import { Injectable, type NestMiddleware } from '@nestjs/common';
import { ErrorCode, PFIF_IMPORT_MAX_BYTES } from '@lapata/contracts';
import type { NextFunction, Request, Response } from 'express';
import { ApiError, ValidationError } from '../../common/errors/api-error';

export interface RequestWithPfif extends Request {
  /** The XML body as text, or why it could not be read; unset when the request sent no XML. */
  pfifBody?: { xml: string } | { error: ApiError };
}

export const PFIF_CONTENT_TYPE = /^(application|text)\/xml\b/i;

export class PfifFileTooLargeError extends ApiError {
  constructor() {
    const message = `The file is larger than ${PFIF_IMPORT_MAX_BYTES / (1024 * 1024)} MB.`;
    super(413, ErrorCode.PayloadTooLarge, message, { file: [message] });
  }
}

/**
 * Reads an XML body (at most PFIF_IMPORT_MAX_BYTES, as UTF-8) before the request's transaction
 * opens. Only requests with a cookie are read; anything else reaches the route, which answers 401,
 * or 415 once access is checked.
 */
@Injectable()
export class PfifBodyMiddleware implements NestMiddleware {
  use(request: RequestWithPfif, response: Response, next: NextFunction): void {
    if (!request.headers.cookie || !PFIF_CONTENT_TYPE.test(request.headers['content-type'] ?? '')) {
      next();
      return;
    }
    // A refused body is handed to the route, which answers it once access is checked.
    readBody(request).then(
      (xml) => {
        request.pfifBody = { xml };
        next();
      },
      (error: unknown) => {
        // The client went away mid-upload: there is nobody to answer. (The request stream itself
        // is always destroyed once read to its end, so it cannot tell.)
        if (request.socket.destroyed || response.destroyed) return;
        request.pfifBody = {
          error: error instanceof ApiError ? error : new ValidationError({ file: ['The upload was interrupted. Try again.'] }, 'The upload was interrupted.'),
        };
        next();
      },
    );
  }
}

async function readBody(request: Request): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Past the limit the rest is read and dropped, so that the client still gets the answer.
    if (size <= PFIF_IMPORT_MAX_BYTES) chunks.push(chunk);
  }
  if (size > PFIF_IMPORT_MAX_BYTES) throw new PfifFileTooLargeError();
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Buffer.concat(chunks));
  } catch {
    throw new ValidationError({ file: ['Save the file as UTF-8.'] }, 'The file is not UTF-8 text.');
  }
}
