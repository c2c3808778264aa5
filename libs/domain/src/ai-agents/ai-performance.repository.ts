import { AI_INTERACTION_KINDS, AiInteractionKind, fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A window of creation times; null ends are open. */
export interface AiPeriod {
  from: Date | null;
  to: Date | null;
}

export interface AgentRunTotals {
  agent_id: string;
  name: string;
  total: number;
  successful: number;
  latency_ms_sum: number;
  cost: number;
  qualified: number;
  /** Runs that judged a lead (qualified or not). */
  judged: number;
}

export interface KindTotals {
  kind: AiInteractionKind;
  total: number;
  successful: number;
  latency_ms_sum: number;
  cost: number;
}

const IN_PERIOD = (alias: string) =>
  `($2::timestamptz IS NULL OR ${alias}.created_at >= $2) AND ($3::timestamptz IS NULL OR ${alias}.created_at <= $3)`;

/** SQL aggregates of ai_interactions and messages for `analytics/ai-performance`. */
@Injectable()
export class AiPerformanceRepository {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = fastSql(db);
  }

  /** Each live agent's runs in the period, and each archived agent that ran in it; by name. */
  agentRuns(tenantId: string, period: AiPeriod): Promise<AgentRunTotals[]> {
    return tenantQuery<AgentRunTotals>(
      this.sql,
      tenantId,
      `SELECT a.id AS agent_id, a.name,
              count(i.id)::int AS total,
              count(i.id) FILTER (WHERE i.success)::int AS successful,
              coalesce(sum(i.latency_ms), 0)::float8 AS latency_ms_sum,
              coalesce(sum(i.cost_usd), 0)::float8 AS cost,
              count(i.id) FILTER (WHERE i.qualified)::int AS qualified,
              count(i.id) FILTER (WHERE i.qualified IS NOT NULL)::int AS judged
         FROM ai_agents a
         LEFT JOIN ai_interactions i
           ON i.tenant_id = a.tenant_id AND i.agent_id = a.id AND i.kind = 'agent_run' AND ${IN_PERIOD('i')}
        WHERE a.tenant_id = $1
        GROUP BY a.id
       HAVING a.archived_at IS NULL OR count(i.id) > 0
        ORDER BY a.name, a.id`,
      [period.from, period.to],
    );
  }

  /** Every kind's calls in the period (kinds without calls included, at zero), in AI_INTERACTION_KINDS order. */
  async byKind(tenantId: string, period: AiPeriod): Promise<KindTotals[]> {
    const rows = await tenantQuery<KindTotals>(
      this.sql,
      tenantId,
      `SELECT i.kind, count(*)::int AS total, count(*) FILTER (WHERE i.success)::int AS successful,
              coalesce(sum(i.latency_ms), 0)::float8 AS latency_ms_sum,
              coalesce(sum(i.cost_usd), 0)::float8 AS cost
         FROM ai_interactions i
        WHERE i.tenant_id = $1 AND ${IN_PERIOD('i')}
        GROUP BY i.kind`,
      [period.from, period.to],
    );
    const found = new Map(rows.map((r) => [r.kind, r]));
    return AI_INTERACTION_KINDS.map(
      (kind) => found.get(kind) ?? { kind, total: 0, successful: 0, latency_ms_sum: 0, cost: 0 },
    );
  }

  /**
   * Outbound messages created in the period that the provider took (sent, delivered or read): those the AI wrote, and
   * all of them. One refused or overtaken while it waited, still at the sender, or failed, was never sent: it
   * automated nothing and saved no one's time.
   */
  async outbound(tenantId: string, period: AiPeriod): Promise<{ ai: number; total: number }> {
    const [row] = await tenantQuery<{ ai: number; total: number }>(
      this.sql,
      tenantId,
      `SELECT count(*) FILTER (WHERE m.sender = 'ai')::int AS ai, count(*)::int AS total
         FROM messages m
        WHERE m.tenant_id = $1 AND m.direction = 'outbound' AND m.status IN ('sent', 'delivered', 'read')
          AND ${IN_PERIOD('m')}`,
      [period.from, period.to],
    );
    return row;
  }
}
