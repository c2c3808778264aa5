import {
  analyzeIfNeverAnalyzed,
  analyzeIfStale,
  fastSql,
  fastTransaction,
  SqlRunner,
  tenantQuery,
} from '@app/db';
import type { CampaignStatus, EnrollmentStatus, RetryPolicy, StepType } from '@app/db';
import type { StepTurnRef } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { stepChannelSql } from '../campaigns/campaign-steps';
import { PolicyRow, policyRowOf, policySql } from '../contact-policy/contact-policy.service';
import type { RowsWrite } from '../messaging/moving-sends';
import type { RowWrite } from '../messaging/outbound-messages.service';
import { queuedCampaignSends } from './queued-sends';
import { reopenedCampaign, retryCampaign } from './retry-campaign';

/** A due enrollment the scheduler has just marked `queued`: its step job is `step = current_step`. */
export interface ClaimedEnrollment {
  id: string;
  tenant_id: string;
  current_step: number;
  attempts: number;
}

export interface StepRow {
  id: string;
  position: number;
  type: StepType;
  content: string | null;
  subject: string | null;
  template_name: string | null;
  template_language: string | null;
  delay_minutes: number | null;
  options: Record<string, unknown>;
}

/** Everything a step job reads, in one statement. */
export interface StepContext {
  id: string;
  campaign_id: string;
  lead_id: string;
  status: EnrollmentStatus;
  current_step: number;
  attempts: number;
  ai_paused: boolean;
  campaign_status: CampaignStatus;
  /** Its schedule_end has come: nothing more goes (the tick stops the sequences still going). */
  schedule_ended: boolean;
  campaign_timezone: string | null;
  tenant_timezone: string;
  calling_hours_start: string | null;
  calling_hours_end: string | null;
  calling_days: number[] | null;
  follow_up_interval_days: number | null;
  subject_line: string | null;
  retry_policy: RetryPolicy;
  lead: {
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    phone: string | null;
    company: string | null;
    position: string | null;
    source: string | null;
    type: string | null;
    country: string | null;
    value: string | null;
    custom_fields: Record<string, unknown>;
  };
  steps: StepRow[];
  /** The channel of the step at `current_step` (stepChannel), and the contact policy's read of the lead for it. */
  policy_channel: string | null;
  /** Read for a `queued` turn of a step that sends a message; null otherwise. */
  policy: PolicyRow | null;
  /**
   * The step whose message to the lead was made last, and when the sender sent it; null before any went, or when
   * the plan puts no wait before the enrollment's step (no DELAY before it, no follow-up interval). A step's wait
   * counts from then (CampaignStepRunner: sendTimedDue).
   */
  sent_step_id: string | null;
  sent_at: Date | null;
  /** Whether any step of the enrollment has gone (its last attempt is recorded). */
  has_sent: boolean;
}

/** The version of the enrollment a step job was made for: every write below applies only to it. */
export interface StepTurn {
  tenantId: string;
  id: string;
  step: number;
  attempt: number;
}

/** A step's send moving its turn on to `position`, due at `at`; `at` null: its sequence completed at `position`. */
export interface SendMove {
  turn: StepTurn;
  position: number;
  at: Date | null;
}

/** An enrollment as a send of one of its steps left it: at position `after` (the steps' count once done). */
export interface SentStep {
  tenantId: string;
  campaignId: string;
  id: string;
  after: number;
}

const TURN = `tenant_id = $1 AND id = $2 AND status = 'queued' AND current_step = $3 AND attempts = $4 - 1`;

/**
 * An enrollment `e` standing where a send of its step left it, at the position after that step (the caller's
 * condition): completed, or waiting for its next step none of whose sends was made yet. Past it (a send of the next
 * step made, its retry waiting) the enrollment has gone on.
 */
const LEFT_BY_SEND = `(e.status = 'completed' OR (e.status = 'waiting' AND e.attempts = 0))`;

