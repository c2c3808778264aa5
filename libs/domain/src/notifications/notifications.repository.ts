import { NotificationEntity, TenantRepository } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

@Injectable()
export class NotificationsRepository extends TenantRepository<NotificationEntity> {
  constructor(@InjectRepository(NotificationEntity) repo: Repository<NotificationEntity>) {
    super(repo);
  }
}
