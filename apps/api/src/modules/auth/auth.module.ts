import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RequestSessionInterceptor } from './request-session.interceptor';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

@Module({
  providers: [
    SessionRepository,
    SessionService,
    { provide: APP_INTERCEPTOR, useClass: RequestSessionInterceptor },
  ],
  exports: [SessionService],
})
export class AuthModule {}
