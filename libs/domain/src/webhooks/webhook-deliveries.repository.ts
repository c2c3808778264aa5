import {
  SqlRunner,
  TenantRepository,
  tenantQuery,
  WebhookAttempt,
  WebhookDeliveryEntity,
  WebhookDeliveryStatus,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Why a delivery of a disabled endpoint ends failed without a POST. */
export const ENDPOINT_DISABLED = 'The endpoint is disabled';

@Injectable()
export class WebhookDeliveriesRepository extends TenantRepository<WebhookDeliveryEntity> {
  constructor(@InjectRepository(WebhookDeliveryEntity) repo: Repository<WebhookDeliveryEntity>) {
    super(repo);
  }

  /**
   * One delivery per endpoint for an event; answers the ids of those added (none for an endpoint that already has
   * the event: a dispatch that runs again).
   */
  async addMany(
    tenantId: string,
    rows: { endpointId: string; event: string; eventId: string; leadId: string | null; body: string }[],
  ): Promise<string[]> {
    if (!rows.length) return [];
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .values(rows.map((r) => ({ ...r, tenantId }) as QueryDeepPartialEntity<WebhookDeliveryEntity>))
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  /**
   * The delivery's body, status and attempt count, its row locked until `tx` ends: a lead's erasure, which scrubs
   * the body, waits for the send under way, and a send that waited for an erasure reads the scrubbed row.
   */
  async lockForSend(
    tx: SqlRunner,
    tenantId: string,
    id: string,
  ): Promise<Pick<WebhookDeliveryEntity, 'body' | 'status' | 'attemptCount'> | null> {
    const [row] = await tenantQuery<{ body: string; status: WebhookDeliveryStatus; attempt_count: number }>(
      tx,
      tenantId,
      `SELECT body, status, attempt_count FROM webhook_deliveries WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE`,
      [id],
    );
    return row ? { body: row.body, status: row.status, attemptCount: row.attempt_count } : null;
  }

  /**
   * The endpoint was disabled: its deliveries still pending end `failed`, each with an attempt saying why (as a job
   * that comes to one records it), so none is sent once the endpoint is enabled again unless it is asked for. One
   * being sent at the moment is waited for (its row lock), then failed if it was left to be tried again.
   */
  async failPending(tenantId: string, endpointId: string, at: Date): Promise<number> {
    const rows = await tenantQuery<{ id: string }>(
      this.repo.manager,
      tenantId,
      `UPDATE webhook_deliveries
          SET attempts = attempts || jsonb_build_array(jsonb_build_object(
                'attempt', attempt_count + 1, 'at', $3::text, 'status_code', NULL, 'duration_ms', 0,
                'error', $4::text, 'response_excerpt', NULL)),
              attempt_count = attempt_count + 1, last_status_code = NULL, last_error = $4, status = 'failed',
              updated_at = now()
        WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'pending'
       RETURNING id`,
      [endpointId, at.toISOString(), ENDPOINT_DISABLED],
    );
    return rows.length;
  }

  /** Records an attempt and what it made of the delivery (in `runner`'s transaction when given). */
  async recordAttempt(
    tenantId: string,
    id: string,
    attempt: WebhookAttempt,
    status: WebhookDeliveryStatus,
    deliveredAt: Date | null,
    runner: SqlRunner = this.repo,
  ): Promise<void> {
    await runner.query(
      `UPDATE webhook_deliveries
          SET attempts = attempts || $3::jsonb, attempt_count = $4, last_status_code = $5, last_error = $6,
              status = $7, delivered_at = $8, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        id,
        JSON.stringify([attempt]),
        attempt.attempt,
        attempt.status_code,
        attempt.error?.slice(0, 300) ?? null,
        status,
        deliveredAt,
      ],
    );
  }
}
