import { AppError } from '@app/common';
import { tenantQuery, WebhookDeliveryStatus } from '@app/db';
import { JobPayloads, JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The delivery logs a delivery can be sent again from, and the job that sends one. */
const LOGS = {
  webhook_deliveries: 'webhooks.deliver',
  integration_deliveries: 'integrations.deliver',
} as const;
type DeliveryLog = keyof typeof LOGS;

/**
 * Whether the lead is still there, its row key-share locked until `tx` ends: an erasure (which holds the lead's row
 * for update from before it scrubs the deliveries about them until it commits) either waits for the delivery to be
 * pending again, and then fails it, or is waited for, and the lead is found gone.
 */
export async function leadKept(tx: EntityManager, tenantId: string, leadId: string): Promise<boolean> {
  const rows = await tenantQuery(
    tx,
    tenantId,
    `SELECT 1 FROM leads WHERE tenant_id = $1 AND id = $2 FOR KEY SHARE`,
    [leadId],
  );
  return rows.length > 0;
}

/** A delivery to send again: where it is logged, its status, and the job that sends it (keyed as its first one). */
export interface Redelivery<L extends DeliveryLog> {
  log: L;
  tenantId: string;
  id: string;
  status: WebhookDeliveryStatus;
  /** Why its receiver takes nothing now (a disabled webhook, a disconnected integration), as a conflict. */
  receiverClosed: AppError | null;
  /**
   * Whether what it sends is still there: false once the lead it is about was erased (a webhook's body scrubbed to
   * ids, an integration's subject without its lead). Asked in the transaction that makes it pending again.
   */
  contentKept: (tx: EntityManager) => Promise<boolean>;
  job: { payload: JobPayloads[(typeof LOGS)[L]]; jobId: string };
}

/**
 * Sending a delivery again, as GitHub's "Redeliver" does, for outbound webhooks and integrations alike: a failed
 * delivery is made pending again and its job queued for one attempt (failing again leaves it failed). Idempotent
 * while it is pending: asked again before its attempt is made, it queues nothing more (a job lost on the way is
 * queued again). A delivered one, one whose receiver takes nothing now, or one about a lead since erased (its event's
 * content is gone: a webhook's body keeps only ids, an integration has no text to build) is a conflict: nothing
 * changes.
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
    await this.db.transaction(async (tx) => {
      if (!(await r.contentKept(tx)))
        throw AppError.conflict(
          'The lead this delivery is about was erased: what it said is gone, so it is not sent again',
          { lead_erased: true },
        );
      if (r.status === 'failed')
        await tenantQuery(
          tx,
          r.tenantId,
          `UPDATE ${r.log} SET status = 'pending', updated_at = now()
            WHERE tenant_id = $1 AND id = $2 AND status = 'failed'`,
          [r.id],
        );
    });
    await this.jobs.ensureMany<(typeof LOGS)[L]>(LOGS[r.log], [r.job], { attempts: 1 });
  }
}
