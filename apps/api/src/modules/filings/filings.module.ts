import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { DocumentUploadMiddleware } from '../storage/upload-spool';
import { FilingController } from './filing.controller';
import { FilingRepository } from './filing.repository';
import { FilingService } from './filing.service';

@Module({
  imports: [PeopleModule],
  controllers: [FilingController],
  providers: [FilingRepository, FilingService],
  exports: [FilingService],
})
export class FilingsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(DocumentUploadMiddleware)
      .forRoutes(
        { path: 'cases/:caseId/filings', method: RequestMethod.POST },
        { path: 'cases/:caseId/filings/:filingId/versions', method: RequestMethod.POST },
      );
  }
}
