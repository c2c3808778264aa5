import type { PageWindow } from '@app/common';
import { CallEntity, SqlRunner, TenantRepository, tenantQuery } from '@app/db';
import type { CallDisposition, CallKind, CallOutcome, CallStatus } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { instantOf } from '../contact-policy/send-window';
import {
  CallFilter,
  CallLogState,
  CallRange,
  CallScope,
  LEAD_CALL_KINDS,
  LOG_STATUS_SQL,
  NOT_UNDECIDED_OFFER_SQL,
  checkRange,
} from './call-filter';

/** One call as the API lists it: its columns, its lead's name and phone, its campaign's and agent's names. */
export interface CallRow {
  id: string;
  tenant_id: string;
  campaign_id: string | null;
  lead_id: string | null;
  agent_id: string | null;
  kind: CallKind;
  call_sid: string | null;
  conference_sid: string | null;
  from_number: string | null;
  to_number: string | null;
  direction: 'inbound' | 'outbound';
  status: CallStatus;
  answered_by: string | null;
  start_time: Date | null;
  answer_time: Date | null;
  connected_at: Date | null;
  end_time: Date | null;
  duration: number | null;
  talk_time: number | null;
  disposition: CallDisposition | null;
  outcome: CallOutcome | null;
  recording_url: string | null;
  recording_sid: string | null;
  recording_duration: number | null;
  cost: number | null;
  metadata: Record<string, unknown>;
  notes: string | null;
  contact_name: string | null;
  created_at: Date;
  updated_at: Date;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  campaign_name: string | null;
  agent_name: string | null;
  log_status: CallLogState;
}

/** Seed 001's call statistics, and the abandoned and missed counts. */
export interface CallSummary {
  total_calls: number;
  answered_calls: number;
  voicemail_calls: number;
  no_answer_calls: number;
  busy_calls: number;
  failed_calls: number;
  abandoned_calls: number;
  missed_calls: number;
  human_answered: number;
  machine_answered: number;
  avg_duration: number;
  avg_talk_time: number;
  total_cost: number;
  abandon_rate: number;
}

export interface DispositionCount {
  disposition: CallDisposition;
  count: number;
}

const ROW_COLUMNS = `c.id, c.tenant_id, c.campaign_id, c.lead_id, c.agent_id, c.kind, c.call_sid, c.conference_sid,
  c.from_number, c.to_number, c.direction, c.status, c.answered_by, c.start_time, c.answer_time, c.connected_at,
  c.end_time, c.duration, c.talk_time, c.disposition, c.outcome, c.recording_url, c.recording_sid, c.recording_duration,
  c.cost::float8 AS cost, c.metadata, c.notes, c.contact_name, c.created_at, c.updated_at,
  l.first_name, l.last_name,
  coalesce(CASE WHEN c.direction = 'inbound' THEN c.from_number ELSE c.to_number END, l.phone_normalized) AS phone,
  cp.name AS campaign_name, a.name AS agent_name, ${LOG_STATUS_SQL} AS log_status`;

const ROW_JOINS = `FROM calls c
  LEFT JOIN leads l ON l.tenant_id = c.tenant_id AND l.id = c.lead_id
  LEFT JOIN campaigns cp ON cp.tenant_id = c.tenant_id AND cp.id = c.campaign_id
  LEFT JOIN agents a ON a.tenant_id = c.tenant_id AND a.id = c.agent_id`;

/** The WHERE of a calls query: the tenant as $1, lead calls only, then each filter with its parameter. */
class CallConditions {
  readonly params: unknown[] = [];
  private readonly parts = ['c.tenant_id = $1', `c.kind = ANY('{${LEAD_CALL_KINDS.join(',')}}'::text[])`];

