import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CaseModule } from '../cases/case.module';
import { DiaryModule } from '../diary/diary.module';
import { DisappearancesModule } from '../disappearances/disappearances.module';
import { FilingsModule } from '../filings/filings.module';
import { HearingsModule } from '../hearings/hearings.module';
import { PeopleModule } from '../people/people.module';
import { PhotosModule } from '../photos/photos.module';
import { ProceedingsModule } from '../proceedings/proceedings.module';
import { RelativesModule } from '../relatives/relatives.module';
import { CaseExportController } from './case-export.controller';
import { CaseExportRepository } from './case-export.repository';
import { CaseExportService } from './case-export.service';
import { PfifBodyMiddleware } from './pfif-body.middleware';
import { PfifImportService } from './pfif-import.service';

/** Export of a case (JSON, PFIF) and import of PFIF files, composed from the record modules' use cases. */
@Module({
  imports: [CaseModule, PeopleModule, PhotosModule, DisappearancesModule, RelativesModule, DiaryModule, ProceedingsModule, HearingsModule, FilingsModule],
  controllers: [CaseExportController],
  providers: [CaseExportRepository, CaseExportService, PfifImportService],
})
export class CaseExportModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PfifBodyMiddleware).forRoutes({ path: 'cases/import/pfif', method: RequestMethod.POST });
  }
}
