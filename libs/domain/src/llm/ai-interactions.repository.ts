import { AiInteractionKind, assertTenantId, fastSql, SqlRunner } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One model call as recorded (issue 7): the ledger of cost accounting and analytics/ai-performance. */
export interface AiInteractionWrite {
  kind: AiInteractionKind;
  agentId: string | null;
  leadId: string | null;
  messageId: string | null;
  provider: string;
  model: string;
  promptVersion: string | null;
  input: unknown;
  output: unknown;
  success: boolean;
  qualified: boolean | null;
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  createdAt: Date;
}

@Injectable()
export class AiInteractionsRepository {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = fastSql(db);
  }

  /** Adds the row and answers its id. */
  async insert(tenantId: string, row: AiInteractionWrite): Promise<string> {
    assertTenantId(tenantId);
    const rows = (await this.sql.query(
      `INSERT INTO ai_interactions (tenant_id, kind, agent_id, lead_id, message_id, provider, model, prompt_version,
         input, output, success, qualified, error_code, input_tokens, output_tokens, cost_usd, latency_ms, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       RETURNING id`,
      [
        tenantId,
        row.kind,
        row.agentId,
        row.leadId,
        row.messageId,
        row.provider,
        row.model,
        row.promptVersion,
        jsonb(row.input),
        jsonb(row.output),
        row.success,
        row.qualified,
        row.errorCode,
        row.inputTokens,
        row.outputTokens,
        row.costUsd,
        row.latencyMs,
        row.createdAt,
      ],
    )) as { id: string }[];
    return rows[0].id;
  }
}

/** A jsonb parameter: pg would send a bare string as text, and an array as a Postgres array. */
function jsonb(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
