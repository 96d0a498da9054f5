import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CsrfGuard } from './csrf.guard';

/** Registers the CSRF check as a global guard: it runs before the session and the use case. */
@Module({ providers: [{ provide: APP_GUARD, useClass: CsrfGuard }] })
export class CsrfModule {}
