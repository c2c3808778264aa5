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
  /**
   * One pending callback of the messaging simulator (DESIGN §2): the `step`-th event of the send `provider_message_id`
   * (a status callback or the lead's reply), re-derived from the seed and the recorded send when it runs.
   */
  'simulator.deliver': TenantJob & {
    channel: 'sms' | 'whatsapp' | 'telegram' | 'email';
    provider_message_id: string;
    step: number;
  };
  /** Sends one outbound message at most once (DESIGN §7.6). */
  'messages.send': TenantJob & { message_id: string };
  /** Applies one recorded provider webhook event (a status update or an inbound message) from webhook_events. */
  'inbound.process': TenantJob & { event_id: string };
}

export type JobName = keyof JobPayloads;

/** Which queue each job runs on; the worker refuses to start when a consumed queue has a job without a handler. */
export const JOB_QUEUES: Record<JobName, QueueName> = {
  'system.ping': QueueName.System,
  'imports.run': QueueName.Imports,
  'simulator.deliver': QueueName.Simulator,
  'messages.send': QueueName.OutboundMessages,
  'inbound.process': QueueName.InboundEvents,
};

export type JobCatalog = Readonly<Record<string, QueueName>>;

export function jobsOf(catalog: JobCatalog, queue: QueueName): string[] {
  return Object.entries(catalog)
    .filter(([, q]) => q === queue)
    .map(([name]) => name);
}
