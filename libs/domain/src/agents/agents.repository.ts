import type { PageWindow } from '@app/common';
import { AgentEntity, AgentStatus, TenantRepository, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NOT_UNDECIDED_OFFER_SQL } from '../calls/call-filter';
import type { AgentColumns, AgentFilter } from './agent-input';

/** The call kinds an agent's stats count: the calls they talk on, not their own legs nor broadcasts. */
export const AGENT_STAT_CALL_KINDS = ['dialer', 'inbound', 'manual'] as const;

export interface AgentCallStats {
  total_calls: number;
  answered_calls: number;
  /** Seconds, one decimal; 0 without answered calls. */
  avg_talk_time: number;
  total_talk_time: number;
  /** Times their phone rang for a call (or as their live leg) and they let it ring out, or it was busy. */
  unanswered_calls: number;
}

/** A window of call start times; null ends are open. */
export interface StatsRange {
  from: Date | null;
  to: Date | null;
}

/** Agents: every method takes the tenant first. */
@Injectable()
export class AgentsRepository extends TenantRepository<AgentEntity> {
  constructor(@InjectRepository(AgentEntity) repo: Repository<AgentEntity>) {
    super(repo);
  }

  /** A page of agents by name, alphabetically whatever its case (the database's collation is byte order). */
  list(tenantId: string, window: PageWindow, filter: AgentFilter): Promise<[AgentEntity[], number]> {
    const q = this.scoped(tenantId, 'a');
    if (filter.status) q.andWhere('a.status = :status', { status: filter.status });
    if (filter.agent_group_id) q.andWhere('a.agent_group_id = :group', { group: filter.agent_group_id });
    if (filter.is_active !== undefined) q.andWhere('a.is_active = :active', { active: filter.is_active });
    return q
      .orderBy('lower(a.name)', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }

  /** The agent a user signs in as, if any. */
  findByUser(tenantId: string, userId: string): Promise<AgentEntity | null> {
    return this.repo.findOne({ where: this.where(tenantId, { userId }) });
  }

  async update(tenantId: string, id: string, columns: AgentColumns): Promise<void> {
    if (!Object.keys(columns).length) return;
    await this.repo.update(this.where(tenantId, { id }), columns as never);
  }

  /**
   * Sets the agent's status by hand, in one statement: status, `status_changed_at` (idle since: kept when the status
   * does not change, so re-sending `available` does not send the agent to the back of the queue) and
   * `last_active_at`. Answers the status before, or null when the agent is not the tenant's. Not
   * `available` while they hold a call (`on_call`: the dialer would put another lead through to them); set with no
   * call held, it ends their after-call work (whatever status they chose now stands, not the wrap-up's end). Only
   * `offline` for an inactive agent (`inactive`), or one whose user is deactivated (`user_inactive`: the user's
   * deactivation takes them offline), read under the row's lock: a deactivation that committed after the caller read
   * the agent is seen here.
   */
  async setStatus(
    tenantId: string,
    id: string,
    status: AgentStatus,
    now: Date,
  ): Promise<{ previous: AgentStatus } | 'on_call' | 'inactive' | 'user_inactive' | null> {
    const rows = await tenantQuery<{
      previous: AgentStatus;
      is_active: boolean;
      user_active: boolean;
      changed: boolean;
    }>(
      this.repo.manager,
      tenantId,
      `WITH p AS (SELECT id, status AS previous, current_calls, is_active,
                         coalesce((SELECT u.is_active FROM users u
                                    WHERE u.tenant_id = $1 AND u.id = agents.user_id), true) AS user_active
                    FROM agents
                   WHERE tenant_id = $1 AND id = $2 FOR UPDATE),
       changed AS (
         UPDATE agents a
            SET status = $3::varchar,
                status_changed_at = CASE WHEN p.previous = $3::varchar THEN a.status_changed_at
                                         ELSE $4::timestamptz END,
                last_active_at = $4::timestamptz,
                wrap_up_until = CASE WHEN p.current_calls = 0 THEN NULL ELSE a.wrap_up_until END,
                -- One who may get a live leg is held from the dialer until its agents.status-changed job has
                -- placed it (whole milliseconds, so that the job's clear compares exactly with what it read).
                presence_pending_at = CASE WHEN $3::varchar = 'available' AND a.phone IS NOT NULL
                                                AND a.live_call_sid IS NULL
                                           THEN date_trunc('milliseconds', clock_timestamp()) END,
                updated_at = now()
           FROM p
          WHERE a.tenant_id = $1 AND a.id = p.id AND NOT ($3::varchar = 'available' AND p.current_calls > 0)
            AND ((p.is_active AND p.user_active) OR $3::varchar = 'offline')
          RETURNING a.id)
       SELECT p.previous, p.is_active, p.user_active, EXISTS (SELECT 1 FROM changed) AS changed FROM p`,
      [id, status, now],
    );
    if (!rows[0]) return null;
    if (rows[0].changed) return { previous: rows[0].previous };
    if (!rows[0].is_active) return 'inactive';
    return rows[0].user_active ? 'on_call' : 'user_inactive';
  }

  /**
   * Seed 001's statistics over the agent's calls that started in `range` (a call not yet started: its creation); a
   * preview offer they have not dialed is no call yet.
   */
  async callStats(tenantId: string, agentId: string, range: StatsRange): Promise<AgentCallStats> {
    const [row] = await tenantQuery<{
      total_calls: number;
      answered_calls: number;
      total_talk_time: string;
      avg_talk_time: string | null;
      unanswered_calls: number;
    }>(
      this.repo.manager,
      tenantId,
      `SELECT count(*) FILTER (WHERE kind = ANY($3::text[]))::int AS total_calls,
              count(*) FILTER (WHERE kind = ANY($3::text[]) AND disposition = 'answered')::int AS answered_calls,
              coalesce(sum(talk_time) FILTER (WHERE kind = ANY($3::text[])), 0)::bigint AS total_talk_time,
              avg(talk_time) FILTER (WHERE kind = ANY($3::text[]) AND disposition = 'answered'
                                       AND talk_time IS NOT NULL) AS avg_talk_time,
              count(*) FILTER (WHERE kind = 'agent_leg' AND status IN ('no-answer', 'busy'))::int AS unanswered_calls
         FROM calls c
        WHERE c.tenant_id = $1 AND c.agent_id = $2 AND ${NOT_UNDECIDED_OFFER_SQL}
          AND ($4::timestamptz IS NULL OR coalesce(start_time, created_at) >= $4)
          AND ($5::timestamptz IS NULL OR coalesce(start_time, created_at) <= $5)`,
      [agentId, AGENT_STAT_CALL_KINDS, range.from, range.to],
    );
    return {
      total_calls: row.total_calls,
      answered_calls: row.answered_calls,
      avg_talk_time: row.avg_talk_time === null ? 0 : Math.round(Number(row.avg_talk_time) * 10) / 10,
      total_talk_time: Number(row.total_talk_time),
      unanswered_calls: row.unanswered_calls,
    };
  }
}