  /** `offers`: also an undecided preview offer (one call read by its id); lists and statistics never count one. */
  constructor(filter: CallFilter & CallScope, zone: string, { offers = false } = {}) {
    if (!offers) this.parts.push(NOT_UNDECIDED_OFFER_SQL);
    const eq = (column: string, value: unknown) => {
      if (value !== undefined) this.parts.push(`${column} = ${this.bind(value)}`);
    };
    eq('c.campaign_id', filter.campaign_id);
    eq('c.agent_id', filter.agent_id);
    eq('c.lead_id', filter.lead_id);
    eq('c.disposition', filter.disposition);
    eq('c.outcome', filter.outcome);
    eq('c.answered_by', filter.answered_by);
    eq('c.direction', filter.direction);
    eq('c.kind', filter.kind);
    if (filter.status !== undefined) this.parts.push(`${LOG_STATUS_SQL} = ${this.bind(filter.status)}`);
    if (filter.only_user_id !== undefined) {
      this.parts.push(
        filter.only_user_id === null
          ? 'false'
          : `c.agent_id IN (SELECT ua.id FROM agents ua WHERE ua.tenant_id = $1 AND ua.user_id = ${this.bind(filter.only_user_id)})`,
      );
    }
    this.range(filter, zone);
  }

  get sql(): string {
    return this.parts.join(' AND ');
  }

  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length + 1}`;
  }

  /**
   * A bare date is a day of the tenant's zone (its local midnight read in that zone), worked out here as the
   * contact policy and the reports read zones: Postgres's own zone names differ from the runtime's on a few that
   * both accept (ACT, CTT), and it refuses some that the API takes.
   */
  private range(range: CallRange, zone: string): void {
    const midnight = (date: string, days: number) => {
      const [year, month, day] = date.split('-').map(Number);
      return `${this.bind(instantOf(zone, year, month, day + days, 0))}::timestamptz`;
    };
    if (range.date !== undefined) {
      this.parts.push(
        `c.created_at >= ${midnight(range.date, 0)}`,
        `c.created_at < ${midnight(range.date, 1)}`,
      );
    }
    // Read as every report reads them (checked by the service): instants, both ends inclusive.
    const { from, to } = checkRange(range, zone);
    if (from) this.parts.push(`c.created_at >= ${this.bind(from)}::timestamptz`);
    if (to) this.parts.push(`c.created_at <= ${this.bind(to)}::timestamptz`);
  }
}

/** Calls: reads for the API (lead calls only, newest first), and the writes of a manual log. */
@Injectable()
export class CallsRepository extends TenantRepository<CallEntity> {
  constructor(@InjectRepository(CallEntity) repo: Repository<CallEntity>) {
    super(repo);
  }

  async list(
    tenantId: string,
    window: PageWindow,
    filter: CallFilter & CallScope,
    zone: string,
  ): Promise<[CallRow[], number]> {
    const where = new CallConditions(filter, zone);
    const limit = where.bind(window.limit);
    const offset = where.bind(window.offset);
    const params = where.params;
    const [rows, [{ total }]] = await Promise.all([
      tenantQuery<CallRow>(
        this.repo.manager,
        tenantId,
        `SELECT ${ROW_COLUMNS} ${ROW_JOINS} WHERE ${where.sql}
          ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      tenantQuery<{ total: number }>(
        this.repo.manager,
        tenantId,
        `SELECT count(*)::int AS total FROM calls c WHERE ${where.sql}`,
        params.slice(0, -2),
      ),
    ]);
    return [rows, total];
  }

  /** One lead call, if the scope lets the caller see it. */
  async row(tenantId: string, id: string, scope: CallScope): Promise<CallRow | null> {
    const where = new CallConditions(scope, 'UTC', { offers: true });
    const [row] = await tenantQuery<CallRow>(
      this.repo.manager,
      tenantId,
      `SELECT ${ROW_COLUMNS} ${ROW_JOINS} WHERE ${where.sql} AND c.id = ${where.bind(id)}`,
      where.params,
    );
    return row ?? null;
  }

  async summary(tenantId: string, filter: CallFilter & CallScope, zone: string): Promise<CallSummary> {
    const where = new CallConditions(filter, zone);
    const [row] = await tenantQuery<CallSummary>(
      this.repo.manager,
      tenantId,
      `SELECT count(*)::int AS total_calls,
              count(*) FILTER (WHERE c.disposition = 'answered')::int AS answered_calls,
              count(*) FILTER (WHERE c.disposition = 'voicemail')::int AS voicemail_calls,
              count(*) FILTER (WHERE c.disposition = 'no_answer')::int AS no_answer_calls,
              count(*) FILTER (WHERE c.disposition = 'busy')::int AS busy_calls,
              count(*) FILTER (WHERE c.disposition = 'failed')::int AS failed_calls,
              count(*) FILTER (WHERE c.disposition = 'abandoned')::int AS abandoned_calls,
              count(*) FILTER (WHERE ${LOG_STATUS_SQL} = 'missed')::int AS missed_calls,
              count(*) FILTER (WHERE c.answered_by = 'human')::int AS human_answered,
              count(*) FILTER (WHERE c.answered_by LIKE 'machine%' OR c.answered_by = 'fax')::int
                AS machine_answered,
              coalesce(round(avg(c.duration) FILTER (WHERE c.duration > 0), 1), 0)::float8 AS avg_duration,
              coalesce(round(avg(c.talk_time) FILTER (WHERE c.talk_time > 0), 1), 0)::float8 AS avg_talk_time,
              coalesce(round(sum(c.cost), 4), 0)::float8 AS total_cost,
              coalesce(round(count(*) FILTER (WHERE c.kind = 'dialer' AND c.disposition = 'abandoned')::numeric
                / nullif(count(*) FILTER (WHERE c.kind = 'dialer' AND c.disposition IN ('answered', 'abandoned')), 0),
                4), 0)::float8 AS abandon_rate
         FROM calls c WHERE ${where.sql}`,
      where.params,
    );
    return row;
  }

  byDisposition(tenantId: string, filter: CallFilter & CallScope, zone: string): Promise<DispositionCount[]> {
    const where = new CallConditions(filter, zone);
    return tenantQuery<DispositionCount>(
      this.repo.manager,
      tenantId,
      `SELECT c.disposition, count(*)::int AS count FROM calls c
        WHERE ${where.sql} AND c.disposition IS NOT NULL
        GROUP BY c.disposition ORDER BY count DESC, c.disposition`,
      where.params,
    );
  }

  /** The agent profile of a user of the tenant (agents are unique per user). */
  async agentOfUser(tenantId: string, userId: string | null): Promise<string | null> {
    if (!userId) return null;
    const [row] = await tenantQuery<{ id: string }>(
      this.repo.manager,
      tenantId,
      'SELECT id FROM agents WHERE tenant_id = $1 AND user_id = $2',
      [userId],
    );
    return row?.id ?? null;
  }

  /** Whether `id` is a row of `table` of the tenant (a reference a body makes). */
  async owns(sql: SqlRunner, tenantId: string, table: 'leads' | 'campaigns' | 'agents', id: string) {
    const rows = await tenantQuery(sql, tenantId, `SELECT 1 FROM ${table} WHERE tenant_id = $1 AND id = $2`, [
      id,
    ]);
    return rows.length > 0;
  }

  /** The live lead that owns this phone (E.164), through the identities that keep one lead per address. */
  async leadOfPhone(tenantId: string, phone: string): Promise<{ id: string } | null> {
    const [row] = await tenantQuery<{ id: string }>(
      this.repo.manager,
      tenantId,
      `SELECT lead_id AS id FROM lead_identities WHERE tenant_id = $1 AND channel = 'phone' AND address = $2`,
      [phone],
    );
    return row ?? null;
  }

  /** The lead's E.164 phone, when it is a live lead of the tenant. */
  async leadPhone(tenantId: string, leadId: string): Promise<{ phone: string | null } | null> {
    const [row] = await tenantQuery<{ phone: string | null }>(
      this.repo.manager,
      tenantId,
      'SELECT phone_normalized AS phone FROM leads WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL',
      [leadId],
    );
    return row ?? null;
  }

  /** The call's row, locked until `tx` ends. */
  lock(tx: EntityManager, tenantId: string, id: string): Promise<CallEntity | null> {
    return tx.findOne(CallEntity, {
      where: this.where(tenantId, { id }),
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insertIn(tx: EntityManager, tenantId: string, fields: Partial<CallEntity>): Promise<string> {
    const inserted = await tx.insert(CallEntity, {
      ...fields,
      tenantId,
    } as QueryDeepPartialEntity<CallEntity>);
    return (inserted.identifiers[0] as { id: string }).id;
  }

  async updateIn(
    tx: EntityManager,
    tenantId: string,
    id: string,
    fields: Partial<CallEntity>,
  ): Promise<void> {
    await tx.update(CallEntity, this.where(tenantId, { id }), fields as QueryDeepPartialEntity<CallEntity>);
  }
}
