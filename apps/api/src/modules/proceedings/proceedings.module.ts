import { Module } from '@nestjs/common';
import { ForumsModule } from '../forums/forums.module';
import { PeopleModule } from '../people/people.module';
import { ProceedingLookupController } from './proceeding-lookup.controller';
import { ProceedingController } from './proceeding.controller';
import { ProceedingRepository } from './proceeding.repository';
import { ProceedingService } from './proceeding.service';

@Module({
  imports: [ForumsModule, PeopleModule],
  controllers: [ProceedingController, ProceedingLookupController],
  providers: [ProceedingRepository, ProceedingService],
  exports: [ProceedingRepository, ProceedingService],
})
export class ProceedingsModule {}
