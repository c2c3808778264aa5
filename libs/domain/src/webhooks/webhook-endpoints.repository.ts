import { TenantRepository, tenantQuery, WebhookEndpointEntity, WebhookEventName } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';

/** What a change of an endpoint may set. */
export type WebhookEndpointChange = Partial<
  Pick<
    WebhookEndpointEntity,
    'url' | 'events' | 'description' | 'enabled' | 'consecutiveFailures' | 'disabledAt' | 'disabledReason'
  >
>;

@Injectable()
export class WebhookEndpointsRepository extends TenantRepository<WebhookEndpointEntity> {
  constructor(@InjectRepository(WebhookEndpointEntity) repo: Repository<WebhookEndpointEntity>) {
    super(repo);
  }

  /** The tenant's enabled endpoints subscribed to `event`. */
  subscribed(tenantId: string, event: WebhookEventName): Promise<WebhookEndpointEntity[]> {
    return this.scoped(tenantId)
      .andWhere('t.enabled')
      .andWhere(':event = ANY(t.events)', { event })
      .orderBy('t.created_at')
      .getMany();
  }

  /** Whether any enabled endpoint of the tenant takes `event` (checked before a dispatch is queued). */
  async anySubscribed(tenantId: string, event: WebhookEventName): Promise<boolean> {
    return (
      (await this.scoped(tenantId)
        .andWhere('t.enabled')
        .andWhere(':event = ANY(t.events)', { event })
        .getExists()) === true
    );
  }

  /** The endpoint with its sealed secrets, current and previous (never selected otherwise). */
  withSecret(tenantId: string, id: string): Promise<WebhookEndpointEntity | null> {
    return this.scoped(tenantId)
      .addSelect(['t.secretSealed', 't.previousSecretSealed'])
      .andWhere('t.id = :id', { id })
      .getOne();
  }

  /**
   * A new signing secret; the one it replaces stays valid `previousUntil` (or not at all: null). Read and written in
   * one statement, so two rotations racing each other keep a secret one of them answered.
   */
  async rotateSecret(
    tenantId: string,
    id: string,
    next: { sealed: string; hint: string },
    previousUntil: Date | null,
  ): Promise<WebhookEndpointEntity | null> {
    const [row] = await tenantQuery<Record<string, unknown>>(
      this.repo.manager,
      tenantId,
      `UPDATE webhook_endpoints
          SET previous_secret_sealed = CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE secret_sealed END,
              previous_secret_hint = CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE secret_hint END,
              previous_secret_expires_at = $5, secret_sealed = $3, secret_hint = $4, updated_at = now()
        WHERE tenant_id = $1 AND id = $2
       RETURNING ${this.rowColumns}`,
      [id, next.sealed, next.hint, previousUntil],
    );
    return row ? this.fromRow(row) : null;
  }

  /**
   * One more delivery failed for good: the count goes up by one in the statement (deliveries failing together each
   * count), and reaching `disableAfter` (0: never) disables an enabled endpoint. Answers the count and whether this
   * failure disabled it (null: the endpoint is gone).
   */
  async recordFailure(
    tenantId: string,
    id: string,
    disableAfter: number,
    at: Date,
  ): Promise<{ failures: number; disabled: boolean } | null> {
    const [row] = await tenantQuery<{ failures: number; disabled: boolean }>(
      this.repo.manager,
      tenantId,
      `WITH counted AS (
         SELECT id, consecutive_failures + 1 AS failures,
                enabled AND $3::int > 0 AND consecutive_failures + 1 >= $3::int AS disable
           FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE)
       UPDATE webhook_endpoints e
          SET consecutive_failures = c.failures, enabled = e.enabled AND NOT c.disable,
              disabled_at = CASE WHEN c.disable THEN $4 ELSE e.disabled_at END,
              disabled_reason = CASE WHEN c.disable THEN c.failures || ' deliveries in a row failed'
                                     ELSE e.disabled_reason END,
              updated_at = now()
         FROM counted c
        WHERE e.tenant_id = $1 AND e.id = c.id
       RETURNING c.failures, c.disable AS disabled`,
      [id, disableAfter, at],
    );
    return row ?? null;
  }

  /** A delivery went through: the failures in a row start again from 0. */
  async recordSuccess(tenantId: string, id: string): Promise<void> {
    await tenantQuery(
      this.repo.manager,
      tenantId,
      `UPDATE webhook_endpoints SET consecutive_failures = 0, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND consecutive_failures > 0`,
      [id],
    );
  }

  async change(tenantId: string, id: string, change: WebhookEndpointChange): Promise<void> {
    await this.repo.update(this.where(tenantId, { id }), change);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.repo.delete(this.where(tenantId, { id }));
  }

  /**
   * Adds an endpoint unless the tenant has `max` already (then null): counted and added under a lock of the tenant's
   * endpoints, so creations racing each other cannot pass the cap together.
   */
  async insertCapped(
    tenantId: string,
    data: DeepPartial<WebhookEndpointEntity>,
    max: number,
  ): Promise<WebhookEndpointEntity | null> {
    return this.repo.manager.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('webhook-endpoints:' || $1::text, 0))`, [
        tenantId,
      ]);
      if ((await tx.count(WebhookEndpointEntity, { where: this.where(tenantId) })) >= max) return null;
      return tx.save(tx.create(WebhookEndpointEntity, { ...data, tenantId }));
    });
  }
}
