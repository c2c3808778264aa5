import { AppError } from '@app/common';
import { tenantQuery, WebhookDeliveryStatus } from '@app/db';
import { JobPayloads, JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The delivery logs a delivery can be sent again from, and the job that sends one. */
const LOGS = {
  webhook_deliveries: 'webhooks.deliver',
  integration_deliveries: 'integrations.deliver',
} as const;
type DeliveryLog = keyof typeof LOGS;

/** A delivery to send again: where it is logged, its status, and the job that sends it (keyed as its first one). */
export interface Redelivery<L extends DeliveryLog> {
  log: L;
  tenantId: string;
  id: string;
  status: WebhookDeliveryStatus;
  /** Why its receiver takes nothing now (a disabled webhook, a disconnected integration), as a conflict. */
  receiverClosed: AppError | null;
  job: { payload: JobPayloads[(typeof LOGS)[L]]; jobId: string };
}

/**
 * Sending a delivery again, as GitHub's "Redeliver" does, for outbound webhooks and integrations alike: a failed
 * delivery is made pending again and its job queued for one attempt (failing again leaves it failed). Idempotent
 * while it is pending: asked again before its attempt is made, it queues nothing more (a job lost on the way is
 * queued again). A delivered one, or one whose receiver takes nothing now, is a conflict: nothing changes.
 */
@Injectable()
export class DeliveryRetry {
  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async retry<L extends DeliveryLog>(r: Redelivery<L>): Promise<void> {
    if (r.status === 'delivered')
      throw AppError.conflict('The delivery was delivered: only a failed one is sent again', {
        status: r.status,
      });
    if (r.receiverClosed) throw r.receiverClosed;
    if (r.status === 'failed')
      await tenantQuery(
        this.db,
        r.tenantId,
        `UPDATE ${r.log} SET status = 'pending', updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND status = 'failed'`,
        [r.id],
      );
    await this.jobs.ensureMany<(typeof LOGS)[L]>(LOGS[r.log], [r.job], { attempts: 1 });
  }
}
