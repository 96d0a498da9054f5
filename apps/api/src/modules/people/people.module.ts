import { Module } from '@nestjs/common';
import { CaseKeyService } from './case-key.service';
import { PersonController } from './person.controller';
import { PersonRepository } from './person.repository';
import { PersonService } from './person.service';

@Module({
  controllers: [PersonController],
  providers: [CaseKeyService, PersonRepository, PersonService],
  exports: [CaseKeyService],
})
export class PeopleModule {}
