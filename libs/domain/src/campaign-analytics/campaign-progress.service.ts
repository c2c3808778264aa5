import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { tenantQuery } from '@app/db';
import { CampaignProgressEvent, LiveEvents } from '@app/events';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { TenantStatistics } from '../system/tenant-statistics';
import {
  answeredCampaign,
  KPI_TENANT_TABLES,
  lastTouchCampaign,
  repliedTo,
  WITHDRAWN,
} from './campaign-kpi.sql';

/** The `campaign:progress` socket event (issue 5 contracts). */
export const CAMPAIGN_PROGRESS_INTERVAL_MS = 1000;
/** The events of one campaign are spaced by at least this many times the time its totals took to count. */
const TOTALS_COST_SHARE = 20;
/** The throttle key's life while a count runs (a process that dies counting frees it after this). */
const COUNTING_LEASE_MS = 60_000;

/**
 * One pass over the campaign's enrollments (with their leads) and one over its messages: fine once a second.
 * `replied` is the analytics' (GET campaigns/:id/analytics): the enrollment is replied, or its lead sent a reply (not
 * an out-of-office) that answers this campaign, so a campaign that sends on after replies (stop_on_reply off) counts
 * them too; the probe of the lead's messages runs only for an enrollment not marked replied.
 */
const TOTALS_SQL = `
  SELECT c.status, e.enrolled, e.queued, m.sent, m.delivered, m.failed, m.withdrawn, e.replied, e.completed,
         e.enrollments_failed, e.opted_out
    FROM campaigns c
   CROSS JOIN LATERAL (
     SELECT count(*)::int AS enrolled,
            count(*) FILTER (WHERE x.status IN ('queued', 'in_progress'))::int AS queued,
            count(*) FILTER (WHERE x.status = 'replied'
                                OR ${repliedTo({ lead: 'x.lead_id', campaign: 'c.id' })})::int AS replied,
            count(*) FILTER (WHERE x.status = 'completed')::int AS completed,
            count(*) FILTER (WHERE x.status = 'failed')::int AS enrollments_failed,
            count(*) FILTER (WHERE (x.status IN ('stopped', 'dnc') AND x.stop_reason = 'opted_out')
                                OR (l.opted_out_channels <> '{}' AND EXISTS (
                                      -- Opted out of a channel on which this campaign sent the last campaign message.
                                      SELECT 1 FROM unnest(l.opted_out_channels) ch
                                       WHERE ${lastTouchCampaign({ lead: 'x.lead_id', channel: 'ch' })} = c.id)))::int
              AS opted_out
       FROM campaign_enrollments x JOIN leads l ON l.tenant_id = $1 AND l.id = x.lead_id
      WHERE x.tenant_id = $1 AND x.campaign_id = c.id) e
   CROSS JOIN LATERAL (
     SELECT count(*) FILTER (WHERE y.status IN ('sent', 'delivered', 'read'))::int AS sent,
            count(*) FILTER (WHERE y.status IN ('delivered', 'read'))::int AS delivered,
            count(*) FILTER (WHERE y.status = 'failed' AND NOT ${WITHDRAWN('y')})::int AS failed,
            count(*) FILTER (WHERE y.status = 'failed' AND ${WITHDRAWN('y')})::int AS withdrawn
       FROM messages y WHERE y.tenant_id = $1 AND y.campaign_id = c.id AND y.direction = 'outbound') m
   WHERE c.tenant_id = $1 AND c.id = $2`;

type TotalsRow = CampaignProgressEvent['totals'] & { status: string };

/** $2: a lead's message. The campaign it answers (its last touch), whose replied total it may move. */
const ANSWERED_SQL = `SELECT ${answeredCampaign('i')} AS campaign_id FROM messages i WHERE i.tenant_id = $1 AND i.id = $2`;

/**
 * $2: a lead, $3: a channel. The campaign of the last campaign message sent to the lead on that channel, whose
 * opted_out counts the lead's opt-out of it (or stops counting it, on an opt-in) whatever its enrollment's status.
 */
