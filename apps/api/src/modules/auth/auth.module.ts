import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module';
import { MailModule } from '../mail/mail.module';
import { PasswordHasher } from '../users/password-hasher';
import { AccountController } from './account.controller';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { LoginService } from './login.service';
import { PasswordConfirmation } from './password-confirmation';
import { PasswordPolicy } from './password-policy';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';
import { PasswordSignIn } from './password-sign-in';
import { RequestSessionInterceptor } from './request-session.interceptor';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

@Module({
  imports: [RateLimitModule, MailModule],
  controllers: [AuthController, PasswordResetController, AccountController],
  providers: [
    SessionRepository,
    SessionService,
    AccountRepository,
    PasswordResetRepository,
    PasswordHasher,
    PasswordPolicy,
    PasswordConfirmation,
    PasswordSignIn,
    LoginService,
    AccountService,
    PasswordResetService,
    { provide: APP_INTERCEPTOR, useClass: RequestSessionInterceptor },
  ],
  exports: [SessionService, PasswordPolicy, PasswordConfirmation, PasswordSignIn, PasswordHasher],
})
export class AuthModule {}
