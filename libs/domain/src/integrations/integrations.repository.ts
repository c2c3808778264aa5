import {
  IntegrationDataType,
  IntegrationEntity,
  IntegrationType,
  TenantRepository,
  tenantQuery,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

/** What a connect writes. */
export interface IntegrationConnection {
  dataTypes: IntegrationDataType[];
  config: Record<string, unknown>;
  credentialsSealed: string;
  credentialsHint: Record<string, string>;
  connectedAt: Date;
  connectedById: string | null;
}

@Injectable()
export class IntegrationsRepository extends TenantRepository<IntegrationEntity> {
  constructor(@InjectRepository(IntegrationEntity) repo: Repository<IntegrationEntity>) {
    super(repo);
  }

  list(tenantId: string): Promise<IntegrationEntity[]> {
    return this.scoped(tenantId).orderBy('t.type').getMany();
  }

  findByType(tenantId: string, type: IntegrationType): Promise<IntegrationEntity | null> {
    return this.scoped(tenantId).andWhere('t.type = :type', { type }).getOne();
  }

  /** The integration with its sealed credentials (never selected otherwise). */
  withCredentials(tenantId: string, id: string): Promise<IntegrationEntity | null> {
    return this.scoped(tenantId).addSelect('t.credentialsSealed').andWhere('t.id = :id', { id }).getOne();
  }

  /** The tenant's connection of a type with its sealed credentials (none once disconnected). */
  withCredentialsOf(tenantId: string, type: IntegrationType): Promise<IntegrationEntity | null> {
    return this.scoped(tenantId)
      .addSelect('t.credentialsSealed')
      .andWhere('t.type = :type', { type })
      .andWhere('t.credentialsSealed IS NOT NULL')
      .getOne();
  }

  /** Connects (again): new credentials and settings, the error of a former connection forgotten. */
  async connect(
    tenantId: string,
    type: IntegrationType,
    c: IntegrationConnection,
  ): Promise<IntegrationEntity> {
    const [row] = await tenantQuery<Record<string, unknown>>(
      this.repo.manager,
      tenantId,
      `INSERT INTO integrations AS i (tenant_id, type, status, data_types, config, credentials_sealed,
                                      credentials_hint, connected_at, connected_by_id)
       VALUES ($1, $2, 'connected', $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, type) DO UPDATE
          SET status = 'connected', data_types = $3, config = $4, credentials_sealed = $5, credentials_hint = $6,
              connected_at = $7, connected_by_id = $8, last_error = NULL, error_at = NULL, updated_at = now()
        WHERE i.tenant_id = $1
       RETURNING ${this.rowColumns}`,
      [
        type,
        c.dataTypes,
        JSON.stringify(c.config),
        c.credentialsSealed,
        JSON.stringify(c.credentialsHint),
        c.connectedAt,
        c.connectedById,
      ],
    );
    return this.fromRow(row);
  }

  /** Disconnects: the credentials go, nothing more is sent; what it was sent and its last sync stay. */
  async disconnect(tenantId: string, type: IntegrationType): Promise<IntegrationEntity | null> {
    const [row] = await tenantQuery<Record<string, unknown>>(
      this.repo.manager,
      tenantId,
      `UPDATE integrations
          SET status = 'disconnected', credentials_sealed = NULL, credentials_hint = NULL, last_error = NULL,
              error_at = NULL, updated_at = now()
        WHERE tenant_id = $1 AND type = $2
       RETURNING ${this.rowColumns}`,
      [type],
    );
    return row ? this.fromRow(row) : null;
  }

  /** The ids of the tenant's integrations (connected, or in error) that take `dataType`. */
  async taking(tenantId: string, dataType: IntegrationDataType): Promise<string[]> {
    const rows = await tenantQuery<{ id: string }>(
      this.repo.manager,
      tenantId,
      `SELECT id FROM integrations
        WHERE tenant_id = $1 AND status <> 'disconnected' AND $2 = ANY(data_types)`,
      [dataType],
    );
    return rows.map((r) => r.id);
  }

  /** A delivery went through: synced now, connected again if it was in error (not if disconnected since). */
  async synced(tenantId: string, id: string, at: Date): Promise<void> {
    await tenantQuery(
      this.repo.manager,
      tenantId,
      `UPDATE integrations
          SET status = 'connected', last_sync = $3, last_error = NULL, error_at = NULL, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status <> 'disconnected'`,
      [id, at],
    );
  }

  /**
   * A delivery failed for good: the integration is in error with why (not if disconnected since). Answers
   * whether it was connected until now (the error is news), false when it was in error already or is gone.
   */
  async failed(tenantId: string, id: string, error: string, at: Date): Promise<boolean> {
    const rows = await tenantQuery<{ was: string }>(
      this.repo.manager,
      tenantId,
      `WITH was AS (SELECT id, status FROM integrations WHERE tenant_id = $1 AND id = $2 FOR UPDATE)
       UPDATE integrations i
          SET status = 'error', last_error = $3, error_at = $4, updated_at = now()
         FROM was
        WHERE i.tenant_id = $1 AND i.id = was.id AND i.status <> 'disconnected'
       RETURNING was.status AS was`,
      [id, error.slice(0, 500), at],
    );
    return rows[0]?.was === 'connected';
  }
}
