import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import type { AmdActions, CampaignStatus, DialingMode, RetryPolicy, StepType } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MIN_RETRY_MINUTES } from './call-outcome';

/** What the dialer needs of a campaign, read once per pacing round or call event. */
export interface DialCampaign {
  id: string;
  tenant_id: string;
  status: CampaignStatus;
  name: string;
  caller_id: string | null;
  agent_group_id: string | null;
  dialing_mode: DialingMode;
  max_abandon_rate: number;
  lines_per_agent: number;
  retry_policy: RetryPolicy;
  amd_enabled: boolean;
  amd_actions: AmdActions;
  voicemail_message_url: string | null;
  record_calls: boolean;
  ring_timeout_seconds: number;
  wrap_up_seconds: number;
  abandon_lockout_minutes: number;
  safe_harbour_message: string | null;
  calling_hours_start: string | null;
  calling_hours_end: string | null;
  calling_days: number[] | null;
  schedule_end: Date | null;
  zone: string;
  steps: {
    position: number;
    type: StepType;
    delay_minutes: number | null;
    content: string | null;
    options: Record<string, unknown>;
  }[];
  follow_up_interval_days: number | null;
}

/** A lead waiting at a campaign's CALL step, as the pacer takes it. */
export interface DialCandidate {
  enrollment_id: string;
  lead_id: string;
  current_step: number;
  attempts: number;
  phone: string | null;
}

const PRIORITY = `CASE l.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END`;

/**
 * The dialer's pool: a campaign's enrollments `in_progress` at a CALL step. `next_action_at` is when the lead may be
 * dialed next (null while a call to it is in flight); each dial takes the next attempt number.
 */
@Injectable()
export class DialerPoolRepository {
  readonly sql: SqlRunner;

  constructor(readonly db: DataSource) {
    this.sql = fastSql(db);
  }

  async campaign(
    tenantId: string,
    campaignId: string,
    runner: SqlRunner = this.sql,
  ): Promise<DialCampaign | null> {
    const [row] = await tenantQuery<DialCampaign>(
      runner,
      tenantId,
      `SELECT c.id, c.tenant_id, c.status, c.name, c.caller_id, c.agent_group_id, c.dialing_mode,
              c.max_abandon_rate::float8 AS max_abandon_rate, c.lines_per_agent::float8 AS lines_per_agent,
              c.retry_policy, c.amd_enabled, c.amd_actions, c.voicemail_message_url, c.record_calls,
              c.ring_timeout_seconds, c.wrap_up_seconds, c.abandon_lockout_minutes, c.safe_harbour_message,
              c.calling_hours_start, c.calling_hours_end, c.calling_days, c.schedule_end,
              coalesce(c.timezone, t.timezone) AS zone,
              c.follow_up_interval_days::float8 AS follow_up_interval_days,
              coalesce((SELECT json_agg(json_build_object('position', s.position, 'type', s.type,
                          'delay_minutes', s.delay_minutes, 'content', s.content, 'options', s.options)
                          ORDER BY s.position)
                  FROM campaign_steps s WHERE s.tenant_id = c.tenant_id AND s.campaign_id = c.id), '[]') AS steps
         FROM campaigns c JOIN tenants t ON t.id = c.tenant_id
        WHERE c.tenant_id = $1 AND c.id = $2`,
      [campaignId],
    );
    return row ?? null;
  }

  /** Up to `limit` leads to dial now: by priority, then the lead's next_call_at, then how long they waited. */
  async candidates(tenantId: string, campaignId: string, now: Date, limit: number): Promise<DialCandidate[]> {
    return tenantQuery<DialCandidate>(
      this.sql,
      tenantId,
      `SELECT e.id AS enrollment_id, e.lead_id, e.current_step, e.attempts, l.phone_normalized AS phone
         FROM campaign_enrollments e JOIN leads l ON l.tenant_id = e.tenant_id AND l.id = e.lead_id
        WHERE e.tenant_id = $1 AND e.campaign_id = $2 AND e.status = 'in_progress' AND NOT e.ai_paused
          AND e.next_action_at <= $3
        ORDER BY ${PRIORITY}, l.next_call_at NULLS FIRST, e.next_action_at, e.id
        LIMIT $4`,
      [campaignId, now, limit],
    );
  }

