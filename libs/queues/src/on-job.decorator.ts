import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-payloads';

export const ON_JOB = 'reachline:on-job';
export const ON_JOB_STALLED = 'reachline:on-job-stalled';

/**
 * Declares the method that handles a job, beside the service it belongs to (Immich style).
 * The method gets the payload and runs inside runInTenant(payload.tenant_id).
 */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);

/**
 * Declares the method told when Bull fails a job of `name` because it stalled more often than allowed (the worker
 * running it stopped mid-job, more than once): the job's own handler never saw that end, so what it left half done
 * is settled here. The method gets the payload and the job, inside runInTenant(payload.tenant_id), in the worker
 * whose stalled-job check failed the job.
 */
export const OnJobStalled = (name: JobName) => SetMetadata(ON_JOB_STALLED, name);
