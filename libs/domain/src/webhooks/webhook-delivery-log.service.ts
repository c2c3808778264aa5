import { AppError, Page, PageWindow } from '@app/common';
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DeliveryRetry, leadKept } from './delivery-retry';
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
    private readonly redelivery: DeliveryRetry,
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
   * Sends a failed delivery once more (DeliveryRetry): a disabled webhook's is a conflict, and so is one about a lead
   * since erased (its body keeps only ids).
   */
  async retry(auth: AuthContext, endpointId: string, id: string): Promise<WebhookDeliveryEntity> {
    const endpoint = await this.webhooks.get(auth, endpointId);
    const delivery = await this.deliveries.findById(auth.tenantId, id);
    if (!delivery || delivery.endpointId !== endpointId) throw AppError.notFound('Delivery');
    await this.redelivery.retry({
      log: 'webhook_deliveries',
      tenantId: auth.tenantId,
      id,
      status: delivery.status,
      receiverClosed: endpoint.enabled
        ? null
        : AppError.conflict('The webhook is disabled: enable it before sending a delivery again', {
            enabled: false,
          }),
      contentKept: (tx) =>
        delivery.leadId ? leadKept(tx, auth.tenantId, delivery.leadId) : Promise.resolve(true),
      job: { payload: { tenant_id: auth.tenantId, delivery_id: id }, jobId: `webhook:${id}` },
    });
    return (await this.deliveries.findById(auth.tenantId, id)) ?? delivery;
  }
}
