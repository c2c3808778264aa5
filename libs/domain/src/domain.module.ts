import { AuthModule } from '@app/auth';
import { Global, Module } from '@nestjs/common';
import { ActivityRepository } from './activity/activity.repository';
import { ActivityService } from './activity/activity.service';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { ApiKeysService } from './api-keys/api-keys.service';
import { DncRepository } from './dnc/dnc.repository';
import { DncImportService } from './dnc/dnc-import.service';
import { DncService } from './dnc/dnc.service';
import { ImportJobsService } from './imports/import-jobs.service';
import { ImportRunner } from './imports/import-runner.service';
import { ImportsService } from './imports/imports.service';
import { LeadExportService } from './leads/lead-export.service';
import { LeadsRepository } from './leads/leads.repository';
import { LeadsService } from './leads/leads.service';
import { HealthService } from './system/health.service';
import { SystemJobsService } from './system/system-jobs.service';
import { TenantsService } from './tenants/tenants.service';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

const SERVICES = [
  DncImportService,
  DncService,
  ImportJobsService,
  ImportRunner,
  ImportsService,
  LeadsService,
  LeadExportService,

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
  providers: [...SERVICES, ActivityRepository, ApiKeysRepository, DncRepository, LeadsRepository],
  exports: SERVICES,
})
export class DomainModule {}
