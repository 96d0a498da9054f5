import { Module } from '@nestjs/common';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { PasswordHasher } from '../users/password-hasher';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { InvitationLinkController } from './invitation-link.controller';
import { InvitationController } from './invitation.controller';
import { InvitationRepository } from './invitation.repository';
import { InvitationService } from './invitation.service';

@Module({
  imports: [AuthModule, MailModule, RateLimitModule],
  controllers: [InvitationController, InvitationLinkController],
  providers: [InvitationService, InvitationAcceptanceService, InvitationRepository, PasswordHasher],
})
export class InvitationsModule {}
