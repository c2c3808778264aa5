import type { PageWindow } from '@app/common';
import { CampaignStatus, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ANSWERED_SQL, LEAD_CALL_KINDS } from '../calls/call-filter';

/** A voice-broadcast campaign with its call totals (seed 003's `outbound-calls`). */
export interface BroadcastRow {
  id: string;
  campaign_name: string;
  status: CampaignStatus;
  message: string | null;
  audio_url: string | null;
  caller_id: string | null;
  scheduled_time: Date | null;
  started_at: Date | null;
  total_numbers: number;
  total_calls: number;
  ended_calls: number;
  completed_calls: number;
  created_at: Date;
}

/**
 * A broadcast is a campaign whose CALL steps all play a message (alias `cp`), as the dialer tells one: a campaign
 * that also connects leads to agents is a dialer campaign, its calls no broadcast's.
 */
const IS_BROADCAST = `(EXISTS (SELECT 1 FROM campaign_steps s
  WHERE s.tenant_id = cp.tenant_id AND s.campaign_id = cp.id AND s.type = 'CALL')
  AND NOT EXISTS (SELECT 1 FROM campaign_steps s
  WHERE s.tenant_id = cp.tenant_id AND s.campaign_id = cp.id AND s.type = 'CALL'
    AND s.options->>'call_mode' IS DISTINCT FROM 'play_message'))`;

/** Broadcast campaigns and their totals; every query takes the tenant first. */
@Injectable()
export class BroadcastsRepository {
  constructor(private readonly db: DataSource) {}

  /** Live (not archived) broadcasts, newest first, one page. */
  async list(
    tenantId: string,
    window: PageWindow,
    status?: CampaignStatus,
  ): Promise<[BroadcastRow[], number]> {
    const filter = `cp.tenant_id = $1 AND cp.archived_at IS NULL AND ${IS_BROADCAST}
      AND ($2::text IS NULL OR cp.status = $2)`;
    const [rows, [{ total }]] = await Promise.all([
      tenantQuery<BroadcastRow>(
        this.db,
        tenantId,
        `${this.select()} WHERE ${filter} ORDER BY cp.created_at DESC, cp.id DESC LIMIT $3 OFFSET $4`,
        [status ?? null, window.limit, window.offset],
      ),
      tenantQuery<{ total: number }>(
        this.db,
        tenantId,
        `SELECT count(*)::int AS total FROM campaigns cp WHERE ${filter}`,
        [status ?? null],
      ),
    ]);
    return [rows, total];
  }

  async findById(tenantId: string, id: string): Promise<BroadcastRow | null> {
    const [row] = await tenantQuery<BroadcastRow>(
      this.db,
      tenantId,
      `${this.select()} WHERE cp.tenant_id = $1 AND cp.id = $2 AND cp.archived_at IS NULL AND ${IS_BROADCAST}`,
      [id],
    );
    return row ?? null;
  }

  /** Its play_message step, and its lead calls: all, ended, and ended answered (by a person or a machine). */
  private select(): string {
    return `SELECT cp.id, cp.name AS campaign_name, cp.status, cp.caller_id, cp.schedule_start AS scheduled_time,
                   cp.started_at, cp.total_leads AS total_numbers, cp.created_at,
                   st.content AS message, st.options->>'audio_url' AS audio_url,
                   coalesce(k.total_calls, 0) AS total_calls, coalesce(k.ended_calls, 0) AS ended_calls,
                   coalesce(k.completed_calls, 0) AS completed_calls
              FROM campaigns cp
              LEFT JOIN LATERAL (
                SELECT s.content, s.options FROM campaign_steps s
                 WHERE s.tenant_id = cp.tenant_id AND s.campaign_id = cp.id AND s.type = 'CALL'
                   AND s.options->>'call_mode' = 'play_message'
                 ORDER BY s.position LIMIT 1) st ON true
              LEFT JOIN LATERAL (
                SELECT count(*)::int AS total_calls,
                       count(*) FILTER (WHERE c.end_time IS NOT NULL)::int AS ended_calls,
                       count(*) FILTER (WHERE c.end_time IS NOT NULL AND ${ANSWERED_SQL})::int AS completed_calls
                  FROM calls c
                 WHERE c.tenant_id = cp.tenant_id AND c.campaign_id = cp.id
                   AND c.kind = ANY('{${LEAD_CALL_KINDS.join(',')}}'::text[])) k ON true`;
  }
}
