import { AppError, Page, PageWindow } from '@app/common';
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from '@app/db';
import { JobProducer } from '@app/queues';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/**
 * A webhook's delivery log (newest first, by status) and its redelivery: a failed delivery is made pending again and
 * sent once more (one attempt, the same event id and body, signed afresh), as GitHub's "Redeliver" does.
 */
@Injectable()
export class WebhookDeliveryLogService {
  constructor(
    private readonly webhooks: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly jobs: JobProducer,
  ) {}

  async list(
    auth: AuthContext,
    endpointId: string,
    window: PageWindow,
    status?: WebhookDeliveryStatus,
  ): Promise<Page<WebhookDeliveryEntity>> {
    await this.webhooks.get(auth, endpointId);
    const [rows, total] = await this.deliveries.findPage(auth.tenantId, window, {
      endpointId,
      ...(status && { status }),
    });
    return new Page(rows, total, window.limit, window.offset);
  }

  /**
   * Sends a failed delivery once more. Idempotent while it is pending: asked again before its attempt is made, it
   * queues nothing more (a job lost on the way is queued again). A delivered one, or one of a disabled webhook, is a
   * conflict: nothing changes.
   */
  async retry(auth: AuthContext, endpointId: string, id: string): Promise<WebhookDeliveryEntity> {
    const endpoint = await this.webhooks.get(auth, endpointId);
    const delivery = await this.deliveries.findById(auth.tenantId, id);
    if (!delivery || delivery.endpointId !== endpointId) throw AppError.notFound('Delivery');
    if (delivery.status === 'delivered')
      throw AppError.conflict('The delivery was delivered: only a failed one is sent again', {
        status: delivery.status,
      });
    if (!endpoint.enabled)
      throw AppError.conflict('The webhook is disabled: enable it before sending a delivery again', {
        enabled: false,
      });
    if (delivery.status === 'failed') await this.deliveries.reopenFailed(auth.tenantId, endpointId, id);
    await this.jobs.ensureMany(
      'webhooks.deliver',
      [{ payload: { tenant_id: auth.tenantId, delivery_id: id }, jobId: `webhook:${id}` }],
      { attempts: 1 },
    );
    return (await this.deliveries.findById(auth.tenantId, id)) ?? delivery;
  }
}
