import { Module } from '@nestjs/common';
import { CaseModule } from '../cases/case.module';
import { DiaryModule } from '../diary/diary.module';
import { DisappearancesModule } from '../disappearances/disappearances.module';
import { HearingsModule } from '../hearings/hearings.module';
import { PeopleModule } from '../people/people.module';
import { ProceedingsModule } from '../proceedings/proceedings.module';
import { CaseSummaryController } from './case-summary.controller';
import { CaseSummaryService } from './case-summary.service';

@Module({
  imports: [CaseModule, PeopleModule, DisappearancesModule, ProceedingsModule, HearingsModule, DiaryModule],
  controllers: [CaseSummaryController],
  providers: [CaseSummaryService],
})
export class CaseSummaryModule {}
