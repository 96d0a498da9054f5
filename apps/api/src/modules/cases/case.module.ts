import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';

@Module({ imports: [PeopleModule], controllers: [CaseController], providers: [CaseRepository, CaseService] })
export class CaseModule {}
