import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountOrganizationController } from './account-organization.controller';
import { MemberController } from './member.controller';
import { MemberRepository } from './member.repository';
import { MemberService } from './member.service';
import { OrganizationController } from './organization.controller';
import { OrganizationRepository } from './organization.repository';
import { OrganizationService } from './organization.service';

@Module({
  imports: [AuthModule],
  controllers: [OrganizationController, AccountOrganizationController, MemberController],
  providers: [OrganizationService, OrganizationRepository, MemberService, MemberRepository],
})
export class OrganizationsModule {}
