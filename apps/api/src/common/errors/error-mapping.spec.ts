import { BadRequestException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { NotFoundError, StaleVersionError } from './api-error';
import { mapError } from './error-mapping';

class PrismaClientKnownRequestError extends Error {
  override name = 'PrismaClientKnownRequestError';
  constructor(
    readonly code: string,
    readonly meta?: object,
  ) {
    super(`Invalid invocation: value "asma@example.org"`);
  }
}

describe('mapError', () => {
  it('hides what Nest says about unknown routes and forbidden resources', () => {
    for (const exception of [new NotFoundException('Cannot GET /cases/secret-name'), new ForbiddenException()]) {
      expect(mapError(exception)).toEqual({ status: 404, error: { code: 'NOT_FOUND', message: 'Not found.' }, unexpected: false });
    }
  });

  it('names body-parser failures without echoing the body', () => {
    const badJson = new BadRequestException('Unexpected token a in JSON', {
      cause: Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed' }),
    });
    expect(mapError(badJson).error).toEqual({ code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' });
    const tooLarge = new HttpException('request entity too large', 413, { cause: { type: 'entity.too.large' } });
    expect(mapError(tooLarge)).toMatchObject({ status: 413, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('turns an id that is not a uuid, or a missing row, into 404 and a unique violation into 409', () => {
    expect(mapError(new PrismaClientKnownRequestError('P2023')).status).toBe(404);
    expect(mapError(new PrismaClientKnownRequestError('P2025')).status).toBe(404);
    const refusedBy = (originalMessage: string) => ({
      driverAdapterError: { cause: { originalCode: '22P02', originalMessage } },
    });
    const badUuid = new PrismaClientKnownRequestError('P2007', refusedBy('invalid input syntax for type uuid: "x"'));
    expect(mapError(badUuid).status).toBe(404);
    const badEnum = new PrismaClientKnownRequestError('P2007', refusedBy('invalid input value for enum "Role": "x"'));
    expect(mapError(badEnum).status).toBe(500);
    expect(mapError(new PrismaClientKnownRequestError('P2002'))).toMatchObject({ status: 409, error: { code: 'CONFLICT' } });
  });

  it('gives a stale edit the version the record is at now, and no other error a version', () => {
    const message = 'Someone else changed this in the meantime. Reload to see the latest version, then try again.';
    expect(mapError(new StaleVersionError(7))).toEqual({
      status: 409,
      error: { code: 'STALE_VERSION', message, fields: { version: [message] }, currentVersion: 7 },
      unexpected: false,
    });
    expect(mapError(new NotFoundError())).toEqual({ status: 404, error: { code: 'NOT_FOUND', message: 'Not found.' }, unexpected: false });
  });

  it('answers anything else with a bare 500', () => {
    for (const exception of [new Error('connect ECONNREFUSED 10.0.0.5:5432'), new PrismaClientKnownRequestError('P1001'), 'text']) {
      const mapped = mapError(exception);
      expect(mapped).toMatchObject({ status: 500, error: { code: 'INTERNAL_ERROR' }, unexpected: true });
      expect(JSON.stringify(mapped)).not.toMatch(/ECONNREFUSED|asma|5432/);
    }
  });
});