/** The enrollment statuses that still act: a campaign with one of them is not done. */
const ACTING = `('pending', 'queued', 'in_progress', 'waiting')`;

/**
 * An import still enrolling its leads in the campaign (`$1` the tenant, `$2` the campaign), batch by batch: the
 * campaign is not done while it runs, however its enrolled leads stand.
 */
const IMPORTING = `EXISTS (SELECT 1 FROM lead_imports i
                   WHERE i.tenant_id = $1 AND i.status IN ('queued', 'running') AND i.options->>'campaign_id' = $2::text)`;

/**
 * Automated messages of the campaign (`$1` the tenant, `$2` the campaign) still waiting to be sent (a throttled
 * backlog, a wait for the window): the campaign is not done while they are, so that its pause or cancel still
 * reaches them.
 */
const QUEUED_SENDS = queuedCampaignSends('$1', '$2');

/**
 * The contact policy's read of the enrollment `e`'s lead for its step's channel (`sc.channel`), read with the step
 * (one round trip less per send): for a queued turn of a step that sends a message only.
 */
const POLICY_OF_STEP = policySql(
  'e.lead_id',
  'sc.channel',
  `e.status = 'queued' AND sc.channel IS NOT NULL AND sc.channel <> 'voice'`,
);

/** Changed enrollments that make their statistics worth refreshing before a fan-out's sends. */
const STALE_STATISTICS_ROWS = 1000;

/** The scheduler's reads and writes of enrollments. Platform-wide statements read routing fields only. */
/** A campaign whose schedule ended: the leads of its enrollments a human held (paused) that it stopped. */
export interface EndedSchedule {
  id: string;
  tenant_id: string;
  handed_back: string[];
}

@Injectable()
export class EnrollmentsRepository {
  private readonly sql: SqlRunner;

  constructor(private readonly db: DataSource) {
    this.sql = fastSql(db);
  }

  /**
   * Fresh planner statistics once enough enrollments changed since the last ANALYZE (a launch or an import just
   * wrote them): until then the campaign's id is in none of them, and the sender's look-up of a lead's enrollment
   * is planned as a scan of the whole campaign. A table never analyzed (a new database's first campaign) is analyzed
   * whatever its count says: a launch's rows are often not counted yet when its fan-out asks (a backend reports its
   * counts when idle, up to seconds later), and with no row count the sender's read (findForSend) planned its
   * gate's look-up of the lead's enrollment on the (tenant, campaign, created_at) index, reading the campaign's
   * enrollments up to the lead's for every message (0.2 ms of Postgres per message at 1,000 read).
   */
  async refreshStatistics(): Promise<boolean> {
    return (
      (await analyzeIfNeverAnalyzed(this.sql, 'campaign_enrollments')) ||
      analyzeIfStale(this.sql, 'campaign_enrollments', STALE_STATISTICS_ROWS)
    );
  }

  /**
   * Scheduled campaigns whose start has come (or was cleared: PATCH schedule_start null) become active; then every
   * active campaign, for the tick.
   */
  async activeCampaigns(now: Date): Promise<{ id: string; tenant_id: string }[]> {
    await this.sql.query(
      `UPDATE campaigns SET status = 'active', started_at = coalesce(started_at, $1), updated_at = $1
        WHERE status = 'scheduled' AND (schedule_start IS NULL OR schedule_start <= $1) AND archived_at IS NULL`,
      [now],
    );
    return (await this.sql.query(
      `SELECT id, tenant_id FROM campaigns WHERE status = 'active' AND archived_at IS NULL ORDER BY updated_at`,
    )) as { id: string; tenant_id: string }[];
  }

