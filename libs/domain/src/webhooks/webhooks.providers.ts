import type { Provider } from '@nestjs/common';
import { DeliveryRetry } from './delivery-retry';
import { OutboundWebhooks } from './outbound-webhooks';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveriesRetention } from './webhook-deliveries-retention';
import { WebhookDeliveryLogService } from './webhook-delivery-log.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDispatchService } from './webhook-dispatch.service';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookEventData } from './webhook-event-data';
import { WebhookSender } from './webhook-sender';

/** Outbound webhooks (seed 004): exported services. */
export const WEBHOOK_SERVICES: Provider[] = [
  WebhookEndpointsService,
  WebhookDeliveryLogService,
  OutboundWebhooks,
];

export const WEBHOOK_PROVIDERS: Provider[] = [
  ...WEBHOOK_SERVICES,
  WebhookEndpointsRepository,
  WebhookDeliveriesRepository,
  WebhookDispatchService,
  WebhookDeliveryService,
  WebhookDeliveriesRetention,
  WebhookEventData,
  WebhookSender,
  DeliveryRetry,
];
