import { AuthModule } from '@app/auth';
import { Global, Module } from '@nestjs/common';
import { ActivityRepository } from './activity/activity.repository';
import { ActivityService } from './activity/activity.service';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysService } from './api-keys/api-keys.service';
import { HealthService } from './system/health.service';
import { SystemJobsService } from './system/system-jobs.service';
import { TenantsService } from './tenants/tenants.service';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

const SERVICES = [
  ActivityService,
  ApiKeysService,
  HealthService,
  SystemJobsService,
  TenantsService,
  UsersService,
  UsersRepository,
];

@Global()
@Module({
  imports: [AuthModule],
  providers: [...SERVICES, ActivityRepository, ApiKeysRepository],
  exports: SERVICES,
})
export class DomainModule {}
