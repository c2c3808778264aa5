import { Clock, SecretBox } from '@app/common';
import { AppConfig } from '@app/config';
import { SqlRunner, WebhookAttempt, WebhookDeliveryEntity, WebhookEndpointEntity } from '@app/db';
import { JobPayloads, OnJob, PermanentJobError } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { ENDPOINT_DISABLED, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookPostResult, WebhookSender } from './webhook-sender';
import { signedDelivery, WEBHOOK_HEADERS, webhookSignature } from './webhook-signature';

/** A receiver that did not take the delivery this time: Bull tries again after its backoff. */
export class WebhookAttemptFailed extends Error {
  override name = 'WebhookAttemptFailed';
}

/**
 * Sends one delivery (at least once): signs the stored body with the endpoint's secret (and, while a rotated-out
 * secret is still valid, with that one too, in X-Reachline-Signature-Previous), POSTs it, records the attempt. A 2xx delivers it; anything else is retried with exponential backoff up to WEBHOOK_ATTEMPTS, after
 * which it is `failed` (and its job stays in the queue's failed set for admins); WEBHOOK_DISABLE_AFTER deliveries
 * failed in a row disable the endpoint.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);
  private readonly box: SecretBox;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  @OnJob('webhooks.deliver')
  async deliver(payload: JobPayloads['webhooks.deliver'], job?: Job): Promise<string> {
    const tenantId = payload.tenant_id;
    const delivery = await this.deliveries.findById(tenantId, payload.delivery_id);
    if (!delivery || delivery.status !== 'pending') return delivery?.status ?? 'gone';
    const endpoint = await this.endpoints.withSecret(tenantId, delivery.endpointId);
    if (!endpoint) return 'gone';
    if (!endpoint.enabled) {
      const at = this.clock.now();
      const attempt = { number: delivery.attemptCount + 1, at, ms: 0, error: ENDPOINT_DISABLED };
      await this.record(this.db, tenantId, delivery.id, attempt, 'failed');
      return 'failed';
    }
    const lastTry = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const sent = await this.db.transaction((tx) => this.send(tx, tenantId, delivery, endpoint, lastTry));
    if (!sent.result) return sent.status;
    if (sent.status === 'delivered') {
      await this.endpoints.recordSuccess(tenantId, endpoint.id);
      return 'delivered';
    }
    const error = sent.result.error ?? 'The receiver did not take the delivery';
    if (sent.status === 'pending') throw new WebhookAttemptFailed(error);
    await this.failedForGood(tenantId, endpoint.id);
    throw new PermanentJobError(`Webhook delivery failed for good: ${error}`);
  }

  /**
   * Signs and POSTs the delivery's body as it stands under its row lock, and records the attempt before the lock
   * goes: a lead's erasure that committed first left a scrubbed body marked failed, which is not sent; one that
   * comes during the POST waits for it, then scrubs the attempt's answer too. No erased lead's data leaves after
   * its erasure committed.
   */
  private async send(
    tx: EntityManager,
    tenantId: string,
    delivery: WebhookDeliveryEntity,
    endpoint: Pick<
      WebhookEndpointEntity,
      'url' | 'secretSealed' | 'previousSecretSealed' | 'previousSecretExpiresAt'
    >,
    lastTry: boolean,
  ): Promise<{ status: string; result?: WebhookPostResult }> {
    const locked = await this.deliveries.lockForSend(tx, tenantId, delivery.id);
    if (!locked || locked.status !== 'pending') return { status: locked?.status ?? 'gone' };
    const number = locked.attemptCount + 1;
    const at = this.clock.now();
    const secret = this.box.decrypt(endpoint.secretSealed);
    const { body, signature, timestamp } = signedDelivery(secret, locked.body, at);
    const previous =
      endpoint.previousSecretSealed &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > at
        ? webhookSignature(this.box.decrypt(endpoint.previousSecretSealed), body)
        : null;
    const started = performance.now();
    const result = await this.sender.post(endpoint.url, body, {
      'Content-Type': 'application/json',
      'User-Agent': 'Reachline-Webhooks/1.0',
      [WEBHOOK_HEADERS.signature]: signature,
      ...(previous && { [WEBHOOK_HEADERS.previousSignature]: previous }),
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.event]: delivery.event,
      [WEBHOOK_HEADERS.eventId]: delivery.eventId,
      [WEBHOOK_HEADERS.delivery]: delivery.id,
    });
    const ms = Math.round(performance.now() - started);
    const attempt = { number, at, ms, code: result.statusCode, error: result.error, excerpt: result.excerpt };
    const status = !result.error ? 'delivered' : lastTry || result.refused ? 'failed' : 'pending';
    await this.record(tx, tenantId, delivery.id, attempt, status);
    return { status, result };
  }

  /**
   * Counted in the endpoint's row (deliveries of one endpoint fail together: each counts); the one that reaches
   * WEBHOOK_DISABLE_AFTER disables it, and its other deliveries still pending end failed.
   */
  private async failedForGood(tenantId: string, endpointId: string): Promise<void> {
    const at = this.clock.now();
    const counted = await this.endpoints.recordFailure(
      tenantId,
      endpointId,
      this.config.webhooks.disableAfter,
      at,
    );
    if (!counted?.disabled) return;
    await this.deliveries.failPending(tenantId, endpointId, at);
    this.logger.warn(
      { tenant_id: tenantId, webhook_id: endpointId, failures: counted.failures },
      'Webhook disabled',
    );
  }

  private record(
    runner: SqlRunner,
    tenantId: string,
    id: string,
    a: {
      number: number;
      at: Date;
      ms: number;
      code?: number | null;
      error: string | null;
      excerpt?: string | null;
    },
    status: 'pending' | 'delivered' | 'failed',
  ): Promise<void> {
    const attempt: WebhookAttempt = {
      attempt: a.number,
      at: a.at.toISOString(),
      status_code: a.code ?? null,
      duration_ms: a.ms,
      error: a.error,
      response_excerpt: a.excerpt ?? null,
    };
    return this.deliveries.recordAttempt(
      tenantId,
      id,
      attempt,
      status,
      status === 'delivered' ? a.at : null,
      runner,
    );
  }
}
