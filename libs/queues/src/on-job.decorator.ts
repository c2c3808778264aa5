import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-payloads';

export const ON_JOB = 'reachline:on-job';

/**
 * Declares the method that handles a job, beside the service it belongs to (Immich style).
 * The method gets the payload and runs inside runInTenant(payload.tenant_id).
 */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);
