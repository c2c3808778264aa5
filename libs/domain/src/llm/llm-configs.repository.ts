import { fastSql, LlmProviderChoice, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** An llm_configs row as stored, its sealed key included (the entity never selects it). */
export interface LlmConfigRow {
  tenant_id: string;
  provider: LlmProviderChoice;
  model: string;
  base_url: string | null;
  api_style: 'chat' | 'responses';
  credentials_sealed: string | null;
  settings: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export interface LlmConfigWrite {
  provider: LlmProviderChoice;
  model: string;
  baseUrl: string | null;
  apiStyle: 'chat' | 'responses';
  credentialsSealed: string | null;
  settings: Record<string, unknown>;
}

const COLUMNS =
  'tenant_id, provider, model, base_url, api_style, credentials_sealed, settings, created_at, updated_at';

/** llm_configs: at most one row per tenant (no row: the platform's default). */
@Injectable()
export class LlmConfigsRepository {
  /** Prepared statements on the pool: every model call reads the tenant's row. */
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = fastSql(db);
  }

  async find(tenantId: string, runner: SqlRunner = this.sql): Promise<LlmConfigRow | null> {
    const rows = await tenantQuery<LlmConfigRow>(
      runner,
      tenantId,
      `SELECT ${COLUMNS} FROM llm_configs WHERE tenant_id = $1`,
    );
    return rows[0] ?? null;
  }

  /** Writes the tenant's row whole (made when there is none). */
  async upsert(runner: SqlRunner, tenantId: string, write: LlmConfigWrite): Promise<LlmConfigRow> {
    const rows = await tenantQuery<LlmConfigRow>(
      runner,
      tenantId,
      `INSERT INTO llm_configs AS c (tenant_id, provider, model, base_url, api_style, credentials_sealed, settings)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id) DO UPDATE SET provider = EXCLUDED.provider, model = EXCLUDED.model,
         base_url = EXCLUDED.base_url, api_style = EXCLUDED.api_style,
         credentials_sealed = EXCLUDED.credentials_sealed, settings = EXCLUDED.settings, updated_at = now()
       WHERE c.tenant_id = $1
       RETURNING ${COLUMNS}`,
      [write.provider, write.model, write.baseUrl, write.apiStyle, write.credentialsSealed, write.settings],
    );
    return rows[0];
  }
}
