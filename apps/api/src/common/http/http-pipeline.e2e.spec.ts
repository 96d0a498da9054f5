import { Controller, Get, Module, Param, Post, type DynamicModule } from '@nestjs/common';
import { PrismaClient } from '@lapata/db';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { Public } from '../../access/route-access';
import { UuidParam, ZodBody } from '../validation/decorators';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Routes that exercise the shared pipeline the way later modules will use it. */
@Public()
@Controller('probe')
class ProbeController {
  constructor(private readonly prisma: PrismaClient) {}

  @Get('cases/:id')
  getCase(@UuidParam('id') id: string) {
    return { id };
  }

  /** No uuid check on purpose: shows what happens when a bad id reaches the database. */
  @Get('organizations/:id')
  async getOrganization(@Param('id') id: string) {
    const organization = await this.prisma.organization.findUniqueOrThrow({ where: { id } });
    return { id: organization.id };
  }

  @Get('failure')
  fail(): never {
    throw new Error('Lookup failed for "Asma Jahangir"');
  }

  @Post('notes')
  addNote(@ZodBody(z.strictObject({ note: z.string().max(10_000) })) body: { note: string }) {
    return body;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const withProbe = (appModule: DynamicModule): DynamicModule => ({ module: ProbeModule, imports: [appModule] });

function expectErrorShape(body: unknown, code: string, requestId: string | undefined) {
  expect(body).toEqual({ error: { code, message: expect.any(String), requestId } });
}

describe('the HTTP pipeline', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp({ env: { BODY_LIMIT: '2kb' }, wrap: withProbe });
  });

  afterAll(() => test?.close());

  describe('errors', () => {
    it('answers an unknown route with a neutral 404 that does not echo the path', async () => {
      const response = await request(test.http).get('/missing-persons/asma-jahangir?token=abc').expect(404);
      expect(response.body).toEqual({
        error: { code: 'NOT_FOUND', message: 'Not found.', requestId: response.headers['x-request-id'] },
      });
      expect(response.text).not.toContain('asma');
    });

    it('answers a body that is not JSON with 400', async () => {
      const response = await request(test.http)
        .post('/probe/notes')
        .set('content-type', 'application/json')
        .send('{"note": "unterminated')
        .expect(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' });
      expect(response.text).not.toContain('unterminated');
    });

    it('answers a body over BODY_LIMIT with 413', async () => {
      const response = await request(test.http).post('/probe/notes').send({ note: 'x'.repeat(3000) }).expect(413);
      expectErrorShape(response.body, 'PAYLOAD_TOO_LARGE', response.headers['x-request-id']);
    });

    it('answers unknown and invalid fields with 400 and a message per field', async () => {
      const response = await request(test.http).post('/probe/notes').send({ note: 7, role: 'ORG_ADMIN' }).expect(400);
      expect(response.body).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Some fields are not valid.',
          fields: { note: ['Invalid input: expected string, received number'], role: ['Unknown field'] },
          requestId: response.headers['x-request-id'],
        },
      });
    });

    it('answers a route id that is not a uuid with 404', async () => {
      const response = await request(test.http).get('/probe/cases/not-a-uuid').expect(404);
      expectErrorShape(response.body, 'NOT_FOUND', response.headers['x-request-id']);
      const id = '0197a3c2-5d1e-7000-8000-000000000001';
      await request(test.http).get(`/probe/cases/${id}`).expect(200, { id });
    });

    it('answers 404, not 500, when a bad or unknown id reaches the database', async () => {
      const bad = await request(test.http).get('/probe/organizations/not-a-uuid').expect(404);
      expectErrorShape(bad.body, 'NOT_FOUND', bad.headers['x-request-id']);
      await request(test.http).get('/probe/organizations/0197a3c2-5d1e-7000-8000-000000000001').expect(404);
    });