  /**
   * Running campaigns whose schedule has ended (`schedule_end` past), across tenants: every enrollment still acting
   * stops (`schedule_ended`) and the campaign completes. A message of the campaign still queued is dropped by the
   * sender's gate, which reads the schedule's end itself; a call under way ends as it will. A campaign another process holds is left to the next tick.
   * Answers each with the leads of its paused enrollments it stopped, whose human hold may end with them.
   */
  async endSchedules(now: Date): Promise<EndedSchedule[]> {
    return (await this.sql.query(
      `WITH ended AS (
         SELECT id, tenant_id FROM campaigns
          WHERE status IN ('active', 'paused') AND schedule_end <= $1 AND archived_at IS NULL
          ORDER BY schedule_end LIMIT 100
          FOR NO KEY UPDATE SKIP LOCKED),
       stopped AS (
         UPDATE campaign_enrollments e
            SET status = 'stopped', stop_reason = 'schedule_ended', next_action_at = NULL, updated_at = $1
           FROM ended
          WHERE e.tenant_id = ended.tenant_id AND e.campaign_id = ended.id AND e.status IN ${ACTING}
          RETURNING e.campaign_id, e.lead_id, e.ai_paused)
       UPDATE campaigns c SET status = 'completed', completed_at = $1, updated_at = $1
         FROM ended
        WHERE c.tenant_id = ended.tenant_id AND c.id = ended.id
        RETURNING c.id, c.tenant_id,
                  ARRAY(SELECT s.lead_id FROM stopped s WHERE s.campaign_id = c.id AND s.ai_paused) AS handed_back`,
      [now],
    )) as EndedSchedule[];
  }

  /**
   * Active campaigns that have enrollments and none that can still act, nor messages still queued (the last step's
   * backlog completes it once sent, here): what ends an enrollment completes its
   * campaign after it commits (`completeIfDone`), but a reply or an opt-out that stops a lead's sequence does not
   * ask, and a process can stop between the two. The scheduler's tick completes these.
   */
  async finishedCampaigns(): Promise<{ id: string; tenant_id: string }[]> {
    return (await this.sql.query(
      `SELECT c.id, c.tenant_id FROM campaigns c
        WHERE c.status = 'active' AND c.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM campaign_enrollments e WHERE e.tenant_id = c.tenant_id AND e.campaign_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM campaign_enrollments e
                           WHERE e.tenant_id = c.tenant_id AND e.campaign_id = c.id AND e.status IN ${ACTING})
          AND NOT EXISTS (SELECT 1 FROM lead_imports i
                           WHERE i.tenant_id = c.tenant_id AND i.status IN ('queued', 'running')
                             AND i.options->>'campaign_id' = c.id::text)
          AND NOT ${queuedCampaignSends('c.tenant_id', 'c.id')}`,
    )) as { id: string; tenant_id: string }[];
  }

  /** Whether the campaign runs (active, not archived): what its fan-out releases and claims is for it only. */
  async isActive(tenantId: string, campaignId: string): Promise<boolean> {
    const rows = await tenantQuery(
      this.sql,
      tenantId,
      `SELECT 1 FROM campaigns WHERE tenant_id = $1 AND id = $2 AND status = 'active' AND archived_at IS NULL`,
      [campaignId],
    );
    return rows.length === 1;
  }

  /**
   * Marks up to `limit` due enrollments of the campaign `queued` (skipping rows another worker holds), while it is
   * active: a fan-out that runs after a pause (a cede's, one enqueued just before) claims nothing. One whose lead
   * still has a message of the campaign in the sender's queue (a throttled backlog, a wait for the lead's window)
   * stays due until the sender has tried it (queuedCampaignSends): a step never overtakes the one before it on a
   * faster channel (an email going out while the SMS before it waits its turn at one a second). The tick, or the
   * refill that send's room asks for, claims it once the sender has tried the message.
   */
  async claimDue(
    tenantId: string,
    campaignId: string,
    now: Date,
    limit: number,
  ): Promise<ClaimedEnrollment[]> {
    return (await this.sql.query(
      `WITH due AS (
         SELECT id FROM campaign_enrollments e
          WHERE campaign_id = $1 AND tenant_id = $4
            AND status IN ('pending', 'waiting') AND NOT ai_paused AND next_action_at <= $2
            AND EXISTS (SELECT 1 FROM campaigns c
                         WHERE c.tenant_id = $4 AND c.id = $1 AND c.status = 'active' AND c.archived_at IS NULL)
            AND NOT ${queuedCampaignSends('$4', '$1', 'e.lead_id')}
          ORDER BY next_action_at
          LIMIT $3
          FOR UPDATE SKIP LOCKED)
       UPDATE campaign_enrollments e SET status = 'queued', updated_at = $2
         FROM due WHERE e.id = due.id
       RETURNING e.id, e.tenant_id, e.current_step, e.attempts`,
      [campaignId, now, limit, tenantId],
    )) as ClaimedEnrollment[];
  }

