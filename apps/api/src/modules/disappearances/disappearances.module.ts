import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { DisappearanceController } from './disappearance.controller';
import { DisappearanceRepository } from './disappearance.repository';
import { DisappearanceService } from './disappearance.service';

@Module({
  imports: [PeopleModule],
  controllers: [DisappearanceController],
  providers: [DisappearanceRepository, DisappearanceService],
  exports: [DisappearanceService],
})
export class DisappearancesModule {}
