import {
  IntegrationAttempt,
  IntegrationDeliveryEntity,
  SqlRunner,
  TenantRepository,
  tenantQuery,
  WebhookDeliveryStatus,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

@Injectable()
export class IntegrationDeliveriesRepository extends TenantRepository<IntegrationDeliveryEntity> {
  constructor(@InjectRepository(IntegrationDeliveryEntity) repo: Repository<IntegrationDeliveryEntity>) {
    super(repo);
  }

  /**
   * The delivery of a subject to an integration, made pending by its first attempt (one per pair, as its job) with
   * the time its event happened (kept: a retry sends it again), its row locked until `runner`'s transaction ends: two jobs of it take turns.
   */
  async open(
    tenantId: string,
    d: { integrationId: string; dataType: string; source: string; subjectId: string; occurredAt: string },
    runner: SqlRunner = this.repo.manager,
  ): Promise<{ id: string; status: WebhookDeliveryStatus; attemptCount: number }> {
    const [row] = await tenantQuery<{ id: string; status: WebhookDeliveryStatus; attempt_count: number }>(
      runner,
      tenantId,
      `INSERT INTO integration_deliveries AS d (tenant_id, integration_id, data_type, source, subject_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, integration_id, subject_id) DO UPDATE SET updated_at = d.updated_at
        WHERE d.tenant_id = $1
       RETURNING id, status, attempt_count`,
      [d.integrationId, d.dataType, d.source, d.subjectId, d.occurredAt],
    );
    return { id: row.id, status: row.status, attemptCount: row.attempt_count };
  }

  /** A pending delivery of a subject to an integration that will not be sent: failed, with why. */
  async dropPending(tenantId: string, integrationId: string, subjectId: string, why: string): Promise<void> {
    await tenantQuery(
      this.repo.manager,
      tenantId,
      `UPDATE integration_deliveries SET status = 'failed', last_error = $4, updated_at = now()
        WHERE tenant_id = $1 AND integration_id = $2 AND subject_id = $3 AND status = 'pending'`,
      [integrationId, subjectId, why.slice(0, 500)],
    );
  }

  /** Records an attempt and what it made of the delivery (in `runner`'s transaction when given). */
  async recordAttempt(
    tenantId: string,
    id: string,
    attempt: IntegrationAttempt,
    status: WebhookDeliveryStatus,
    runner: SqlRunner = this.repo.manager,
  ): Promise<void> {
    await tenantQuery(
      runner,
      tenantId,
      `UPDATE integration_deliveries
          SET attempts = attempts || $3::jsonb, attempt_count = $4, last_status_code = $5, last_error = $6,
              status = $7, delivered_at = $8, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        id,
        JSON.stringify([attempt]),
        attempt.attempt,
        attempt.status_code,
        attempt.error?.slice(0, 500) ?? null,
        status,
        status === 'delivered' ? attempt.at : null,
      ],
    );
  }
}
