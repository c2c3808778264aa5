import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import type { AgentStatus, WorkingHours } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An agent as the dialer sees them. */
export interface DialerAgent {
  id: string;
  user_id: string | null;
  agent_group_id: string | null;
  name: string;
  phone: string | null;
  status: AgentStatus;
  current_calls: number;
  max_concurrent_calls: number;
  status_changed_at: Date;
  wrap_up_until: Date | null;
  live_call_sid: string | null;
  /**
   * Their live leg may be on its way: placed but not in their conference yet, or they have just become available
   * and the dialer's status job has not placed it yet (a lead bridged now would call their phone twice).
   */
  leg_pending: boolean;
  /** When they last became available, until the status job has dealt with their live leg. */
  presence_pending_at: Date | null;
  working_hours: WorkingHours | null;
  zone: string;
}

/**
 * How long a status job may take to deal with a newly available agent's live leg before the dialer takes them
 * anyway (a job lost with Redis must not keep an agent from calls).
 */
export const PRESENCE_PENDING_SECONDS = 10;

/**
 * Whether agent `a` cannot take a call yet: their live leg is on its way (placed, not yet in their conference), or
 * their status job has yet to deal with it. The bridge skips them, and the pacer dials no line for them.
 */
export const LEG_PENDING_SQL = `(EXISTS (SELECT 1 FROM calls c
            WHERE c.tenant_id = a.tenant_id AND c.agent_id = a.id AND c.kind = 'agent_leg'
              AND c.parent_call_id IS NULL AND c.end_time IS NULL AND c.conference_sid IS NULL)
   OR coalesce(a.presence_pending_at > clock_timestamp() - make_interval(secs => ${PRESENCE_PENDING_SECONDS}), false))`;

const COLUMNS = `a.id, a.user_id, a.agent_group_id, a.name, a.phone, a.status, a.current_calls, a.max_concurrent_calls,
  a.status_changed_at, a.wrap_up_until, a.live_call_sid, a.working_hours, coalesce(a.timezone, t.timezone) AS zone,
  a.presence_pending_at, ${LEG_PENDING_SQL} AS leg_pending`;

/** An agent's status and the calls they hold, after the dialer moved them. */
export interface AgentMove {
  status: AgentStatus;
  current_calls: number;
}

/** A call `c` that holds its agent: open, and neither the agent's own leg nor a call they logged by hand. */
const HOLDS_AGENT = `c.end_time IS NULL AND c.kind NOT IN ('agent_leg', 'manual')`;

/** The agent was busy with the one call being let go (evaluated on the row before the update). */
const FREED = `a.status = 'busy' AND a.current_calls <= 1`;

/** The dialer's reads and writes of agents: taking one for a call, wrap-up, live legs. */
@Injectable()
export class DialerAgentsRepository {
  private readonly sql: SqlRunner;

  constructor(db: DataSource) {
    this.sql = fastSql(db);
  }

  async find(tenantId: string, agentId: string): Promise<DialerAgent | null> {
    const [row] = await tenantQuery<DialerAgent>(
      this.sql,
      tenantId,
      `SELECT ${COLUMNS} FROM agents a JOIN tenants t ON t.id = a.tenant_id WHERE a.tenant_id = $1 AND a.id = $2`,
      [agentId],
    );
    return row ?? null;
  }

  /** The group's agents who are working (not offline, not on a break): what the pacer counts. */
  async working(tenantId: string, groupId: string | null): Promise<DialerAgent[]> {
    return tenantQuery<DialerAgent>(
      this.sql,
      tenantId,
      `SELECT ${COLUMNS} FROM agents a JOIN tenants t ON t.id = a.tenant_id
        WHERE a.tenant_id = $1 AND a.is_active AND a.status IN ('available', 'busy')
          AND ($2::uuid IS NULL OR a.agent_group_id = $2)`,
      [groupId],
    );
  }

  /** A page of the group's available agents, longest idle first. */
  async available(
    tenantId: string,
    groupId: string | null,
    limit: number,
    offset = 0,
  ): Promise<DialerAgent[]> {
    return tenantQuery<DialerAgent>(
      this.sql,
      tenantId,
      `SELECT ${COLUMNS} FROM agents a JOIN tenants t ON t.id = a.tenant_id
        WHERE a.tenant_id = $1 AND a.is_active AND a.status = 'available'
          AND a.current_calls < a.max_concurrent_calls AND ($2::uuid IS NULL OR a.agent_group_id = $2)
        ORDER BY a.status_changed_at, a.id
        LIMIT $3 OFFSET $4`,
      [groupId, limit, offset],
    );
  }

