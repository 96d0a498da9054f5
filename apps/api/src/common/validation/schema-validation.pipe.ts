import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { NotFoundError, ValidationError, type FieldMessages } from '../errors/api-error';

/** A Standard Schema issue (zod's issues carry more, such as `code` and `keys`). */
export interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** Where a message about the value as a whole (not one of its fields) is filed. */
const WHOLE_VALUE = '_';

/**
 * The global pipe for every parameter declared with a schema (`@Body({ schema })`, see
 * decorators.ts). A body or query that fails answers 400 with a message per field; a route
 * parameter that fails answers 404, because an id that cannot exist is simply not found.
 */
@Injectable()
export class SchemaValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const schema = metadata.schema;
    if (!schema) return value;
    const result = await schema['~standard'].validate(value);
    if (!result.issues) return result.value;
    if (metadata.type === 'param') throw new NotFoundError();
    throw new ValidationError(fieldMessages(result.issues));
  }
}

/**
 * `{ "adminEmail": ["Enter a valid email address"] }`. Zod reports unknown fields as one issue on
 * the object that holds them; each unknown field gets its own entry instead.
 */
export function fieldMessages(issues: readonly SchemaIssue[]): FieldMessages {
  const fields: FieldMessages = {};
  const add = (path: string, message: string) => {
    (fields[path] ??= []).push(message);
  };
  for (const issue of issues) {
    const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment));
    const unknownKeys = (issue as { code?: unknown; keys?: unknown }).keys;
    if ((issue as { code?: unknown }).code === 'unrecognized_keys' && Array.isArray(unknownKeys)) {
      for (const key of unknownKeys) add([...path, String(key)].join('.'), 'Unknown field');
      continue;
    }
    add(path.length > 0 ? path.join('.') : WHOLE_VALUE, issue.message);
  }
  return fields;
}
