import { assertTenantId, fastSql, SqlRunner, tenantQuery } from '@app/db';
import type { CallDisposition, CallKind, CallStatus } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A call row as the dialer reads it. */
export interface DialerCall {
  id: string;
  tenant_id: string;
  campaign_id: string | null;
  lead_id: string | null;
  agent_id: string | null;
  enrollment_id: string | null;
  parent_call_id: string | null;
  attempt: number | null;
  kind: CallKind;
  direction: 'inbound' | 'outbound';
  call_sid: string | null;
  conference_sid: string | null;
  conference_name: string | null;
  from_number: string | null;
  to_number: string | null;
  status: CallStatus;
  answered_by: string | null;
  disposition: CallDisposition | null;
  start_time: Date | null;
  answer_time: Date | null;
  connected_at: Date | null;
  end_time: Date | null;
  metadata: Record<string, unknown>;
}

export interface NewCall {
  kind: CallKind;
  direction: 'inbound' | 'outbound';
  campaign_id?: string | null;
  lead_id?: string | null;
  agent_id?: string | null;
  enrollment_id?: string | null;
  parent_call_id?: string | null;
  attempt?: number | null;
  call_sid?: string | null;
  from_number?: string | null;
  to_number?: string | null;
  status?: CallStatus;
  start_time?: Date | null;
  answer_time?: Date | null;
  metadata?: Record<string, unknown>;
}

/** Twilio's statuses in the order a call moves through them; a final one is never left (DESIGN §7.7). */
const RANK: Record<CallStatus, number> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  'in-progress': 3,
  completed: 4,
  busy: 4,
  'no-answer': 4,
  failed: 4,
  canceled: 4,
};

export function isFinal(status: CallStatus): boolean {
  return RANK[status] === 4;
}

/** Moves forward only: a late `ringing` never undoes `in-progress`, nothing leaves a final status. */
export function movesForward(from: CallStatus, to: CallStatus): boolean {
  return RANK[to] > RANK[from];
}

const COLUMNS = `id, tenant_id, campaign_id, lead_id, agent_id, enrollment_id, parent_call_id, attempt, kind, direction,
  call_sid, conference_sid, conference_name, from_number, to_number, status, answered_by, disposition, start_time,
  answer_time, connected_at, end_time, metadata`;

/** COLUMNS of the calls aliased `c`. */
const C_COLUMNS = COLUMNS.split(',')
  .map((c) => `c.${c.trim()}`)
  .join(', ');

/** The dialer's reads and writes of calls; every statement is the tenant's. */
@Injectable()
export class DialerCallsRepository {
  readonly sql: SqlRunner;

  constructor(readonly db: DataSource) {
    this.sql = fastSql(db);
  }