  /**
   * A launch's enrollments, enrolled `queued` with `updated_at = at` (EnrollTarget.queued), handed to `take` in
   * batches of `batch` from one cursor: one scan of the campaign's queued rows, however many there are. Read only:
   * a fan-out run twice queues a turn twice, and the second job finds it taken.
   */
  async eachLaunchQueued(
    tenantId: string,
    campaignId: string,
    at: Date,
    batch: number,
    take: (queued: ClaimedEnrollment[]) => Promise<void>,
  ): Promise<number> {
    return fastTransaction(this.db, async (sql) => {
      await tenantQuery(
        sql,
        tenantId,
        `DECLARE launch_queued NO SCROLL CURSOR FOR
           SELECT id, tenant_id, current_step, attempts FROM campaign_enrollments
            WHERE tenant_id = $1 AND campaign_id = $2 AND status = 'queued' AND updated_at = $3`,
        [campaignId, at],
      );
      let total = 0;
      for (;;) {
        const rows = (await sql.query(`FETCH ${batch} FROM launch_queued`)) as ClaimedEnrollment[];
        if (rows.length) await take(rows);
        total += rows.length;
        if (rows.length < batch) return total;
      }
    });
  }

  /**
   * Enrollments left `queued` since `before` (their job was lost: a crash between the claim and the enqueue)
   * go back to `waiting`, due now; a job that still exists under the same id is never doubled. The outer WHERE
   * repeats the test: one a step job or a reply moved on while this waited for its row is left as they left it.
   */
  async releaseStale(before: Date, now: Date): Promise<number> {
    const rows = (await this.sql.query(
      `UPDATE campaign_enrollments SET status = 'waiting', next_action_at = $2, updated_at = $2
        WHERE id IN (SELECT id FROM campaign_enrollments
                      WHERE status = 'queued' AND updated_at < $1 LIMIT 1000)
          AND status = 'queued' AND updated_at < $1
        RETURNING id`,
      [before, now],
    )) as unknown[];
    return rows.length;
  }

