import { Module } from '@nestjs/common';
import { RateLimitModule } from '../../common/rate-limit/rate-limit.module';
import { PeopleModule } from '../people/people.module';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';

@Module({ imports: [PeopleModule, RateLimitModule], controllers: [CaseController], providers: [CaseRepository, CaseService], exports: [CaseService] })
export class CaseModule {}
