import { WORKFLOW_TRIGGERS, WorkflowTrigger } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { WorkflowsRepository } from './workflows.repository';

/**
 * Where the events the product raises (OutboundWebhooks.emit: `lead.created`, `lead.updated`, `message.received`)
 * reach workflows: one `workflows.trigger` job per subject, queued only when an active workflow of the tenant starts
 * from the event. Never a rejection: what happened has happened; a trigger it cannot queue is logged.
 */
@Injectable()
export class WorkflowTriggers {
  private readonly logger = new Logger(WorkflowTriggers.name);

  constructor(
    private readonly workflows: WorkflowsRepository,
    private readonly jobs: JobProducer,
  ) {}

  /** `chain`: the workflows whose runs made the change (an update_lead's), which the event does not start again. */
  async raise(
    tenantId: string,
    event: string,
    events: readonly { id: string; subjectId: string }[],
    chain: readonly string[] = [],
  ): Promise<void> {
    if (!events.length || !(WORKFLOW_TRIGGERS as readonly string[]).includes(event)) return;
    try {
      if (!(await this.workflows.anyActive(tenantId, event as WorkflowTrigger))) return;
      await this.jobs.enqueueBulk(
        'workflows.trigger',
        events.map((e) => ({
          tenant_id: tenantId,
          event,
          event_id: e.id,
          subject_id: e.subjectId,
          ...(chain.length ? { chain: [...chain] } : {}),
        })),
      );
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, event }, 'Workflow trigger not queued');
    }
  }
}
