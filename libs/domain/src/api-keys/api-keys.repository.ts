import { ApiKeyEntity, TenantRepository } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

@Injectable()
export class ApiKeysRepository extends TenantRepository<ApiKeyEntity> {
  constructor(@InjectRepository(ApiKeyEntity) repo: Repository<ApiKeyEntity>) {
    super(repo);
  }
}
