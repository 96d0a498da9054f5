import { Module } from '@nestjs/common';
import { ForumController } from './forum.controller';
import { ForumRepository } from './forum.repository';
import { ForumService } from './forum.service';

@Module({ controllers: [ForumController], providers: [ForumRepository, ForumService], exports: [ForumRepository] })
export class ForumsModule {}
