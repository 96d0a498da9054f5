import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { RelativeController } from './relative.controller';
import { RelativeRepository } from './relative.repository';
import { RelativeService } from './relative.service';

@Module({
  imports: [PeopleModule],
  controllers: [RelativeController],
  providers: [RelativeRepository, RelativeService],
  exports: [RelativeService],
})
export class RelativesModule {}