const LAST_TOUCH_SQL = `SELECT ${lastTouchCampaign({ lead: '$2', channel: '$3' })} AS campaign_id`;

/** $2: leads. The running (active or paused) campaigns they are enrolled in, in one pass of the lead index. */
const ENROLLED_SQL = `
  SELECT DISTINCT e.campaign_id
    FROM campaign_enrollments e
    JOIN campaigns c ON c.tenant_id = $1 AND c.id = e.campaign_id AND c.status IN ('active', 'paused')
   WHERE e.tenant_id = $1 AND e.lead_id = ANY($2::uuid[])`;

/**
 * Raises `campaign:progress` to the tenant's room at most once a second per campaign (less often for a campaign
 * whose totals take long to count), across every process: a
 * caller that wins `SET key NX PX 1000` computes the totals and emits. A call refused by the throttle is not lost:
 * this process tries once more when the second is over, and if another process has emitted by then, its totals
 * were read after this call's change, so nothing is missing from what clients saw.
 */
@Injectable()
export class CampaignProgress implements OnModuleDestroy {
  private readonly logger = new Logger(CampaignProgress.name);
  private readonly trailing = new Map<string, NodeJS.Timeout | null>();
  private closed = false;

  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly live: LiveEvents,
    private readonly statistics: TenantStatistics,
  ) {}

  /**
   * Call it after the change commits (the totals are read from committed data). Never throws: progress is a
   * courtesy to the dashboard, never a reason for a send to fail; it does not wait for the trailing retry.
   */
  async notify(tenantId: string, campaignId: string): Promise<void> {
    try {
      await this.attempt(tenantId, campaignId, true);
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, campaign_id: campaignId }, 'campaign:progress not sent');
    }
  }

  /**
   * After a lead's message (or its classification) committed: the campaigns whose enrollments it moved, and the one
   * it answers (the last campaign message sent to the lead before it), whose `replied` counts the lead's replies
   * whether or not a reply stops its sequence. Never throws.
   */
  async notifyReply(tenantId: string, messageId: string, moved: Iterable<string>): Promise<void> {
    const campaigns = new Set(moved);
    try {
      const [row] = await tenantQuery<{ campaign_id: string | null }>(this.db, tenantId, ANSWERED_SQL, [
        messageId,
      ]);
      if (row?.campaign_id) campaigns.add(row.campaign_id);
    } catch (err) {
      this.logger.warn(
        { err, tenant_id: tenantId, message_id: messageId },
        'campaign:progress: answered campaign not read',
      );
    }
    await Promise.all([...campaigns].map((campaignId) => this.notify(tenantId, campaignId)));
  }

  /**
   * After a lead's opt-out or opt-in of a channel committed (a STOP or START, an unsubscribe link, a provider's
   * refusal, a classified unsubscribe): the campaigns whose enrollments it stopped, and the one that last sent to the
   * lead on that channel, whose `opted_out` moves even when the lead's enrollment there was over (completed) and
   * nothing stopped. Never throws.
   */
  async notifyOptOut(
    tenantId: string,
    leadId: string,
    channel: string,
    moved: Iterable<string>,
  ): Promise<void> {
    const campaigns = new Set(moved);
    try {
      const [row] = await tenantQuery<{ campaign_id: string | null }>(this.db, tenantId, LAST_TOUCH_SQL, [
        leadId,
        channel,
      ]);
      if (row?.campaign_id) campaigns.add(row.campaign_id);
    } catch (err) {
      this.logger.warn(
        { err, tenant_id: tenantId, lead_id: leadId, channel },
        'campaign:progress: last campaign of the channel not read',
      );
    }
    await Promise.all([...campaigns].map((campaignId) => this.notify(tenantId, campaignId)));
  }

  /**
   * After leads' do-not-contact flags changed and committed (an entry added or removed, a DNC file's batch, a lead
   * moved onto or off a listed address): the running campaigns they are enrolled in, whose `opted_out` counts a
   * lead's opted-out channels. Never throws.
   */
  async notifyLeads(tenantId: string, leadIds: string[]): Promise<void> {
    if (!leadIds.length) return;
    let campaigns: { campaign_id: string }[];
    try {
      campaigns = await tenantQuery<{ campaign_id: string }>(this.db, tenantId, ENROLLED_SQL, [leadIds]);
    } catch (err) {
      this.logger.warn(
        { err, tenant_id: tenantId, leads: leadIds.length },
        'campaign:progress: campaigns of the leads not read',
      );
      return;
    }
    await Promise.all(campaigns.map((c) => this.notify(tenantId, c.campaign_id)));
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const timer of this.trailing.values()) if (timer) clearTimeout(timer);
    this.trailing.clear();
  }

  private async attempt(tenantId: string, campaignId: string, retryLater: boolean): Promise<void> {
    if (this.closed) return;
    const key = this.config.redisKey('campaign-progress', campaignId);
    // Held while the totals are counted (a count that outlasts the second must not let another process start
    // one), under a token of this count: a refused caller can tell it from a later count.
    const token = randomUUID();
    const won = await this.redis.set(key, token, 'PX', COUNTING_LEASE_MS, 'NX');
    if (won !== 'OK') {
      if (retryLater) await this.retryWhenFree(key, tenantId, campaignId);
      return;
    }
    // A tenant's first campaign, its messages unknown to the statistics: each reply read all its messages (0.2 s a
    // count at 3,000 leads and 500 replies, growing with their product).
    await this.statistics.refresh(tenantId, KPI_TENANT_TABLES);
    const started = performance.now();
    let row: TotalsRow | undefined;
    try {
      [row] = await tenantQuery<TotalsRow>(this.db, tenantId, TOTALS_SQL, [campaignId]);
    } finally {
      // The totals of a large campaign take a while to count: space them so they never cost the database more
      // than 1/TOTALS_COST_SHARE of one connection's time (100,000 enrollments: a few seconds apart, not one).
      const spacing = (performance.now() - started) * TOTALS_COST_SHARE;
      await this.redis.pexpire(key, Math.ceil(Math.max(spacing, CAMPAIGN_PROGRESS_INTERVAL_MS)));
    }
    if (!row) return;
    const { status, ...totals } = row;
    this.live.toTenant(tenantId, 'campaign:progress', { campaign_id: campaignId, status, totals });
  }

  /**
   * One pending retry per campaign in this process, once the count that refused this call (which may have started
   * before this call's change) and the spacing after it are over. The key is looked at again at least once a
   * second, since a key held for a count gets its real end only when the count is done. A later count (another
   * token) started after this call's change, so nothing is missing from it: the retry is dropped.
   */
  private async retryWhenFree(key: string, tenantId: string, campaignId: string): Promise<void> {
    if (this.trailing.has(campaignId)) return;
    this.trailing.set(campaignId, null);
    const holder = await this.redis.get(key).catch(() => null);
    await this.armRetry(key, holder, tenantId, campaignId);
  }

  private async armRetry(
    key: string,
    holder: string | null,
    tenantId: string,
    campaignId: string,
  ): Promise<void> {
    const ttl = await this.redis.pttl(key).catch(() => CAMPAIGN_PROGRESS_INTERVAL_MS);
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        void (async () => {
          const now = await this.redis.get(key).catch(() => null);
          if (this.closed) return;
          if (now !== null && now === holder) return this.armRetry(key, holder, tenantId, campaignId);
          this.trailing.delete(campaignId);
          if (now === null) await this.attempt(tenantId, campaignId, false);
        })().catch((err: unknown) =>
          this.logger.warn(
            { err, tenant_id: tenantId, campaign_id: campaignId },
            'campaign:progress not sent',
          ),
        );
      },
      Math.min(Math.max(ttl, 0), CAMPAIGN_PROGRESS_INTERVAL_MS) + 5,
    );
    timer.unref();
    this.trailing.set(campaignId, timer);
  }
}