  /**
   * Takes the lead for its next attempt (in the placement's transaction); false when someone else did, or when
   * the lead was dialed less than MIN_RETRY_MINUTES ago by any campaign (a lead in two voice campaigns is never
   * called by both at once), or is locked out after an abandoned call by any campaign: the enrollment then waits
   * until then. The lead's row is taken first, so two campaigns' takes of one lead go one after the other.
   */
  async take(runner: SqlRunner, tenantId: string, c: DialCandidate, now: Date): Promise<boolean> {
    const [lead] = await tenantQuery<{ free_at: Date | null }>(
      runner,
      tenantId,
      `SELECT greatest(last_call_at + make_interval(mins => ${MIN_RETRY_MINUTES}), call_locked_until) AS free_at
         FROM leads WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE`,
      [c.lead_id],
    );
    if (lead?.free_at && lead.free_at > now) {
      await tenantQuery(
        runner,
        tenantId,
        `UPDATE campaign_enrollments SET next_action_at = $4, updated_at = $5
          WHERE tenant_id = $1 AND id = $2 AND status = 'in_progress' AND attempts = $3 AND next_action_at <= $5`,
        [c.enrollment_id, c.attempts, lead.free_at, now],
      );
      return false;
    }
    const rows = await tenantQuery(
      runner,
      tenantId,
      `UPDATE campaign_enrollments
          SET next_action_at = NULL, attempts = attempts + 1, last_attempt_at = $4, updated_at = $4
        WHERE tenant_id = $1 AND id = $2 AND status = 'in_progress' AND attempts = $3 AND next_action_at <= $4
        RETURNING id`,
      [c.enrollment_id, c.attempts, now],
    );
    if (rows.length !== 1) return false;
    await tenantQuery(
      runner,
      tenantId,
      `UPDATE leads SET call_attempts = call_attempts + 1, last_call_at = $3, next_call_at = NULL, updated_at = $3
        WHERE tenant_id = $1 AND id = $2`,
      [c.lead_id, now],
    );
    return true;
  }