  async insert(
    tenantId: string,
    call: NewCall,
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<DialerCall | null> {
    // An insert has no tenant filter for tenantQuery to check: the tenant id is checked and bound as $1 here.
    assertTenantId(tenantId);
    const [row] = (await runner.query(
      `INSERT INTO calls (tenant_id, kind, direction, campaign_id, lead_id, agent_id, enrollment_id, parent_call_id,
                          attempt, call_sid, from_number, to_number, status, start_time, answer_time, metadata,
                          created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        tenantId,
        call.kind,
        call.direction,
        call.campaign_id ?? null,
        call.lead_id ?? null,
        call.agent_id ?? null,
        call.enrollment_id ?? null,
        call.parent_call_id ?? null,
        call.attempt ?? null,
        call.call_sid ?? null,
        call.from_number ?? null,
        call.to_number ?? null,
        call.status ?? 'queued',
        call.start_time ?? null,
        call.answer_time ?? null,
        JSON.stringify(call.metadata ?? {}),
        now,
      ],
    )) as DialerCall[];
    return row ?? null;
  }

  async find(tenantId: string, callId: string, runner: SqlRunner = this.sql): Promise<DialerCall | null> {
    const [row] = await tenantQuery<DialerCall>(
      runner,
      tenantId,
      `SELECT ${COLUMNS} FROM calls WHERE tenant_id = $1 AND id = $2`,
      [callId],
    );
    return row ?? null;
  }

  /** The call, locked until the transaction ends: one event of a call applies at a time, across workers. */
  async lock(runner: SqlRunner, tenantId: string, callId: string): Promise<DialerCall | null> {
    const [row] = await tenantQuery<DialerCall>(
      runner,
      tenantId,
      `SELECT ${COLUMNS} FROM calls WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [callId],
    );
    return row ?? null;
  }

  async findBySid(tenantId: string, callSid: string): Promise<DialerCall | null> {
    const [row] = await tenantQuery<DialerCall>(
      this.sql,
      tenantId,
      `SELECT ${COLUMNS} FROM calls WHERE tenant_id = $1 AND call_sid = $2`,
      [callSid],
    );
    return row ?? null;
  }

  /** Sets columns of one call (names are this file's own, never input). */
  async update(
    tenantId: string,
    callId: string,
    changes: Partial<
      Record<
        | keyof DialerCall
        | 'duration'
        | 'talk_time'
        | 'recording_sid'
        | 'recording_url'
        | 'recording_duration',
        unknown
      >
    >,
    now: Date,
    runner: SqlRunner = this.sql,
    guard = '',
  ): Promise<boolean> {
    const names = Object.keys(changes);
    const sets = names.map((name, i) =>
      name === 'metadata' ? `metadata = metadata || $${i + 3}::jsonb` : `${name} = $${i + 3}`,
    );
    const values = names.map((name) =>
      name === 'metadata'
        ? JSON.stringify(changes[name as keyof typeof changes])
        : changes[name as keyof typeof changes],
    );
    const rows = await tenantQuery(
      runner,
      tenantId,
      `UPDATE calls SET ${[...sets, `updated_at = $${names.length + 3}`].join(', ')}
        WHERE tenant_id = $1 AND id = $2 ${guard} RETURNING id`,
      [callId, ...values, now],
    );
    return rows.length === 1;
  }

  /**
   * When the call's agent took it, as their leg for it tells (answered, in the call's conference, or ended
   * `completed`, which only an answered call does), no later than `now`; null when no leg of theirs shows it.
   * The agent-answer event that writes `connected_at` can be applied after the call's end: its job retried, a
   * worker stalled.
   */
  async takenAt(
    runner: SqlRunner,
    tenantId: string,
    callId: string,
    agentId: string,
    now: Date,
  ): Promise<Date | null> {
    const [row] = await tenantQuery<{ at: Date }>(
      runner,
      tenantId,
      `SELECT least(coalesce(answer_time, end_time - make_interval(secs => duration), $4), $4) AS at FROM calls
        WHERE tenant_id = $1 AND parent_call_id = $2 AND agent_id = $3 AND kind = 'agent_leg'
          AND (answer_time IS NOT NULL OR conference_sid IS NOT NULL OR status = 'completed')
        ORDER BY answer_time NULLS LAST LIMIT 1`,
      [callId, agentId, now],
    );
    return row?.at ?? null;
  }

  /** A preview the agent skipped: its call row goes (it was never placed). */
  async removeOffer(tenantId: string, callId: string, runner: SqlRunner = this.sql): Promise<boolean> {
    const rows = await tenantQuery(
      runner,
      tenantId,
      `DELETE FROM calls
        WHERE tenant_id = $1 AND id = $2 AND call_sid IS NULL AND end_time IS NULL AND metadata->>'preview' = 'true'
        RETURNING id`,
      [callId],
    );
    return rows.length === 1;
  }

  /** The agent the call was given to never answered: the call waits for another (if still unbridged). */
  async unassign(
    tenantId: string,
    callId: string,
    agentId: string,
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<boolean> {
    const rows = await tenantQuery(
      runner,
      tenantId,
      `UPDATE calls SET agent_id = NULL, updated_at = $4
        WHERE tenant_id = $1 AND id = $2 AND agent_id = $3 AND connected_at IS NULL AND end_time IS NULL
        RETURNING id`,
      [callId, agentId, now],
    );
    return rows.length === 1;
  }

  /**
   * A campaign's answered calls (and inbound callers) still waiting for an agent, oldest first: those of the group
   * `groupId` and those of no group (the agent who frees up takes them; an agent of no group only the latter).
   */
  async waitingForAgent(tenantId: string, groupId: string | null, limit: number): Promise<DialerCall[]> {
    return tenantQuery<DialerCall>(
      this.sql,
      tenantId,
      `SELECT ${C_COLUMNS}
         FROM calls c LEFT JOIN campaigns k ON k.tenant_id = c.tenant_id AND k.id = c.campaign_id
        WHERE c.tenant_id = $1 AND c.end_time IS NULL AND c.kind IN ('dialer', 'inbound')
          AND c.agent_id IS NULL AND c.connected_at IS NULL AND c.metadata ? 'waiting_since'
          AND NOT c.metadata ? 'abandoned_at'
          AND (coalesce(k.agent_group_id, (c.metadata->>'agent_group_id')::uuid) IS NULL
               OR coalesce(k.agent_group_id, (c.metadata->>'agent_group_id')::uuid) = $2)
        ORDER BY c.metadata->>'waiting_since'
        LIMIT $3`,
      [groupId, limit],
    );
  }

  /** The call's agent legs still open (ringing or up; at most one, uq_calls_open_agent_leg). */
  async openLegs(tenantId: string, callId: string): Promise<Pick<DialerCall, 'id' | 'call_sid'>[]> {
    return tenantQuery<Pick<DialerCall, 'id' | 'call_sid'>>(
      this.sql,
      tenantId,
      `SELECT id, call_sid FROM calls
        WHERE tenant_id = $1 AND parent_call_id = $2 AND kind = 'agent_leg' AND end_time IS NULL`,
      [callId],
    );
  }

  /** The agent's live leg (their call waiting in their own conference), if it is still up. */
  async liveLeg(tenantId: string, agentId: string, callSid: string): Promise<DialerCall | null> {
    const [row] = await tenantQuery<DialerCall>(
      this.sql,
      tenantId,
      `SELECT ${COLUMNS} FROM calls
        WHERE tenant_id = $1 AND agent_id = $2 AND call_sid = $3 AND kind = 'agent_leg' AND end_time IS NULL`,
      [agentId, callSid],
    );
    return row ?? null;
  }

  /**
   * Platform-wide, for the tick: preview offers still undecided `preview_timeout_seconds` (their campaign's) after
   * they were made, and those of a campaign no longer running (paused, cancelled, completed), oldest first.
   */
  async expiredOffers(now: Date, limit: number): Promise<(DialerCall & { campaign_status: string })[]> {
    return (await this.sql.query(
      `SELECT ${C_COLUMNS}, k.status AS campaign_status
         FROM calls c JOIN campaigns k ON k.tenant_id = c.tenant_id AND k.id = c.campaign_id
        WHERE c.call_sid IS NULL AND c.end_time IS NULL AND c.kind = 'dialer' AND c.metadata->>'preview' = 'true'
          AND (k.status <> 'active'
            OR c.created_at <= $1::timestamptz - make_interval(secs => k.preview_timeout_seconds))
        ORDER BY c.created_at
        LIMIT $2`,
      [now, limit],
    )) as (DialerCall & { campaign_status: string })[];
  }

  /** Placements whose provider answer was lost (the row committed, the call was never given a SID). */
  /**
   * Open calls the provider took (a SID) that nothing has touched since `before`, across tenants, quietest first:
   * their final callback may have been lost (Twilio does not retry status callbacks by default).
   */
  async quietCalls(before: Date, limit: number): Promise<{ id: string; tenant_id: string }[]> {
    return (await this.sql.query(
      `SELECT id, tenant_id FROM calls
        WHERE end_time IS NULL AND call_sid IS NOT NULL AND updated_at < $1
        ORDER BY updated_at LIMIT $2`,
      [before, limit],
    )) as { id: string; tenant_id: string }[];
  }

  async lostPlacements(before: Date, limit: number): Promise<{ id: string; tenant_id: string }[]> {
    return (await this.sql.query(
      `SELECT id, tenant_id FROM calls
        WHERE end_time IS NULL AND call_sid IS NULL AND status = 'queued' AND kind IN ('dialer', 'broadcast', 'agent_leg')
          AND coalesce(metadata->>'preview', '') <> 'true' AND created_at < $1
        LIMIT $2`,
      [before, limit],
    )) as { id: string; tenant_id: string }[];
  }
}
