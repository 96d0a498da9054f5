import { Module } from '@nestjs/common';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module';
import { CaseKeyService } from './case-key.service';
import { PersonController } from './person.controller';
import { PersonRepository } from './person.repository';
import { PersonService } from './person.service';

@Module({
  imports: [RateLimitModule],
  controllers: [PersonController],
  providers: [CaseKeyService, PersonRepository, PersonService],
  exports: [CaseKeyService, PersonRepository, PersonService],
})
export class PeopleModule {}
