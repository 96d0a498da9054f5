import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { ErasureController } from './erasure.controller';
import { ErasureRepository } from './erasure.repository';
import { ErasureService } from './erasure.service';
import { KeyFileWatcher } from './key-file-watcher';

@Module({
  imports: [PeopleModule],
  controllers: [ErasureController],
  providers: [ErasureRepository, ErasureService, KeyFileWatcher],
})
export class ErasureModule {}
