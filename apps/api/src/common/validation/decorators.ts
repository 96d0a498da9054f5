import { Body, Param } from '@nestjs/common';
import { IdSchema } from '@lapata/contracts';
import type { z } from 'zod';

/**
 * The request body, parsed by a shared schema (strict objects: unknown fields are refused). The
 * schema also documents the body in the OpenAPI document.
 */
export const ZodBody = (schema: z.ZodType): ParameterDecorator => Body({ schema });

/** A route parameter that must be a uuid; anything else answers 404. */
export const UuidParam = (name: string): ParameterDecorator => Param(name, { schema: IdSchema });
