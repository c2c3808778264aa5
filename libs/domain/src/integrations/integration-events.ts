import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import type { IntegrationDataType, NotificationEntity } from '@app/db';
import { JobPayloads, JobProducer, RETRY_BACKOFF } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { IntegrationsRepository } from './integrations.repository';

/** What an integration is told of, and what the text is built from when its job runs. */
export interface IntegrationSubject {
  source: JobPayloads['integrations.deliver']['source'];
  subjectId: string;
}

/** The job of one subject's delivery to one integration: one at a time, and a retry of it is the same job. */
export function integrationJobId(integrationId: string, subjectId: string): string {
  return `integration:${integrationId}:${subjectId}`;
}

/** Which notifications an integration is sent: a qualified lead, an import finished (a lead's message comes whole). */
const NOTIFICATION_DATA_TYPES: Record<string, IntegrationDataType | undefined> = {
  lead: 'leads',
  system: 'imports',
};

/**
 * Where the events the team hears of reach its integrations: the outbound-webhook source (`message.received`) and
 * the notifications written (a qualified lead, an import finished). One `integrations.deliver` job per integration
 * taking the data type and subject, queued after the change committed; never an HTTP call here, and never a
 * rejection: what happened has happened, an event it cannot queue is logged.
 */
@Injectable()
export class IntegrationEvents {
  private readonly logger = new Logger(IntegrationEvents.name);

  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Notifications just written (one per recipient): each event once, whoever it told. */
  async notified(created: readonly NotificationEntity[]): Promise<void> {
    const seen = new Set<string>();
    for (const n of created) {
      const dataType = NOTIFICATION_DATA_TYPES[n.type];
      const key = JSON.stringify([n.tenantId, n.type, n.title, n.message, n.data]);
      if (!dataType || seen.has(key)) continue;
      seen.add(key);
      await this.raise(n.tenantId, dataType, [{ source: 'notification', subjectId: n.id }]);
    }
  }

  async raise(
    tenantId: string,
    dataType: IntegrationDataType,
    subjects: readonly IntegrationSubject[],
  ): Promise<void> {
    if (!subjects.length) return;
    try {
      const ids = await this.integrations.taking(tenantId, dataType);
      if (!ids.length) return;
      const occurredAt = this.clock.now().toISOString();
      const { attempts, retryBaseMs } = this.config.webhooks;
      const options = { attempts, backoff: { type: RETRY_BACKOFF, options: { delay: retryBaseMs } } };
      for (const integrationId of ids)
        for (const s of subjects)
          await this.jobs.enqueue(
            'integrations.deliver',
            {
              tenant_id: tenantId,
              integration_id: integrationId,
              data_type: dataType,
              source: s.source,
              subject_id: s.subjectId,
              occurred_at: occurredAt,
            },
            { ...options, jobId: integrationJobId(integrationId, s.subjectId) },
          );
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, data_type: dataType }, 'Integration event not queued');
    }
  }
}
