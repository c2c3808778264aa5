import { Clock, SecretBox } from '@app/common';
import { AppConfig } from '@app/config';
import type { IntegrationEntity, WebhookDeliveryStatus } from '@app/db';
import { JobPayloads, OnJob, PermanentJobError } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { OutboundWebhooks } from '../webhooks/outbound-webhooks';
import { WebhookPostResult, WebhookSender } from '../webhooks/webhook-sender';
import type { IntegrationCredentials } from './integration-catalogue';
import { IntegrationContentReader } from './integration-content';
import { integrationRequest } from './integration-request';
import { IntegrationDeliveriesRepository } from './integration-deliveries.repository';
import { IntegrationsRepository } from './integrations.repository';

/** An integration that did not take the event this time: Bull tries again after its backoff. */
export class IntegrationAttemptFailed extends Error {
  override name = 'IntegrationAttemptFailed';
}

/** A receiver's own word for what is wrong (Slack's `no_service`, `invalid_token`...): kept, nothing longer. */
const ERROR_WORD = /^[a-z_]{1,60}$/;

/**
 * Posts one event to one integration (at least once), through the egress policy, never following a redirect: a
 * 2xx syncs it; anything else is retried with backoff up to WEBHOOK_ATTEMPTS (a 4xx other than 408 and 429, or an
 * address refused, is not: trying again will not help). Failed for good, the integration is in `error` with why,
 * and the tenant's webhooks get `integration.error` when it was connected until then. Each event's delivery and
 * its attempts are kept (`integration_deliveries`: status code, duration, our error words; nothing of what was sent),
 * one per integration and subject: a job run again for a delivery already finished sends nothing.
 */
@Injectable()
export class IntegrationDeliveryService {
  private readonly logger = new Logger(IntegrationDeliveryService.name);
  private readonly box: SecretBox;

  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly deliveries: IntegrationDeliveriesRepository,
    private readonly content: IntegrationContentReader,
    private readonly sender: WebhookSender,
    private readonly webhooks: OutboundWebhooks,
    private readonly clock: Clock,
    private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  @OnJob('integrations.deliver')
  async deliver(payload: JobPayloads['integrations.deliver'], job?: Job): Promise<string> {
    const tenantId = payload.tenant_id;
    const integration = await this.integrations.withCredentials(tenantId, payload.integration_id);
    if (!integration?.credentialsSealed || integration.status === 'disconnected')
      return this.dropped(payload, 'disconnected', 'The integration was disconnected: nothing was sent');
    if (!(integration.dataTypes as string[]).includes(payload.data_type))
      return this.dropped(payload, 'not taken', `The integration no longer takes ${payload.data_type}`);
    const sent = await this.db.transaction((tx) => this.send(tx, payload, integration, job));
    if (!sent) return this.dropped(payload, 'gone', 'The lead was erased: nothing is sent about them');
    if (!sent.attempt) return sent.status;
    if (sent.status === 'delivered') {
      await this.integrations.synced(tenantId, integration.id, sent.attempt.at);
      return 'delivered';
    }
    const error = sent.attempt.error ?? 'failed';
    if (sent.status === 'pending') throw new IntegrationAttemptFailed(error);
    if (await this.integrations.failed(tenantId, integration.id, error, this.clock.now())) {
      this.logger.warn(
        { tenant_id: tenantId, integration_id: integration.id, error },
        'Integration in error',
      );
      await this.webhooks.emit(tenantId, 'integration.error', [integration.id]);
    }
    throw new PermanentJobError(`Integration delivery failed for good: ${error}`);
  }

  /**
   * Builds the event's text, POSTs it and records the attempt in one transaction that holds the subject's lead (key
   * share, IntegrationContentReader) and the delivery's row, as a webhook delivery holds its row: an erasure that
   * committed first left no text to build (null), and one that comes during the POST waits for the attempt. No
   * erased lead's data leaves after their erasure committed.
   */
  private async send(
    tx: EntityManager,
    payload: JobPayloads['integrations.deliver'],
    integration: IntegrationEntity,
    job: Job | undefined,
  ): Promise<{ status: WebhookDeliveryStatus; attempt?: { at: Date; error: string | null } } | null> {
    const tenantId = payload.tenant_id;
    const content = await this.content.of(tx, payload);
    if (!content) return null;
    const credentials = JSON.parse(
      this.box.decrypt(integration.credentialsSealed!),
    ) as IntegrationCredentials;
    const request = integrationRequest(
      integration.type,
      credentials,
      integration.config,
      payload.data_type,
      content,
      payload.occurred_at,
    );
    const delivery = await this.deliveries.open(
      tenantId,
      {
        integrationId: integration.id,
        dataType: payload.data_type,
        source: payload.source,
        subjectId: payload.subject_id,
        occurredAt: payload.occurred_at,
      },
      tx,
    );
    if (delivery.status !== 'pending') return { status: delivery.status };
    const at = this.clock.now();
    const started = performance.now();
    const result = await this.sender.post(request.url, request.body, request.headers);
    const error = result.error ? describe(integration.type, result) : null;
    const lastTry =
      !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || result.refused || final(result.statusCode);
    const status = !error ? 'delivered' : lastTry ? 'failed' : 'pending';
    const attempt = {
      attempt: delivery.attemptCount + 1,
      at: at.toISOString(),
      status_code: result.statusCode,
      duration_ms: Math.round(performance.now() - started),
      error,
    };
    await this.deliveries.recordAttempt(tenantId, delivery.id, attempt, status, tx);
    return { status, attempt: { at, error } };
  }

  /**
   * An event not sent (the integration disconnected or narrowed, the lead erased): a delivery of it left pending (a
   * retry, or an attempt waiting out its backoff) fails with why, rather than staying pending with no job to send it.
   */
  private async dropped(
    payload: JobPayloads['integrations.deliver'],
    outcome: string,
    why: string,
  ): Promise<string> {
    await this.deliveries.dropPending(payload.tenant_id, payload.integration_id, payload.subject_id, why);
    return outcome;
  }
}

/** A 4xx other than a timeout or a rate limit: the same request will be refused again. */
function final(status: number | null): boolean {
  return status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Why it failed, in our words; Slack's error code when it gave one (a receiver's answer is never kept whole). */
function describe(type: string, result: WebhookPostResult): string {
  const word = result.excerpt?.trim() ?? '';
  const error = result.error ?? 'failed';
  return type === 'slack' && ERROR_WORD.test(word) ? `${error} (${word})` : error;
}
