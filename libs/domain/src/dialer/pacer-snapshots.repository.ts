import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withinWorkingHours } from '../agents/working-hours';
import { amdAction } from './call-events.service';
import { LEG_PENDING_SQL } from './dialer-agents.repository';
import type { DialCampaign } from './dialer-pool.repository';
import { EMPTY_PACER_STATS, PacerAgent, PacerCall, PacerSnapshot, PacerStats } from './pacing';

/** How far back the rolling observations look. */
const WINDOW_MS = 60 * 60_000;

interface AgentRow {
  status: string;
  current_calls: number;
  status_changed_at: Date;
  wrap_up_until: Date | null;
  working_hours: Record<string, { start: string; end: string }> | null;
  zone: string;
  connected_at: Date | null;
  taken: boolean;
  leg_pending: boolean;
  reachable: boolean;
}

interface CallRow {
  created_at: Date;
  answer_time: Date | null;
  answered_by: string | null;
}

const ms = (column: string) => `extract(epoch FROM ${column}) * 1000`;

/**
 * Builds the pacer's view of a campaign (libs/domain/src/dialer/pacing): its group's agents on shift, its calls in
 * flight that no agent has yet, and rolling statistics — all from Postgres, so any worker can pace any campaign.
 */
@Injectable()
export class PacerSnapshotsRepository {
  private readonly sql: SqlRunner;

  constructor(db: DataSource) {
    this.sql = fastSql(db);
  }

  async snapshot(campaign: DialCampaign, now: Date): Promise<PacerSnapshot> {
    const [agents, calls, stats] = await Promise.all([
      this.agents(campaign, now),
      this.calls(campaign),
      this.stats(campaign, now),
    ]);
    return {
      now_ms: now.getTime(),
      mode: campaign.dialing_mode,
      lines_per_agent: campaign.lines_per_agent,
      max_abandon_rate: campaign.max_abandon_rate,
      agents,
      calls,
      stats,
      wrap_up_ms: campaign.wrap_up_seconds * 1000,
    };
  }

  private async agents(campaign: DialCampaign, now: Date): Promise<PacerAgent[]> {
    const rows = await tenantQuery<AgentRow>(
      this.sql,
      campaign.tenant_id,
      `SELECT a.status, a.current_calls, a.status_changed_at, a.wrap_up_until, a.working_hours,
              coalesce(a.timezone, t.timezone) AS zone, live.connected_at, live.id IS NOT NULL AS taken,
              ${LEG_PENDING_SQL} AS leg_pending, (a.phone IS NOT NULL OR a.live_call_sid IS NOT NULL) AS reachable
         FROM agents a JOIN tenants t ON t.id = a.tenant_id
         LEFT JOIN LATERAL (
           SELECT c.id, c.connected_at FROM calls c
            WHERE c.tenant_id = a.tenant_id AND c.agent_id = a.id AND c.end_time IS NULL
              AND c.kind IN ('dialer', 'inbound')
            ORDER BY c.created_at DESC LIMIT 1) live ON true
        WHERE a.tenant_id = $1 AND a.is_active AND a.status IN ('available', 'busy')
          AND ($2::uuid IS NULL OR a.agent_group_id = $2)`,
      [campaign.agent_group_id],
    );
    const out: PacerAgent[] = [];
    for (const a of rows) {
      if (a.status === 'available') {
        // Their live leg is not in their conference yet: a lead dialed for them now could answer with no one to
        // take it, and be abandoned. They count once it is.
        // One with no live leg and no phone cannot be put through to: not counted, or the dialer abandons leads.
        if (a.reachable && !a.leg_pending && withinWorkingHours(a.working_hours, a.zone, now))
          out.push({ state: 'available', since_ms: a.status_changed_at.getTime() });
      } else if (a.connected_at) {
        out.push({ state: 'talking', since_ms: a.connected_at.getTime() });
      } else if (a.taken) {
        out.push({ state: 'reserved', since_ms: a.status_changed_at.getTime() });
      } else if (a.wrap_up_until) {
        out.push({
          state: 'wrap_up',
          since_ms: a.wrap_up_until.getTime() - campaign.wrap_up_seconds * 1000,
          wrap_up_until_ms: a.wrap_up_until.getTime(),
        });
      }
    }
    return out;
  }

