import { Module } from '@nestjs/common';
import { PasswordHasher } from '../users/password-hasher';
import { SetupAvailableGuard } from './setup-available.guard';
import { SetupController } from './setup.controller';
import { SetupRepository } from './setup.repository';
import { SetupService } from './setup.service';
import { SetupTokenIssuer } from './setup-token.issuer';

@Module({
  controllers: [SetupController],
  providers: [SetupService, SetupRepository, SetupAvailableGuard, SetupTokenIssuer, PasswordHasher],
})
export class SetupModule {}
