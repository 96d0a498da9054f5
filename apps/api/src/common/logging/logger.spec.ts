import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { summariseError } from './error-summary';
import { createRootLogger } from './logger';
import { isPersonalKey } from './personal-fields';

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createRootLogger({ level: 'info', pretty: false }, destination), lines };
}

const request = {
  id: 'req-0001',
  method: 'POST',
  url: '/setup?token=abc123secret',
  headers: {
    host: 'localhost:3001',
    cookie: '__Host-session=session-secret',
    authorization: 'Bearer bearer-secret',
    'x-forwarded-for': '203.0.113.7',
    'content-type': 'application/json',
  },
} as unknown as IncomingMessage;

describe('the root logger', () => {
  it('redacts credentials and personal fields, and strips the query from the URL', () => {
    const { logger, lines } = captureLogger();
    logger.info(
      {
        req: request,
        admin: { adminEmail: 'asma@example.org', displayName: 'Asma', nested: [{ phone: '+92 300 0000000' }] },
        password: 'correct horse battery staple',
        organizationId: '0197a3c2-0000-7000-8000-000000000000',
      },
      'Setup attempted',
    );
    const [line] = lines;
    expect(line).toMatchObject({
      msg: 'Setup attempted',
      service: 'lapata-api',
      req: {
        id: 'req-0001',
        method: 'POST',
        url: '/setup',
        headers: {
          host: 'localhost:3001',
          cookie: '[Redacted]',
          authorization: '[Redacted]',
          'x-forwarded-for': '[Redacted]',
          'content-type': 'application/json',
        },
      },
      admin: { adminEmail: '[Redacted]', displayName: '[Redacted]', nested: [{ phone: '[Redacted]' }] },
      password: '[Redacted]',
      organizationId: '0197a3c2-0000-7000-8000-000000000000',
    });
    const printed = JSON.stringify(lines);
    for (const secret of ['abc123secret', 'session-secret', 'bearer-secret', 'asma@example.org', 'Asma', 'battery', '203.0.113.7']) {
      expect(printed).not.toContain(secret);
    }
  });

  it('redacts personal fields in child logger bindings too', () => {
    const { logger, lines } = captureLogger();
    logger.child({ req: request }).warn('Something');
    expect(lines[0]).toMatchObject({ req: { url: '/setup', headers: { cookie: '[Redacted]' } } });
  });
});

describe('isPersonalKey', () => {
  it.each(['email', 'adminEmail', 'admin_email', 'password', 'newPassword', 'setupToken', 'name', 'displayName', 'nationalId', 'phone', 'cookie'])(
    '%s is personal',
    (key) => expect(isPersonalKey(key)).toBe(true),
  );

  it.each(['organizationId', 'status', 'requestId', 'code', 'caseReferencePrefix'])('%s is not', (key) =>
    expect(isPersonalKey(key)).toBe(false),
  );
});

describe('summariseError', () => {
  it('drops the message of database errors, which can quote values', () => {
    class PrismaClientKnownRequestError extends Error {
      code = 'P2002';
      meta = {
        driverAdapterError: {
          cause: { kind: 'UniqueConstraintViolation', originalCode: '23505', originalMessage: 'Key (email)=(asma@example.org)' },
        },
      };
    }
    const summary = summariseError(new PrismaClientKnownRequestError('Unique constraint failed on (email)=(asma@example.org)'));
    expect(summary).toMatchObject({
      type: 'PrismaClientKnownRequestError',
      code: 'P2002',
      driverError: { kind: 'UniqueConstraintViolation', sqlState: '23505' },
    });
    expect(summary.message).toBeUndefined();
    expect(JSON.stringify(summary)).not.toContain('asma@example.org');
  });

  it('keeps the message of errors about reaching the database server', () => {
    class PrismaClientInitializationError extends Error {
      code = 'P1001';
    }
    const summary = summariseError(new PrismaClientInitializationError("\nCan't reach database server at `db:5432`"));
    expect(summary).toMatchObject({ code: 'P1001', message: "Can't reach database server at …" });
  });

  it('masks quoted text in other messages and keeps the stack frames', () => {
    const summary = summariseError(new TypeError('Cannot read "Asma Jahangir" of undefined'));
    expect(summary.type).toBe('TypeError');
    expect(summary.message).toBe('Cannot read … of undefined');
    expect(summary.stack).toMatch(/^at /);
  });
});

describe('the response serializer', () => {
  it('keeps the status and a few headers, and redacts cookies being set', () => {
    const { logger, lines } = captureLogger();
    const headers: Record<string, unknown> = {
      'content-type': 'application/json',
      'set-cookie': ['__Host-session=new-session-secret'],
      'strict-transport-security': 'max-age=31536000',
    };
    const response = { statusCode: 201, getHeader: (name: string) => headers[name] } as unknown as ServerResponse;
    logger.info({ res: response }, 'done');
    expect(lines[0]).toMatchObject({
      res: { statusCode: 201, headers: { 'content-type': 'application/json', 'set-cookie': '[Redacted]' } },
    });
    expect(JSON.stringify(lines)).not.toMatch(/new-session-secret|strict-transport-security/);
  });
});
