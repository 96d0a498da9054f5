import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { summariseError } from './error-summary';
import { REDACTED, redactPersonalFields } from './personal-fields';
import { assignRequestId } from './request-id';

/**
 * Header paths never written to a log: credentials, and the client's address as forwarded by a
 * proxy (personal data). The referer can carry a token in its query.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-forwarded-for"]',
  'req.headers["x-real-ip"]',
  'req.headers.forwarded',
  'req.headers.referer',
  'res.headers["set-cookie"]',
];

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/** Method, path and headers; never the body, the query string (it may carry a token) or the address. */
export function serializeRequest(req: LoggedRequest) {
  const url = req.originalUrl ?? req.url ?? '';
  return {
    id: req.id,
    method: req.method,
    url: redactPathSecrets(url.split('?', 1)[0]!),
    headers: { ...req.headers },
  };
}

/** Paths whose segment is a secret (the calendar feed's token, also behind the web's /api forward). */
const SECRET_PATH = /^((?:\/api)?\/calendar\/)[^/]+/;

/** The path with any secret segment replaced, so a feed link never reaches a log. */
export function redactPathSecrets(path: string): string {
  return path.replace(SECRET_PATH, `$1${REDACTED}`);
}

/** Response headers worth a log line; `set-cookie` is kept only to show (redacted) that one was set. */
const LOGGED_RESPONSE_HEADERS = ['content-type', 'content-length', 'set-cookie'];

export function serializeResponse(res: ServerResponse) {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_RESPONSE_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) headers[name] = value;
  }
  return { statusCode: res.statusCode, headers };
}

export const serializers = { req: serializeRequest, res: serializeResponse, err: summariseError };

export interface LoggerSettings {
  level: string;
  /** Human-readable lines for a developer's terminal; JSON lines otherwise. */
  pretty: boolean;
}

export function createRootLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: 'lapata-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers,
    formatters: { log: (object) => redactPersonalFields(object) },
  };
  if (destination) return pino(options, destination);
  if (settings.pretty && prettyPrinterInstalled()) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } },
    });
  }
  return pino(options);
}

/** pino-pretty is a development dependency: a production install logs JSON whatever NODE_ENV says. */
function prettyPrinterInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

const PROBE_PATHS = new Set(['/health', '/ready']);

/**
 * The first middleware of every request: gives it its id (see request-id.ts), a child logger that
 * carries the id in every line (`req.log`), and one line when the response is finished.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: assignRequestId,
    // Our serializers take the raw request and response, so pino-http must not pre-serialize them.
    wrapSerializers: false,
    serializers,
    // Orchestrators probe these every few seconds; a failing readiness check logs its own warning.
    autoLogging: { ignore: (req) => req.method === 'GET' && PROBE_PATHS.has((req.url ?? '').split('?', 1)[0]!) },
    customLogLevel: (_req, res, error) => {
      // 503 is the readiness probe saying "not yet"; its cause is logged as a warning already.
      if (res.statusCode === 503) return 'warn';
      if (error || res.statusCode >= 500) return 'error';
      return 'info';
    },
  });
}