  /**
   * Gives back a lead taken but not dialed (a preview skipped or expired): its attempt is not counted, neither by
   * the enrollment nor by the lead's `call_attempts`.
   */
  async giveBack(
    tenantId: string,
    enrollmentId: string,
    attempt: number,
    at: Date,
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<void> {
    await tenantQuery(
      runner,
      tenantId,
      `WITH back AS (
         UPDATE campaign_enrollments SET next_action_at = $4, attempts = attempts - 1, updated_at = $5
          WHERE tenant_id = $1 AND id = $2 AND status = 'in_progress' AND attempts = $3 AND next_action_at IS NULL
          RETURNING lead_id)
       UPDATE leads SET call_attempts = greatest(call_attempts - 1, 0), updated_at = $5
        WHERE tenant_id = $1 AND id IN (SELECT lead_id FROM back)`,
      [enrollmentId, attempt, at, now],
    );
  }

  /**
   * An abandoned call's lockout (DESIGN §7.3), kept on the lead: no campaign of the tenant dials it before `until`.
   * A longer lockout already running stays.
   */
  async lockOut(runner: SqlRunner, tenantId: string, leadId: string, until: Date): Promise<void> {
    await tenantQuery(
      runner,
      tenantId,
      `UPDATE leads SET call_locked_until = greatest(call_locked_until, $3::timestamptz)
        WHERE tenant_id = $1 AND id = $2`,
      [leadId, until],
    );
  }

  /** Waits at the CALL step until `at` (the next attempt), kept on the lead as `next_call_at` in one statement. */
  async waitUntil(
    tenantId: string,
    enrollmentId: string,
    leadId: string,
    attempt: number,
    at: Date,
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<boolean> {
    const rows = await tenantQuery(
      runner,
      tenantId,
      `WITH waiting AS (
         UPDATE campaign_enrollments SET next_action_at = $5, updated_at = $6
          WHERE tenant_id = $1 AND id = $2 AND status = 'in_progress' AND attempts = $4
          RETURNING lead_id)
       UPDATE leads SET next_call_at = $5, updated_at = $6
        WHERE tenant_id = $1 AND id = $3 AND EXISTS (SELECT 1 FROM waiting)
        RETURNING id`,
      [enrollmentId, leadId, attempt, at, now],
    );
    return rows.length === 1;
  }

  /** The window opens later: the lead waits without using an attempt. */
  async holdUntil(tenantId: string, c: DialCandidate, at: Date, now: Date): Promise<void> {
    await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE campaign_enrollments SET next_action_at = $4, updated_at = $5
        WHERE tenant_id = $1 AND id = $2 AND status = 'in_progress' AND attempts = $3`,
      [c.enrollment_id, c.attempts, at, now],
    );
  }

  /** The CALL step is done with this lead: on to `position` due at `at`, or the end of the sequence. */
  async stepDone(
    tenantId: string,
    enrollmentId: string,
    step: number,
    attempt: number,
    next: { position: number; at: Date } | null,
    now: Date,
    runner: SqlRunner = this.sql,
  ): Promise<boolean> {
    const guard = `tenant_id = $1 AND id = $2 AND status = 'in_progress' AND current_step = $3 AND attempts = $4`;
    const rows = next
      ? await tenantQuery(
          runner,
          tenantId,
          `UPDATE campaign_enrollments SET status = 'waiting', current_step = $5, attempts = 0, next_action_at = $6,
                  updated_at = $7
            WHERE ${guard} RETURNING id`,
          [enrollmentId, step, attempt, next.position, next.at, now],
        )
      : await tenantQuery(
          runner,
          tenantId,
          `UPDATE campaign_enrollments SET status = 'completed', current_step = $5, next_action_at = NULL,
                  completed_at = $6, updated_at = $6
            WHERE ${guard} RETURNING id`,
          [enrollmentId, step, attempt, step + 1, now],
        );
    return rows.length === 1;
  }

  /** The step the enrollment stands at, while it is in the dialer's pool. */
  async stepOf(tenantId: string, enrollmentId: string, runner: SqlRunner = this.sql): Promise<number | null> {
    const [row] = await tenantQuery<{ current_step: number }>(
      runner,
      tenantId,
      `SELECT current_step FROM campaign_enrollments WHERE tenant_id = $1 AND id = $2 AND status = 'in_progress'`,
      [enrollmentId],
    );
    return row ? row.current_step : null;
  }

  /** The lead may no longer be called (do-not-contact, opted out): its sequence ends here. */
  async refuse(
    tenantId: string,
    c: DialCandidate,
    status: 'dnc' | 'failed',
    reason: string,
    now: Date,
  ): Promise<void> {
    await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE campaign_enrollments SET status = $4, stop_reason = $5, next_action_at = NULL, updated_at = $6
        WHERE tenant_id = $1 AND id = $2 AND status = 'in_progress' AND attempts = $3`,
      [c.enrollment_id, c.attempts, status, reason, now],
    );
  }

  /**
   * The campaign's leads at a CALL step: how many are on a call now (no next time), and when the next of the
   * others may be dialed; null when none is left.
   */
  async work(
    tenantId: string,
    campaignId: string,
  ): Promise<{ in_flight: number; next_at: Date | null } | null> {
    const [row] = await tenantQuery<{ n: number; in_flight: number; next_at: Date | null }>(
      this.sql,
      tenantId,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE next_action_at IS NULL)::int AS in_flight,
              min(next_action_at) AS next_at
         FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 AND status = 'in_progress'`,
      [campaignId],
    );
    return row && row.n > 0 ? { in_flight: row.in_flight, next_at: row.next_at } : null;
  }

  /** Platform-wide, for the tick: active campaigns with leads at a CALL step or calls in flight. */
  async pacingCampaigns(): Promise<{ id: string; tenant_id: string }[]> {
    return (await this.sql.query(
      `SELECT c.id, c.tenant_id FROM campaigns c
        WHERE c.status = 'active'
          AND EXISTS (SELECT 1 FROM campaign_enrollments e
                       WHERE e.tenant_id = c.tenant_id AND e.campaign_id = c.id AND e.status = 'in_progress')`,
    )) as { id: string; tenant_id: string }[];
  }
}
