import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { InvitationLinkController } from './invitation-link.controller';
import { InvitationController } from './invitation.controller';
import { InvitationRepository } from './invitation.repository';
import { InvitationService } from './invitation.service';

@Module({
  imports: [AuthModule, MailModule],
  controllers: [InvitationController, InvitationLinkController],
  providers: [InvitationService, InvitationAcceptanceService, InvitationRepository],
})
export class InvitationsModule {}
