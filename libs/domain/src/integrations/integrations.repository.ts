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
}