  /**
   * Stamps the turns still waiting for their job (`queued` at that step and attempt) as queued `now`: a job waiting
   * for its campaign's room is alive, and the stale sweep leaves its turns alone (CampaignBackPressure).
   */
  async stampQueued(tenantId: string, turns: readonly StepTurnRef[], now: Date): Promise<number> {
    const rows = await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE campaign_enrollments e SET updated_at = $2
         FROM unnest($3::uuid[], $4::int[], $5::int[]) AS t(id, step, attempt)
        WHERE e.tenant_id = $1 AND e.id = t.id AND e.status = 'queued' AND e.current_step = t.step
          AND e.attempts = t.attempt - 1
        RETURNING e.id`,
      [now, turns.map((t) => t.enrollment_id), turns.map((t) => t.step), turns.map((t) => t.attempt)],
    );
    return rows.length;
  }

  /** One enrollment's context (StepContext), as `loadMany` reads it. */
  async load(tenantId: string, enrollmentId: string, now: Date): Promise<StepContext | undefined> {
    return (await this.loadMany(tenantId, [enrollmentId], now)).get(enrollmentId);
  }

  /**
   * The contexts of a step job's enrollments, by id, in one statement (one round trip per batch, not per turn). A
   * context is a snapshot: every write of a turn applies only while the enrollment still stands at that turn (TURN),
   * and the sender asks the campaign's gate and the lead's policy again before the provider call.
   */
  async loadMany(tenantId: string, enrollmentIds: string[], now: Date): Promise<Map<string, StepContext>> {
    const rows = await tenantQuery<StepContext>(
      this.sql,
      tenantId,
      `SELECT e.id, e.campaign_id, e.lead_id, e.status, e.current_step, e.attempts, e.ai_paused,
              e.last_attempt_at IS NOT NULL AS has_sent,
              c.status AS campaign_status, coalesce(c.schedule_end <= $3, false) AS schedule_ended,
              c.timezone AS campaign_timezone, t.timezone AS tenant_timezone,
              c.calling_hours_start, c.calling_hours_end, c.calling_days,
              c.follow_up_interval_days::float8 AS follow_up_interval_days,
              c.subject_line, c.retry_policy,
              json_build_object('first_name', l.first_name, 'last_name', l.last_name, 'email', l.email,
                'phone', l.phone, 'company', l.company, 'position', l.position, 'source', l.source,
                'type', l.type, 'country', l.country, 'value', l.value, 'custom_fields', l.custom_fields) AS lead,
              (SELECT json_agg(json_build_object('id', s.id, 'position', s.position, 'type', s.type,
                        'content', s.content, 'subject', s.subject, 'template_name', s.template_name,
                        'template_language', s.template_language, 'delay_minutes', s.delay_minutes,
                        'options', s.options) ORDER BY s.position)
                 FROM campaign_steps s WHERE s.tenant_id = e.tenant_id AND s.campaign_id = e.campaign_id) AS steps,
              sc.channel AS policy_channel, to_jsonb(p) AS policy, ls.step_id AS sent_step_id, ls.sent_at
         FROM campaign_enrollments e
         JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
         JOIN tenants t ON t.id = e.tenant_id
         JOIN leads l ON l.tenant_id = e.tenant_id AND l.id = e.lead_id
         LEFT JOIN LATERAL (
           SELECT ${stepChannelSql('s')} AS channel FROM campaign_steps s
            WHERE s.tenant_id = e.tenant_id AND s.campaign_id = e.campaign_id AND s.position = e.current_step) sc
           ON true
         LEFT JOIN LATERAL (${POLICY_OF_STEP}) p ON true
         -- The campaign's step message to the lead made last, if it went: on ix_messages_tenant_lead, and only once
         -- the enrollment has sent and a wait may stand before its step (a launch's first steps, and a sequence
         -- with no DELAY, read nothing).
         LEFT JOIN LATERAL (
           SELECT m.step_id, m.sent_at FROM messages m
            WHERE e.last_attempt_at IS NOT NULL
              AND (c.follow_up_interval_days > 0
                   OR EXISTS (SELECT 1 FROM campaign_steps d
                               WHERE d.tenant_id = e.tenant_id AND d.campaign_id = e.campaign_id AND d.type = 'DELAY'
                                 AND d.position < e.current_step))
              AND m.tenant_id = e.tenant_id AND m.lead_id = e.lead_id AND m.campaign_id = e.campaign_id
              AND m.direction = 'outbound' AND m.step_id IS NOT NULL
            ORDER BY m.created_at DESC, m.id DESC LIMIT 1) ls ON ls.sent_at IS NOT NULL
        WHERE e.tenant_id = $1 AND e.id = ANY($2::uuid[])`,
      [enrollmentIds, now],
    );
    for (const row of rows) {
      row.steps ??= [];
      row.policy = policyRowOf(row.policy);
    }
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Back to `waiting` at the same step and due time: the campaign is paused or a human took over. */
  async release(turn: StepTurn, now: Date): Promise<void> {
    await this.turn(turn, `status = 'waiting', updated_at = $5`, [now]);
  }

  /** Waits at the same step until `until` (its wait since the step before it went is not over). */
  async defer(turn: StepTurn, until: Date, now: Date): Promise<void> {
    await this.turn(turn, `status = 'waiting', next_action_at = $5, updated_at = $6`, [until, now]);
  }

  /**
   * Waits at the same step until `until` (the window opens then), marked as a wait for the window: a change of the
   * window takes it back (CampaignsRepository.unholdWindowWaits).
   */
  async hold(turn: StepTurn, until: Date, now: Date): Promise<void> {
    await this.turn(
      turn,
      `status = 'waiting', next_action_at = $5, window_held_until = $5, updated_at = $6`,
      [until, now],
    );
  }

  /** At a CALL step: the lead joins the dialer's pool (`in_progress`), to be dialed from now on. */
  async toDialer(turn: StepTurn, now: Date): Promise<boolean> {
    return this.turn(turn, `status = 'in_progress', next_action_at = $5, updated_at = $5`, [now]);
  }

  /** Moves to `position` after this step (its send done), due at `at`. */
  advance(turn: StepTurn, position: number, at: Date, sent: boolean, now: Date): Promise<boolean> {
    return this.apply(turn.tenantId, this.advanceWrite(turn, position, at, sent, now));
  }

  /** advance() as a write a send makes in its own statement (OutboundMessagesService.sendMoving). */
  advanceWrite(turn: StepTurn, position: number, at: Date, sent: boolean, now: Date): RowWrite {
    return turnWrite(
      turn,
      `status = 'waiting', current_step = $5, attempts = 0, next_action_at = $6, updated_at = $7,
       last_attempt_at = CASE WHEN $8::boolean THEN $7 ELSE last_attempt_at END`,
      [position, at, now, sent],
    );
  }

  /**
   * The moves of many sends' turns (sendMovingMany), each as advanceWrite or finishWrite (`completed`, sent) makes
   * its own: the turn of the send at ordinal `n` (1-based, in their order) moves, in one UPDATE. Their enrollments
   * are locked first, in id order and skipping those another transaction holds: the statement never waits for one
   * while it holds the others (a cancel, the stale sweep lock many in their own order: one of the two would die of
   * a deadlock). `held(n)`: the turns whose row it holds; `moved(n)`: those it moved.
   */
  movesWrite(moves: readonly SendMove[], now: Date): RowsWrite {
    return {
      sql: `locked AS MATERIALIZED (
         SELECT id FROM campaign_enrollments WHERE tenant_id = $1 AND id = ANY($2::uuid[])
          ORDER BY id FOR NO KEY UPDATE SKIP LOCKED),
       held AS (SELECT t.n FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n) WHERE t.id IN (SELECT id FROM locked)),
       moved AS (
         UPDATE campaign_enrollments e
            SET status = CASE WHEN t.at IS NULL THEN 'completed' ELSE 'waiting' END, current_step = t.position,
                attempts = CASE WHEN t.at IS NULL THEN e.attempts ELSE 0 END,
                stop_reason = CASE WHEN t.at IS NULL THEN NULL ELSE e.stop_reason END, next_action_at = t.at,
                completed_at = CASE WHEN t.at IS NULL THEN $7 ELSE e.completed_at END, updated_at = $7,
                last_attempt_at = $7
           FROM unnest($2::uuid[], $3::int[], $4::int[], $5::int[], $6::timestamptz[]) WITH ORDINALITY
                AS t(id, step, attempt, position, at, n)
          WHERE e.tenant_id = $1 AND e.id = t.id AND e.id IN (SELECT id FROM locked) AND e.status = 'queued'
            AND e.current_step = t.step AND e.attempts = t.attempt - 1
          RETURNING t.n)`,
      params: [
        moves.map((m) => m.turn.id),
        moves.map((m) => m.turn.step),
        moves.map((m) => m.turn.attempt),
        moves.map((m) => m.position),
        moves.map((m) => m.at),
        now,
      ],
    };
  }

  /**
   * Counts a failed run of the turn (while it is still the enrollment's turn): one more on the same step and
   * attempt, else the first of a new one, dated `now`. Answers the count, since when, and the campaign; undefined
   * when the enrollment has moved on.
   */
  async countTurnFailure(
    turn: StepTurn,
    now: Date,
  ): Promise<{ count: number; since: Date; campaign_id: string } | undefined> {
    const key = `${turn.step}:${turn.attempt}`;
    const [row] = await tenantQuery<{ failure: { count: number; since: string }; campaign_id: string }>(
      this.sql,
      turn.tenantId,
      `UPDATE campaign_enrollments SET step_failure = CASE
          WHEN step_failure->>'turn' = $5
            THEN jsonb_set(step_failure, '{count}', to_jsonb((step_failure->>'count')::int + 1))
          ELSE jsonb_build_object('turn', $5::text, 'count', 1, 'since', $6::timestamptz) END
        WHERE ${TURN}
        RETURNING step_failure AS failure, campaign_id`,
      [turn.id, turn.step, turn.attempt, key, now],
    );
    return (
      row && { count: row.failure.count, since: new Date(row.failure.since), campaign_id: row.campaign_id }
    );
  }

  /** The sequence is over for this lead: `completed`, or stopped by a rule (`dnc`, `failed`, `stopped`). */
  async finish(
    turn: StepTurn,
    status: 'completed' | 'dnc' | 'failed' | 'stopped',
    reason: string | null,
    after: number,
    sent: boolean,
    now: Date,
  ): Promise<boolean> {
    return this.apply(turn.tenantId, this.finishWrite(turn, status, reason, after, sent, now));
  }

  /** finish() as a write a send makes in its own statement (OutboundMessagesService.sendMoving). */
  finishWrite(
    turn: StepTurn,
    status: 'completed' | 'dnc' | 'failed' | 'stopped',
    reason: string | null,
    after: number,
    sent: boolean,
    now: Date,
  ): RowWrite {
    return turnWrite(
      turn,
      `status = $5::varchar, stop_reason = $6, current_step = $7, next_action_at = NULL, updated_at = $8,
       completed_at = CASE WHEN $5::varchar = 'completed' THEN $8 ELSE completed_at END,
       last_attempt_at = CASE WHEN $9::boolean THEN $8 ELSE last_attempt_at END`,
      [status, reason, after, now, sent],
    );
  }

  /**
   * A failed send is tried again: back to its step, `attempt` sends made, due at `at`. Only while the enrollment
   * stands where that send left it (`sent.after`, LEFT_BY_SEND), the retry's key is unused (a decision made again
   * after the retry went finds it), and its campaign is active or completed, its schedule not ended (a campaign
   * completed by its end stays so). A campaign that completed meanwhile (this enrollment was its last) is active
   * again, in the same statement: the retry is never left waiting in a completed campaign. The campaign's row is
   * held from before the enrollment moves (see `completeIfDone`). Answers whether the enrollment moved, and the
   * campaign.
   */
  async retry(
    sent: SentStep,
    position: number,
    attempt: number,
    at: Date,
    now: Date,
  ): Promise<{ moved: boolean; reopened: boolean }> {
    const [row] = await tenantQuery<{ moved: boolean; reopened: boolean }>(
      this.sql,
      sent.tenantId,
      `WITH ${retryCampaign('$8')},
       moved AS (
         UPDATE campaign_enrollments e
            SET status = 'waiting', current_step = $5, attempts = $6, next_action_at = $7, completed_at = NULL,
                updated_at = $8
           FROM campaign
          WHERE e.tenant_id = $1 AND e.id = $3 AND e.campaign_id = campaign.id AND e.current_step = $4
            AND ${LEFT_BY_SEND}
            AND NOT EXISTS (SELECT 1 FROM messages m
                             WHERE m.tenant_id = $1 AND m.idempotency_key = $9)
          RETURNING e.id),
       ${reopenedCampaign('moved', '$8')}
       SELECT EXISTS (SELECT 1 FROM moved) AS moved, EXISTS (SELECT 1 FROM reopened) AS reopened`,
      [
        sent.campaignId,
        sent.id,
        sent.after,
        position,
        attempt,
        at,
        now,
        `campaign:${sent.id}:${position}:${attempt + 1}`,
      ],
    );
    return row;
  }

  /** Its last attempt failed: the enrollment ends `failed`, if it still stands where that send left it (LEFT_BY_SEND). */
  async failSent(sent: SentStep, now: Date): Promise<boolean> {
    const rows = await tenantQuery(
      this.sql,
      sent.tenantId,
      `UPDATE campaign_enrollments e
          SET status = 'failed', stop_reason = 'send_failed', next_action_at = NULL, updated_at = $4
        WHERE e.tenant_id = $1 AND e.id = $2 AND e.current_step = $3 AND ${LEFT_BY_SEND}
        RETURNING e.id`,
      [sent.id, sent.after, now],
    );
    return rows.length === 1;
  }

  /**
   * An active campaign none of whose enrollments can still act, that no running import still enrolls into, and
   * none of whose messages is still queued (QUEUED_SENDS), completes by itself. The check runs under the
   * campaign's row lock, in a statement begun after it was granted: every writer that moves an enrollment of the
   * campaign back to acting (a retry, an out-of-office resume, an enrollment) holds that row from before its
   * change until its commit, so either the completion sees that change and does not complete, or it completes
   * first and the writer, once granted the row, finds the campaign completed and makes it active again. A
   * single UPDATE ... WHERE NOT EXISTS could not promise that: its snapshot predates the lock it waits for.
   * Called after every enrollment that ends, so it reads first, without a lock: while any enrollment still acts
   * (nearly always), that one read is all it costs.
   */
  async completeIfDone(tenantId: string, campaignId: string, now: Date): Promise<boolean> {
    const running = await tenantQuery(
      this.sql,
      tenantId,
      `SELECT 1 FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2 AND status IN ${ACTING}
       UNION ALL SELECT 1 WHERE ${IMPORTING}
       UNION ALL SELECT 1 WHERE ${QUEUED_SENDS}
       LIMIT 1`,
      [campaignId],
    );
    if (running.length) return false;
    return fastTransaction(this.db, async (tx) => {
      const held = await tenantQuery(
        tx,
        tenantId,
        `SELECT 1 FROM campaigns WHERE tenant_id = $1 AND id = $2 AND status = 'active' FOR NO KEY UPDATE`,
        [campaignId],
      );
      if (!held.length) return false;
      const rows = await tenantQuery(
        tx,
        tenantId,
        `UPDATE campaigns c SET status = 'completed', completed_at = $3, updated_at = $3
          WHERE c.tenant_id = $1 AND c.id = $2
            AND NOT EXISTS (SELECT 1 FROM campaign_enrollments e
                             WHERE e.tenant_id = $1 AND e.campaign_id = $2 AND e.status IN ${ACTING})
            AND NOT ${IMPORTING}
            AND NOT ${QUEUED_SENDS}
          RETURNING c.id`,
        [campaignId, now],
      );
      return rows.length === 1;
    });
  }

  /** Makes a write of advanceWrite or finishWrite (in a transaction's runner when given): whether it moved a row. */
  async apply(tenantId: string, write: RowWrite, runner: SqlRunner = this.sql): Promise<boolean> {
    return (await tenantQuery(runner, tenantId, write.sql, write.params)).length === 1;
  }

  private turn(turn: StepTurn, set: string, params: unknown[]): Promise<boolean> {
    return this.apply(turn.tenantId, turnWrite(turn, set, params));
  }
}

/** A change of the enrollment at this turn only (TURN; `$5` on its own parameters), answering its id. */
function turnWrite(turn: StepTurn, set: string, params: unknown[]): RowWrite {
  return {
    sql: `UPDATE campaign_enrollments SET ${set} WHERE ${TURN} RETURNING id`,
    params: [turn.id, turn.step, turn.attempt, ...params],
  };
}
