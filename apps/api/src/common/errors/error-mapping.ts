import { HttpException } from '@nestjs/common';
import { ErrorCode, type ErrorResponse } from '@lapata/contracts';
import { ApiError } from './api-error';

export interface MappedError {
  status: number;
  error: Omit<ErrorResponse['error'], 'requestId'>;
  /** A fault of ours (or of something we depend on), not of the request: logged with its cause. */
  unexpected: boolean;
}

const NOT_FOUND: MappedError = {
  status: 404,
  error: { code: ErrorCode.NotFound, message: 'Not found.' },
  unexpected: false,
};

const INTERNAL: MappedError = {
  status: 500,
  error: {
    code: ErrorCode.InternalError,
    message: 'Something went wrong on our side. If it keeps happening, report it with the request id.',
  },
  unexpected: true,
};

/**
 * Turns anything thrown while serving a request into the one error shape. Only messages written
 * here or carried by an ApiError reach the client: never a framework message (it would echo the
 * URL), a database message (it would echo values) or a stack.
 */
export function mapError(exception: unknown): MappedError {
  if (exception instanceof ApiError) {
    const { status, code, message, fields, currentVersion } = exception;
    const error: MappedError['error'] = { code, message };
    if (fields) error.fields = fields;
    if (currentVersion !== undefined) error.currentVersion = currentVersion;
    if (exception.allowed) error.allowed = [...exception.allowed];
    if (exception.records) error.records = exception.records.map((record) => ({ ...record }));
    return { status, error, unexpected: status >= 500 };
  }
  if (exception instanceof HttpException) {
    return mapHttpException(exception);
  }
  const prisma = asPrismaError(exception);
  if (prisma) {
    return mapPrismaError(prisma);
  }
  return INTERNAL;
}

function mapHttpException(exception: HttpException): MappedError {
  const status = exception.getStatus();
  const bodyParserFailure = bodyParserErrorType(exception.cause);
  if (bodyParserFailure === 'entity.parse.failed') {
    return failure(400, ErrorCode.ValidationFailed, 'The request body is not valid JSON.');
  }
  switch (status) {
    case 400:
      return failure(400, ErrorCode.ValidationFailed, 'The request is not valid.');
    case 401:
      return failure(401, ErrorCode.Unauthenticated, 'Sign in to continue.');
    // Forbidden and missing look the same from outside.
    case 403:
    case 404:
      return NOT_FOUND;
    case 409:
      return failure(409, ErrorCode.Conflict, 'The request conflicts with the current state. Reload and try again.');
    case 413:
      return failure(413, ErrorCode.PayloadTooLarge, 'The request body is too large.');
    case 415:
      return failure(415, ErrorCode.ValidationFailed, 'The request body must be JSON.');
    case 429:
      return failure(429, ErrorCode.RateLimited, 'Too many attempts. Wait a few minutes and try again.');
  }
  if (status >= 400 && status < 500) {
    return failure(status, ErrorCode.ValidationFailed, 'The request is not valid.');
  }
  return INTERNAL;
}

/**
 * Prisma's known request errors, recognised by name and code so that this file needs no import of
 * the database client. An id that is not a uuid, or a row that is gone, is a 404 like any other
 * missing resource; a unique violation is a conflict.
 */
const PRISMA_NOT_FOUND = new Set(['P2001', 'P2015', 'P2018', 'P2023', 'P2025']);

interface PrismaKnownError {
  code: string;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } };
}

function asPrismaError(exception: unknown): PrismaKnownError | undefined {
  if (!(exception instanceof Error) || exception.name !== 'PrismaClientKnownRequestError') return undefined;
  const { code } = exception as { code?: unknown };
  return typeof code === 'string' ? (exception as unknown as PrismaKnownError) : undefined;
}

function mapPrismaError(error: PrismaKnownError): MappedError {
  if (PRISMA_NOT_FOUND.has(error.code) || isMalformedUuid(error)) return NOT_FOUND;
  if (error.code === 'P2002') {
    return failure(409, ErrorCode.Conflict, 'The request conflicts with the current state. Reload and try again.');
  }
  return INTERNAL;
}

/**
 * PostgreSQL refused a value as a uuid (22P02), reported through the driver adapter as P2007. Any
 * other invalid value is a bug (validation should have caught it) and stays a 500.
 */
function isMalformedUuid(error: PrismaKnownError): boolean {
  const cause = error.meta?.driverAdapterError?.cause;
  return (
    error.code === 'P2007' &&
    cause?.originalCode === '22P02' &&
    typeof cause.originalMessage === 'string' &&
    /\btype uuid\b/.test(cause.originalMessage)
  );
}

function failure(status: number, code: ErrorCode, message: string): MappedError {
  return { status, error: { code, message }, unexpected: false };
}

/** body-parser marks its errors with a `type` such as `entity.too.large`. */
function bodyParserErrorType(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const type = (cause as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}