    it('answers an unexpected failure with a bare 500 and logs it with the request id, without the detail', async () => {
      const response = await request(test.http).get('/probe/failure').set('x-request-id', 'failure-0001').expect(500);
      expect(response.body).toEqual({
        error: {
          code: 'INTERNAL_ERROR',
          message: 'Something went wrong on our side. If it keeps happening, report it with the request id.',
          requestId: 'failure-0001',
        },
      });
      const line = test.logs.lines.find((entry) => (entry.req as { id?: string } | undefined)?.id === 'failure-0001');
      expect(line).toMatchObject({ level: 50, err: { type: 'Error', message: 'Lookup failed for …' } });
      expect(test.logs.text()).not.toContain('Asma');
    });
  });

  describe('headers', () => {
    it('sends the security headers and no-store on answers and on errors', async () => {
      for (const path of ['/health', '/no-such-route']) {
        const response = await request(test.http).get(path);
        expect(response.headers).toMatchObject({
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'x-frame-options': 'DENY',
          'content-security-policy': "default-src 'none';object-src 'none';base-uri 'none';frame-ancestors 'none'",
          'cache-control': 'no-store',
        });
        expect(response.headers['x-powered-by']).toBeUndefined();
        expect(response.headers.etag).toBeUndefined();
      }
    });

    it('keeps a well-formed incoming request id and replaces anything else', async () => {
      const kept = await request(test.http).get('/health').set('x-request-id', '3f1c2a9e-1b7d-4c1e-9a55-0d6f3f5f0a11');
      expect(kept.headers['x-request-id']).toBe('3f1c2a9e-1b7d-4c1e-9a55-0d6f3f5f0a11');
      for (const incoming of ['short', 'has spaces in it', '<script>alert(1)</script>', 'x'.repeat(65)]) {
        const replaced = await request(test.http).get('/health').set('x-request-id', incoming);
        expect(replaced.headers['x-request-id']).toMatch(UUID_V7);
      }
      const generated = await request(test.http).get('/health');
      expect(generated.headers['x-request-id']).toMatch(UUID_V7);
    });
  });

  describe('logs', () => {
    it('logs each request with its id, without cookies, credentials or the query string', async () => {
      await request(test.http)
        .get('/setup/status?reset_token=query-secret')
        .set('x-request-id', 'logged-request-0001')
        .set('cookie', '__Host-session=cookie-secret')
        .set('authorization', 'Bearer header-secret')
        .expect(200);
      const line = test.logs.lines.find((entry) => (entry.req as { id?: string } | undefined)?.id === 'logged-request-0001');
      expect(line).toMatchObject({
        msg: 'request completed',
        req: {
          method: 'GET',
          url: '/setup/status',
          headers: { cookie: '[Redacted]', authorization: '[Redacted]' },
        },
        res: { statusCode: 200 },
      });
      expect(test.logs.text()).not.toMatch(/query-secret|cookie-secret|header-secret/);
    });

    it('does not log successful health probes', async () => {
      await request(test.http).get('/health').set('x-request-id', 'probe-request-0001').expect(200);
      expect(test.logs.text()).not.toContain('probe-request-0001');
    });
  });

  describe('OpenAPI', () => {
    it('serves the document generated from the code, for the /api prefix the browser sees', async () => {
      const { body: document } = await request(test.http).get('/docs/openapi.json').expect(200);
      expect(document.servers).toEqual([{ url: '/api' }]);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/ready', '/setup/status', '/setup']));
      const setupBody = document.paths['/setup'].post.requestBody.content['application/json'].schema;
      expect(setupBody).toMatchObject({
        type: 'object',
        additionalProperties: false,
        required: expect.arrayContaining(['token', 'organizationName', 'caseReferencePrefix', 'adminName', 'adminEmail', 'password']),
      });
      expect(JSON.stringify(document)).not.toMatch(/"examples?"/);
    });

    it('serves the Swagger UI with a policy that allows its own scripts and nothing from elsewhere', async () => {
      const page = await request(test.http).get('/docs').expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'none'");
      expect(policy).not.toContain('unsafe-eval');
      await request(test.http).get('/docs/swagger-ui-init.js').expect(200);
    });
  });
});
