import { QueueName } from './queue-names';

/** Every job carries its tenant and ids only; processors re-read state when they run. */
export interface TenantJob {
  tenant_id: string;
}

/** Job name -> payload type. A job's name is unique across queues. */
export interface JobPayloads {
  /** An end-to-end check of the pipeline: API -> queue -> worker -> live event to the tenant's room. */
  'system.ping': TenantJob & { requested_by: string | null; requested_at: string };
  /** Runs or resumes a CSV import from its stored upload. */
  'imports.run': TenantJob & { import_id: string };
}

export type JobName = keyof JobPayloads;

/** Which queue each job runs on; the worker refuses to start when a consumed queue has a job without a handler. */
export const JOB_QUEUES: Record<JobName, QueueName> = {
  'system.ping': QueueName.System,
  'imports.run': QueueName.Imports,
};

export type JobCatalog = Readonly<Record<string, QueueName>>;

export function jobsOf(catalog: JobCatalog, queue: QueueName): string[] {
  return Object.entries(catalog)
    .filter(([, q]) => q === queue)
    .map(([name]) => name);
}
