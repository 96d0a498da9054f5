import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { PhotoUploadMiddleware } from '../storage/upload-spool';
import { PhotoController } from './photo.controller';
import { PhotoRepository } from './photo.repository';
import { PhotoService } from './photo.service';

@Module({
  imports: [PeopleModule],
  controllers: [PhotoController],
  providers: [PhotoRepository, PhotoService],
  exports: [PhotoService],
})
export class PhotosModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PhotoUploadMiddleware).forRoutes({ path: 'cases/:caseId/person/photos', method: RequestMethod.POST });
  }
}