  /**
   * The group's available agents with a phone and no live leg, not held for their status job, who have had no live
   * leg placed since they became available: their job found no running power or predictive campaign of theirs then.
   */
  async withoutLiveLeg(tenantId: string, groupId: string | null): Promise<DialerAgent[]> {
    return tenantQuery<DialerAgent>(
      this.sql,
      tenantId,
      `SELECT ${COLUMNS} FROM agents a JOIN tenants t ON t.id = a.tenant_id
        WHERE a.tenant_id = $1 AND a.is_active AND a.status = 'available' AND a.current_calls = 0
          AND a.phone IS NOT NULL AND a.live_call_sid IS NULL AND a.presence_pending_at IS NULL
          AND ($2::uuid IS NULL OR a.agent_group_id = $2)
          AND NOT EXISTS (SELECT 1 FROM calls c
                           WHERE c.tenant_id = a.tenant_id AND c.agent_id = a.id AND c.kind = 'agent_leg'
                             AND c.parent_call_id IS NULL AND c.created_at >= a.status_changed_at)
        ORDER BY a.status_changed_at, a.id`,
      [groupId],
    );
  }

  /**
   * Holds one of withoutLiveLeg's agents from the dialer (presence_pending_at, as a change to available does) until
   * their status job has placed their live leg; answers whether they still qualified.
   */
  async holdForLiveLeg(tenantId: string, agentId: string): Promise<boolean> {
    const rows = await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE agents SET presence_pending_at = date_trunc('milliseconds', clock_timestamp()), updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND is_active AND status = 'available' AND current_calls = 0
          AND phone IS NOT NULL AND live_call_sid IS NULL AND presence_pending_at IS NULL
        RETURNING id`,
      [agentId],
    );
    return rows.length === 1;
  }

  /** Takes the agent for a call if they are still available; false when another call took them first. */
  async take(tenantId: string, agentId: string, now: Date): Promise<boolean> {
    const rows = await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE agents SET status = 'busy', current_calls = current_calls + 1, status_changed_at = $3,
              last_active_at = $3, wrap_up_until = NULL, updated_at = $3
        WHERE tenant_id = $1 AND id = $2 AND is_active AND status = 'available'
          AND current_calls < max_concurrent_calls
        RETURNING id`,
      [agentId, now],
    );
    return rows.length === 1;
  }

  /** A call the agent was taken for ended before it reached them: available again at once. */
  async giveBack(
    tenantId: string,
    agentId: string,
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<AgentMove | null> {
    const [row] = await tenantQuery<AgentMove>(
      runner,
      tenantId,
      `UPDATE agents SET current_calls = greatest(current_calls - 1, 0),
              status = CASE WHEN status = 'busy' AND current_calls <= 1 THEN 'available' ELSE status END,
              status_changed_at = CASE WHEN status = 'busy' AND current_calls <= 1 THEN $3 ELSE status_changed_at END,
              updated_at = $3
        WHERE tenant_id = $1 AND id = $2 RETURNING status, current_calls`,
      [agentId, now],
    );
    return row ?? null;
  }

  /**
   * A preview offer the agent held was withdrawn without them: one call fewer and, when that offer was all they held
   * and they are still `busy`, the status `next` (set as a status change sets it, live leg hold included). Answers
   * the status before and after and the calls they still hold (null when the agent is gone).
   */
  async releaseOffer(
    tenantId: string,
    agentId: string,
    next: 'available' | 'break',
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<(AgentMove & { previous: AgentStatus }) | null> {
    const [row] = await tenantQuery<AgentMove & { previous: AgentStatus }>(
      runner,
      tenantId,
      // The locked read gives the status before the update.
      `UPDATE agents a
          SET current_calls = greatest(a.current_calls - 1, 0),
              status = CASE WHEN ${FREED} THEN $3::varchar ELSE a.status END,
              status_changed_at = CASE WHEN ${FREED} THEN $4::timestamptz ELSE a.status_changed_at END,
              last_active_at = CASE WHEN ${FREED} THEN $4::timestamptz ELSE a.last_active_at END,
              presence_pending_at = CASE WHEN NOT (${FREED}) THEN a.presence_pending_at
                                         WHEN $3::varchar = 'available' AND a.phone IS NOT NULL
                                              AND a.live_call_sid IS NULL
                                         THEN date_trunc('milliseconds', clock_timestamp()) END,
              updated_at = $4::timestamptz
         FROM (SELECT id, status AS previous FROM agents WHERE tenant_id = $1 AND id = $2 FOR UPDATE) p
        WHERE a.tenant_id = $1 AND a.id = p.id
        RETURNING a.status, a.current_calls, p.previous`,
      [agentId, next, now],
    );
    return row ?? null;
  }

  /**
   * The agent's live leg rang out (or found their phone busy): still available with no live leg, they are put on a
   * break. Answers the change (null when they had moved on: taken a call, changed status, or another leg is live).
   */
  async awayFromLiveLeg(
    tenantId: string,
    agentId: string,
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<(AgentMove & { previous: AgentStatus }) | null> {
    const [row] = await tenantQuery<AgentMove & { previous: AgentStatus }>(
      runner,
      tenantId,
      `UPDATE agents a
          SET status = 'break', status_changed_at = $3, presence_pending_at = NULL, updated_at = $3
         FROM (SELECT id, status AS previous FROM agents WHERE tenant_id = $1 AND id = $2 FOR UPDATE) p
        WHERE a.tenant_id = $1 AND a.id = p.id AND a.status = 'available' AND a.live_call_sid IS NULL
        RETURNING a.status, a.current_calls, p.previous`,
      [agentId, now],
    );
    return row ?? null;
  }

  /**
   * The agent has gone (none of their sockets open): offline, whatever their status (available, on a break, busy by
   * hand or in after-call work), unless a call holds them (`changed` false). Null: no such agent.
   */
  async leave(
    tenantId: string,
    agentId: string,
    now: Date,
  ): Promise<{ changed: boolean; previous: AgentStatus; current_calls: number } | null> {
    const [row] = await tenantQuery<{ changed: boolean; previous: AgentStatus; current_calls: number }>(
      this.sql,
      tenantId,
      `WITH p AS (
         SELECT id, status AS previous, current_calls FROM agents
          WHERE tenant_id = $1 AND id = $2 FOR UPDATE),
       changed AS (
         UPDATE agents a
            SET status = 'offline', status_changed_at = $3, presence_pending_at = NULL, wrap_up_until = NULL,
                updated_at = $3
           FROM p
          WHERE a.tenant_id = $1 AND a.id = p.id
            AND p.previous <> 'offline' AND p.current_calls = 0
          RETURNING a.id)
       SELECT p.previous, p.current_calls, EXISTS (SELECT 1 FROM changed) AS changed FROM p`,
      [agentId, now],
    );
    return row ?? null;
  }

  /** The agent's call ended: after-call work until `until`, the call counted in their totals. */
  async wrapUp(
    tenantId: string,
    agentId: string,
    until: Date,
    talkSeconds: number,
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<void> {
    await tenantQuery(
      runner,
      tenantId,
      `UPDATE agents SET current_calls = greatest(current_calls - 1, 0), wrap_up_until = $3,
              total_calls_handled = total_calls_handled + 1,
              total_call_duration_seconds = total_call_duration_seconds + $4, last_active_at = $5, updated_at = $5
        WHERE tenant_id = $1 AND id = $2`,
      [agentId, until, talkSeconds, now],
    );
  }

  /** A call the agent took, counted after its end (LateConnections): their totals, not their status. */
  async countHandled(
    runner: SqlRunner,
    tenantId: string,
    agentId: string,
    talkSeconds: number,
    now: Date,
  ): Promise<void> {
    await tenantQuery(
      runner,
      tenantId,
      `UPDATE agents SET total_calls_handled = total_calls_handled + 1,
              total_call_duration_seconds = total_call_duration_seconds + $3, updated_at = $4
        WHERE tenant_id = $1 AND id = $2`,
      [agentId, talkSeconds, now],
    );
  }

  /**
   * Agents across tenants who hold more calls than are theirs (open calls with their id, agent legs aside),
   * untouched since `before`: a worker died between taking them and giving them the call.
   */
  async overheld(before: Date, limit: number): Promise<{ tenant_id: string; id: string }[]> {
    return (await this.sql.query(
      `SELECT a.tenant_id, a.id
         FROM agents a
         LEFT JOIN (SELECT c.tenant_id, c.agent_id, count(*)::int AS n FROM calls c
                     WHERE ${HOLDS_AGENT} AND c.agent_id IS NOT NULL
                     GROUP BY c.tenant_id, c.agent_id) h ON h.tenant_id = a.tenant_id AND h.agent_id = a.id
        WHERE a.current_calls > coalesce(h.n, 0) AND a.updated_at < $1
        LIMIT $2`,
      [before, limit],
    )) as { tenant_id: string; id: string }[];
  }

  /**
   * The agent holds the calls that are theirs and no more; busy with none and no after-call work, available again.
   * Only while still untouched since `before` (a take in progress touches them). Null when nothing was wrong.
   */
  async reconcile(
    tenantId: string,
    agentId: string,
    before: Date,
    now: Date,
  ): Promise<(AgentMove & { previous: AgentStatus }) | null> {
    const [row] = await tenantQuery<AgentMove & { previous: AgentStatus }>(
      this.sql,
      tenantId,
      `UPDATE agents a
          SET current_calls = h.n,
              status = CASE WHEN a.status = 'busy' AND h.n = 0 AND a.wrap_up_until IS NULL THEN 'available'
                            ELSE a.status END,
              status_changed_at = CASE WHEN a.status = 'busy' AND h.n = 0 AND a.wrap_up_until IS NULL THEN $4
                                       ELSE a.status_changed_at END,
              updated_at = $4
         FROM (SELECT count(*)::int AS n FROM calls c
                WHERE c.tenant_id = $1 AND c.agent_id = $2 AND ${HOLDS_AGENT}) h,
              (SELECT status AS previous FROM agents WHERE tenant_id = $1 AND id = $2 FOR UPDATE) p
        WHERE a.tenant_id = $1 AND a.id = $2 AND a.updated_at < $3 AND a.current_calls > h.n
        RETURNING a.status, a.current_calls, p.previous`,
      [agentId, before, now],
    );
    return row ?? null;
  }

  /** Agents across tenants whose after-call work should have ended before `before` (its job lost). */
  async overdueWrapUps(
    before: Date,
    limit: number,
  ): Promise<{ tenant_id: string; id: string; wrap_up_until: Date }[]> {
    return (await this.sql.query(
      `SELECT tenant_id, id, wrap_up_until FROM agents
        WHERE wrap_up_until IS NOT NULL AND wrap_up_until < $1 AND status = 'busy' AND current_calls = 0
        ORDER BY wrap_up_until
        LIMIT $2`,
      [before, limit],
    )) as { tenant_id: string; id: string; wrap_up_until: Date }[];
  }

  /**
   * After-call work is over: available again, unless the agent changed status or took a call since; held from the
   * dialer like a status change (presence_pending_at) until the same job has placed a live leg they lack.
   */
  async endWrapUp(tenantId: string, agentId: string, now: Date): Promise<boolean> {
    const rows = await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE agents SET status = 'available', status_changed_at = $3, wrap_up_until = NULL, updated_at = $3,
              presence_pending_at = CASE WHEN phone IS NOT NULL AND live_call_sid IS NULL
                                         THEN date_trunc('milliseconds', clock_timestamp()) END
        WHERE tenant_id = $1 AND id = $2 AND status = 'busy' AND current_calls = 0
          AND wrap_up_until IS NOT NULL AND wrap_up_until <= $3
        RETURNING id`,
      [agentId, now],
    );
    return rows.length === 1;
  }

  /**
   * The status job has dealt with the agent's live leg: no longer held from the dialer, unless they became
   * available again after `seen` (that change's own job clears it).
   */
  async settlePresence(tenantId: string, agentId: string, seen: Date): Promise<void> {
    await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE agents SET presence_pending_at = NULL
        WHERE tenant_id = $1 AND id = $2 AND presence_pending_at <= $3`,
      [agentId, seen],
    );
  }

  /**
   * Records the agent's live leg, the agent's leg with this call sid, while it has not ended. The leg's row is
   * locked for the check: an end being written waits for this, then clears it (clearLiveLeg); an end already
   * written (the answer or the join that got here read the leg open before it ended) leaves the agent without.
   */
  async setLiveLeg(tenantId: string, agentId: string, sid: string): Promise<boolean> {
    const rows = await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE agents SET live_call_sid = $3
        WHERE tenant_id = $1 AND id = $2 AND status IN ('available', 'busy')
          AND EXISTS (SELECT 1 FROM calls c
                       WHERE c.tenant_id = $1 AND c.call_sid = $3 AND c.agent_id = $2 AND c.kind = 'agent_leg'
                         AND c.end_time IS NULL
                         FOR SHARE)
        RETURNING id`,
      [agentId, sid],
    );
    return rows.length > 0;
  }

  /** The agent's live leg `sid` ended: they have none (unless another became theirs meanwhile). */
  async clearLiveLeg(
    tenantId: string,
    agentId: string,
    sid: string,
    runner: SqlRunner = this.sql,
  ): Promise<void> {
    await tenantQuery(
      runner,
      tenantId,
      `UPDATE agents SET live_call_sid = NULL WHERE tenant_id = $1 AND id = $2 AND live_call_sid = $3`,
      [agentId, sid],
    );
  }
}
