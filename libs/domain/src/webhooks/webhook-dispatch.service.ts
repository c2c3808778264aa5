import { AppConfig } from '@app/config';
import { WEBHOOK_EVENTS, WebhookEventName } from '@app/db';
import { RETRY_BACKOFF, JobPayloads, JobProducer, OnJob, PermanentJobError } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEventData } from './webhook-event-data';

/**
 * Turns an event into deliveries: one row per enabled endpoint subscribed to it (the body built once, so every
 * endpoint and attempt gets the same event id and data), then a `webhooks.deliver` job each, keyed by the
 * delivery's id so a dispatch that runs again queues none twice.
 */
@Injectable()
export class WebhookDispatchService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly data: WebhookEventData,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {}

  @OnJob('webhooks.dispatch')
  async dispatch(payload: JobPayloads['webhooks.dispatch']): Promise<number> {
    const tenantId = payload.tenant_id;
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(payload.event))
      throw new PermanentJobError(`Unknown webhook event ${payload.event}`);
    const event = payload.event as WebhookEventName;
    const endpoints = await this.endpoints.subscribed(tenantId, event);
    if (!endpoints.length) return 0;
    const data = await this.data.of(tenantId, event, payload.subject_id);
    if (!data) return 0;
    const body = JSON.stringify({ id: payload.event_id, event, data, timestamp: payload.occurred_at });
    const leadId = (event.startsWith('lead.') ? data.id : data.lead_id) ?? null;
    await this.deliveries.addMany(
      tenantId,
      endpoints.map((e) => ({
        endpointId: e.id,
        event,
        eventId: payload.event_id,
        leadId: leadId as string | null,
        body,
      })),
    );
    // Every delivery of the event still pending (those this run added, and those a run that failed after adding
    // them left without a job): ensureMany skips one whose job is waiting or running.
    // Looked up by (tenant, endpoint, event id): the unique index, however many deliveries the tenant has.
    const [pending] = await this.deliveries.findPage(
      tenantId,
      { limit: endpoints.length, offset: 0 },
      { endpointId: In(endpoints.map((e) => e.id)), eventId: payload.event_id, status: 'pending' },
    );
    const { attempts, retryBaseMs } = this.config.webhooks;
    return this.jobs.ensureMany(
      'webhooks.deliver',
      pending.map((d) => ({ payload: { tenant_id: tenantId, delivery_id: d.id }, jobId: `webhook:${d.id}` })),
      { attempts, backoff: { type: RETRY_BACKOFF, options: { delay: retryBaseMs } } },
    );
  }
}
