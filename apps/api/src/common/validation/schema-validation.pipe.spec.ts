import { SetupRequestSchema } from '@lapata/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors/api-error';
import { SchemaValidationPipe } from './schema-validation.pipe';

const pipe = new SchemaValidationPipe();

const valid = {
  token: 'token',
  organizationName: 'Defence of Human Rights',
  caseReferencePrefix: 'KHI',
  adminName: 'Admin',
  adminEmail: 'Admin@Example.org',
  password: 'correct horse battery staple',
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('The pipe accepted the value');
}

describe('SchemaValidationPipe', () => {
  it('returns the parsed value', async () => {
    const parsed = await pipe.transform(valid, { type: 'body', schema: SetupRequestSchema });
    expect(parsed).toEqual({ ...valid, adminEmail: 'admin@example.org' });
  });

  it('lets parameters without a schema through untouched', async () => {
    expect(await pipe.transform('anything', { type: 'query' })).toBe('anything');
  });

  it('answers 400 with a message per field, and one per unknown field', async () => {
    const error = await rejection(
      pipe.transform({ ...valid, password: 'short', role: 'ORG_ADMIN', extra: 1 }, { type: 'body', schema: SetupRequestSchema }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({
      password: ['Use at least 12 characters'],
      role: ['Unknown field'],
      extra: ['Unknown field'],
    });
  });

  it('names nested paths with dots and files whole-value problems under "_"', async () => {
    const schema = z.strictObject({ person: z.strictObject({ names: z.array(z.string()) }) });
    const nested = await rejection(pipe.transform({ person: { names: ['a', 2], age: 3 } }, { type: 'body', schema }));
    expect((nested as ValidationError).fields).toEqual({
      'person.names.1': ['Invalid input: expected string, received number'],
      'person.age': ['Unknown field'],
    });
    const whole = await rejection(pipe.transform(undefined, { type: 'body', schema }));
    expect((whole as ValidationError).fields).toEqual({ _: ['Invalid input: expected object, received undefined'] });
  });

  it('answers 404 for a route parameter that does not parse', async () => {
    const error = await rejection(pipe.transform('not-a-uuid', { type: 'param', data: 'id', schema: z.uuid() }));
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
