import { Clock } from '@app/common';
import { WebhookEventName } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WorkflowTriggers } from '../workflows/workflow-triggers';
import { IntegrationEvents } from '../integrations/integration-events';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/**
 * Where domain code raises a webhook event (after its change committed): one `webhooks.dispatch` job per subject
 * (a lead, a message, an AI interaction), queued only when an enabled endpoint of the tenant takes the event, and
 * the same event (its id too) to the tenant's active workflows of that trigger (WorkflowTriggers). A lead's message
 * (`message.received`) also goes to the tenant's integrations that take messages (Slack...). Never an HTTP call
 * here, and never a rejection: what happened has happened; a dispatch it cannot queue is logged.
 */
@Injectable()
export class OutboundWebhooks {
  private readonly logger = new Logger(OutboundWebhooks.name);

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    private readonly workflows: WorkflowTriggers,
    private readonly integrations: IntegrationEvents,
  ) {}

  /**
   * `workflowChain`: the change was a workflow run's (WorkflowTriggers.raise: the workflows it names are not started
   * by it); its webhooks go as any other's.
   */
  async emit(
    tenantId: string,
    event: WebhookEventName,
    subjectIds: readonly string[],
    workflowChain: readonly string[] = [],
  ): Promise<void> {
    if (!subjectIds.length) return;
    const events = subjectIds.map((subjectId) => ({ id: randomUUID(), subjectId }));
    await this.workflows.raise(tenantId, event, events, workflowChain);
    if (event === 'message.received')
      await this.integrations.raise(
        tenantId,
        'messages',
        subjectIds.map((subjectId) => ({ source: 'message', subjectId })),
      );
    try {
      if (!(await this.endpoints.anySubscribed(tenantId, event))) return;
      const occurredAt = this.clock.now().toISOString();
      await this.jobs.enqueueBulk(
        'webhooks.dispatch',
        events.map((e) => ({
          tenant_id: tenantId,
          event,
          event_id: e.id,
          subject_id: e.subjectId,
          occurred_at: occurredAt,
        })),
      );
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, event }, 'Webhook event not dispatched');
    }
  }
}
