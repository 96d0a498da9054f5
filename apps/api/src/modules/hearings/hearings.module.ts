import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { ProceedingsModule } from '../proceedings/proceedings.module';
import { AttentionController } from './attention.controller';
import { AttentionService } from './attention.service';
import { HearingController } from './hearing.controller';
import { HearingRepository } from './hearing.repository';
import { HearingService } from './hearing.service';

@Module({
  imports: [PeopleModule, ProceedingsModule],
  controllers: [HearingController, AttentionController],
  providers: [HearingRepository, HearingService, AttentionService],
  exports: [HearingService],
})
export class HearingsModule {}
