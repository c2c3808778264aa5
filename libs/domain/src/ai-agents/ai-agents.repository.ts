import type { PageWindow } from '@app/common';
import { AiAgentEntity, fastSql, SqlRunner, TenantRepository, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { AiAgentFilter } from './ai-agent-input';

/** An agent's record of runs (kind `agent_run` in ai_interactions). */
export interface AiAgentPerformance {
  total_interactions: number;
  /** Successful runs / runs; 0 without runs. */
  success_rate: number;
  /** Seconds; 0 without runs. */
  avg_response_time: number;
}

export const NO_PERFORMANCE: AiAgentPerformance = {
  total_interactions: 0,
  success_rate: 0,
  avg_response_time: 0,
};

/** AI agents (seed 004); archived agents are invisible here. Every method takes the tenant first. */
@Injectable()
export class AiAgentsRepository extends TenantRepository<AiAgentEntity> {
  private readonly sql: SqlRunner;

  constructor(@InjectRepository(AiAgentEntity) repo: Repository<AiAgentEntity>) {
    super(repo);
    this.sql = fastSql(repo.manager.connection);
  }

  list(tenantId: string, window: PageWindow, filter: AiAgentFilter): Promise<[AiAgentEntity[], number]> {
    const q = this.scoped(tenantId, 'a').andWhere('a.archived_at IS NULL');
    if (filter.status) q.andWhere('a.status = :status', { status: filter.status });
    if (filter.type) q.andWhere('a.type = :type', { type: filter.type });
    return q
      .orderBy('lower(a.name)', 'ASC')
      .addOrderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }

  /** A live (not archived) agent of the tenant. */
  findLive(tenantId: string, id: string): Promise<AiAgentEntity | null> {
    return this.repo.findOne({ where: this.where(tenantId, { id, archivedAt: IsNull() }) });
  }

  /** Each agent's runs (all time): count, success rate and mean latency. */
  async performance(tenantId: string, agentIds: string[]): Promise<Map<string, AiAgentPerformance>> {
    const out = new Map<string, AiAgentPerformance>();
    if (!agentIds.length) return out;
    const rows = await tenantQuery<{ agent_id: string; total: number; ok: number; latency: number }>(
      this.sql,
      tenantId,
      `SELECT agent_id, count(*)::int AS total, count(*) FILTER (WHERE success)::int AS ok,
              coalesce(avg(latency_ms), 0)::float AS latency
         FROM ai_interactions
        WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[]) AND kind = 'agent_run'
        GROUP BY agent_id`,
      [agentIds],
    );
    for (const r of rows) {
      out.set(r.agent_id, {
        total_interactions: r.total,
        success_rate: r.total ? round(r.ok / r.total, 4) : 0,
        avg_response_time: round(r.latency / 1000, 3),
      });
    }
    return out;
  }
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
