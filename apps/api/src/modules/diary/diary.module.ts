import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { DiaryController } from './diary.controller';
import { DiaryRepository } from './diary.repository';
import { DiaryService } from './diary.service';

@Module({
  imports: [PeopleModule],
  controllers: [DiaryController],
  providers: [DiaryRepository, DiaryService],
  exports: [DiaryService],
})
export class DiaryModule {}
