import { Global, Module } from '@nestjs/common';
import { OrganizationKeyService } from './organization-key.service';

@Global()
@Module({ providers: [OrganizationKeyService], exports: [OrganizationKeyService] })
export class KeysModule {}
