import type { IncomingMessage, ServerResponse } from 'node:http';
import { uuidv7 } from '@lapata/db';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An incoming id is kept only when it looks like one (a uuid or a short opaque token), so that a
 * client cannot put text, personal data or log-forging characters into every log line.
 */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$/;

export function acceptRequestId(incoming: string | string[] | undefined): string | undefined {
  return typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : undefined;
}

/** pino-http's `genReqId`: decides the request's id once and echoes it in the response. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const id = acceptRequestId(req.headers[REQUEST_ID_HEADER]) ?? uuidv7();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
