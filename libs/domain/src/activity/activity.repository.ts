import { ActivityLogEntity, TenantRepository } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

@Injectable()
export class ActivityRepository extends TenantRepository<ActivityLogEntity> {
  constructor(@InjectRepository(ActivityLogEntity) repo: Repository<ActivityLogEntity>) {
    super(repo);
  }
}
