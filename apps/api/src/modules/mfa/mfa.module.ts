import { Module } from '@nestjs/common';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module';
import { AuthModule } from '../auth/auth.module';
import { MfaChallengeController } from './mfa-challenge.controller';
import { MfaChallengeService } from './mfa-challenge.service';
import { MfaEnrolmentController } from './mfa-enrolment.controller';
import { MfaEnrolmentService } from './mfa-enrolment.service';
import { MfaRepository } from './mfa.repository';
import { OrganizationMfaController } from './organization-mfa.controller';
import { OrganizationMfaService } from './organization-mfa.service';
import { PasskeyController } from './passkey.controller';
import { PasskeyRepository } from './passkey.repository';
import { PasskeyService } from './passkey.service';
import { SecondFactor } from './second-factor';
import { SecondFactorAttempts } from './second-factor-attempts';

@Module({
  imports: [AuthModule, RateLimitModule],
  controllers: [MfaEnrolmentController, MfaChallengeController, OrganizationMfaController, PasskeyController],
  providers: [
    MfaRepository,
    PasskeyRepository,
    PasskeyService,
    SecondFactor,
    SecondFactorAttempts,
    MfaEnrolmentService,
    MfaChallengeService,
    OrganizationMfaService,
  ],
})
export class MfaModule {}
