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