  private async calls(campaign: DialCampaign): Promise<PacerCall[]> {
    const toAgent = new Set(toAgentAnswers(campaign));
    const rows = await tenantQuery<CallRow>(
      this.sql,
      campaign.tenant_id,
      `SELECT created_at, answer_time, answered_by FROM calls
        WHERE tenant_id = $1 AND campaign_id = $2 AND end_time IS NULL AND kind = 'dialer'
          AND agent_id IS NULL AND disposition IS NULL`,
      [campaign.id],
    );
    return rows.map((r) => ({
      placed_at_ms: r.created_at.getTime(),
      ...(r.answer_time ? { answered_at_ms: r.answer_time.getTime() } : {}),
      human: (!!r.answered_by && toAgent.has(r.answered_by)) || (!!r.answer_time && !campaign.amd_enabled),
    }));
  }

  private async stats(campaign: DialCampaign, now: Date): Promise<PacerStats> {
    // A person: an AMD answer the campaign sends to an agent (`human`, and by default `unknown`), or no AMD answer.
    const human = `(answered_by = ANY($4) OR (answered_by IS NULL AND answer_time IS NOT NULL))`;
    const machine = `((answered_by LIKE 'machine%' OR answered_by = 'fax') AND NOT answered_by = ANY($4))`;
    const [row] = await tenantQuery<Record<keyof PacerStats, number | null>>(
      this.sql,
      campaign.tenant_id,
      `SELECT count(*) FILTER (WHERE w) AS dials,
              count(*) FILTER (WHERE w AND ${human}) AS human_answers,
              count(*) FILTER (WHERE w AND ${machine}) AS machine_answers,
              count(*) FILTER (WHERE w AND status = 'no-answer') AS no_answers,
              count(*) FILTER (WHERE w AND status IN ('busy', 'failed', 'canceled')) AS rejected,
              count(*) FILTER (WHERE w AND disposition = 'abandoned') AS abandoned,
              count(*) FILTER (WHERE w AND connected_at IS NOT NULL) AS connected,
              avg(${ms('answer_time - start_time')}) FILTER (WHERE w AND ${human}) AS human_answer_ms_mean,
              stddev_samp(${ms('answer_time - start_time')}) FILTER (WHERE w AND ${human}) AS human_answer_ms_sd,
              avg(${ms('answer_time - start_time')}) FILTER (WHERE w AND ${machine}) AS machine_answer_ms_mean,
              stddev_samp(${ms('answer_time - start_time')}) FILTER (WHERE w AND ${machine}) AS machine_answer_ms_sd,
              avg(${ms('end_time - start_time')}) FILTER (WHERE w AND status = 'no-answer') AS no_answer_ms_mean,
              stddev_samp(${ms('end_time - start_time')}) FILTER (WHERE w AND status = 'no-answer') AS no_answer_ms_sd,
              avg(${ms('end_time - start_time')}) FILTER (WHERE w AND status IN ('busy', 'failed', 'canceled'))
                AS rejected_ms_mean,
              stddev_samp(${ms('end_time - start_time')}) FILTER (WHERE w AND status IN ('busy', 'failed', 'canceled'))
                AS rejected_ms_sd,
              avg((metadata->>'amd_ms')::numeric) FILTER (WHERE w AND metadata ? 'amd_ms') AS amd_ms_mean,
              avg(talk_time * 1000) FILTER (WHERE w AND connected_at IS NOT NULL) AS talk_ms_mean,
              stddev_samp(talk_time * 1000) FILTER (WHERE w AND connected_at IS NOT NULL) AS talk_ms_sd,
              count(*) FILTER (WHERE ${human}) AS period_human_answers,
              count(*) FILTER (WHERE disposition = 'abandoned') AS period_abandoned
         FROM (SELECT *, (start_time >= $3 AND end_time IS NOT NULL) AS w FROM calls
                WHERE tenant_id = $1 AND campaign_id = $2 AND kind = 'dialer' AND end_time IS NOT NULL) c`,
      [campaign.id, new Date(now.getTime() - WINDOW_MS), toAgentAnswers(campaign)],
    );
    const stats = { ...EMPTY_PACER_STATS };
    for (const key of Object.keys(stats) as (keyof PacerStats)[]) stats[key] = Number(row?.[key] ?? 0);
    return stats;
  }
}

/** The AMD answers the campaign's calls go to an agent on (AgentBridgeService): people waiting for one. */
function toAgentAnswers(campaign: DialCampaign): string[] {
  return ['human', 'machine_start', 'fax', 'unknown'].filter(
    (answer) => amdAction(answer, campaign.amd_actions, !!campaign.voicemail_message_url) === 'agent',
  );
}
