import { AppError, Clock, Page, PageWindow } from '@app/common';
import type { CampaignEntity, EnrollmentStatus, SqlRunner } from '@app/db';
import { JobProducer } from '@app/queues';
import type { AuthContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import type { LeadFilter } from '../leads/leads.repository';
import { LeadsRepository } from '../leads/leads.repository';
import type { TargetFilter } from './campaign-input';
import { enrollmentChannel, StepShape } from './campaign-steps';
import { CampaignsRepository, EnrollmentRow } from './campaigns.repository';
import {
  addEnrollments,
  ENROLL_BATCH,
  ENROLLABLE_STATUSES,
  EnrollmentCounts,
  enrollFrom,
  FIRST_UUID,
  EnrollTarget,
  firstActionAt,
  idSource,
  LEAD_COLUMNS,
  NO_ENROLLMENTS,
  shiftParams,
} from './enrollment-statement';

/** Who to enroll: the client's lead ids (at most 10,000), or a target filter. */
export interface EnrollRequest {
  lead_ids?: string[];
  target_filter?: TargetFilter | null;
}

const FILTER_DATES = ['created_from', 'created_to'] as const;

/** A stored target filter (jsonb: dates as text) as the lead filter it was: `ALL` is every live lead. */
export function leadFilterOf(target: unknown): LeadFilter {
  if (!target || target === 'ALL' || typeof target !== 'object') return {};
  const filter = { ...(target as Record<string, unknown>) };
  for (const key of FILTER_DATES) {
    if (typeof filter[key] === 'string') filter[key] = new Date(filter[key]);
  }
  return filter as LeadFilter;
}

/** A campaign's enrollment refusal, or nothing when it takes leads (draft, scheduled, active, paused). */
export function enrollmentConflict(campaign: CampaignEntity): AppError | null {
  if (campaign.archivedAt) return AppError.conflict('The campaign is archived', { status: campaign.status });
  if (ENROLLABLE_STATUSES.includes(campaign.status)) return null;
  return AppError.conflict(
    `Leads are added to a draft, scheduled, active or paused campaign; this one is ${campaign.status}`,
    { status: campaign.status },
  );
}

/**
 * Enrollment (issue 5 item 3): leads join a campaign set-based, once each, the contact policy's refusals counted
 * and skipped. Every write runs in a transaction holding the campaign's row, so a start, a cancel and an
 * enrollment of the same campaign take turns.
 */
@Injectable()
export class CampaignEnrollmentService {
  private readonly logger = new Logger(CampaignEnrollmentService.name);

  constructor(
    private readonly db: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly leads: LeadsRepository,
    private readonly jobs: JobProducer,
    private readonly progress: CampaignProgress,
    private readonly clock: Clock,
  ) {}

  /** POST campaigns/:id/leads. */
  async enroll(auth: AuthContext, campaignId: string, request: EnrollRequest): Promise<EnrollmentCounts> {
    const byIds = request.lead_ids !== undefined;
    if (byIds === (request.target_filter !== undefined && request.target_filter !== null)) {
      throw byIds
        ? AppError.field('target_filter', 'cannot be sent with lead_ids')
        : AppError.field('lead_ids', 'or target_filter is required');
    }
    const { counts, fanout } = await this.db.transaction(async (tx) => {
      const campaign = await this.campaigns.lock(tx, auth.tenantId, campaignId);
      if (!campaign) throw AppError.notFound('Campaign');
      const conflict = enrollmentConflict(campaign);
      if (conflict) throw conflict;
      const steps = (await this.campaigns.stepsOf(auth.tenantId, [campaignId], tx)).get(campaignId) ?? [];
      const target = this.targetOf(campaign, steps);
      const counts = request.lead_ids
        ? await this.enrollIds(tx, target, request.lead_ids)
        : await this.enrollFilter(tx, target, request.target_filter ?? 'ALL');
      return { counts, fanout: campaign.status === 'active' && counts.enrolled > 0 };
    });
    if (fanout) await this.fanout(auth.tenantId, campaignId);
    if (counts.enrolled) void this.progress.notify(auth.tenantId, campaignId);
    return counts;
  }

  /** GET campaigns/:id/leads. */
  async list(
    auth: AuthContext,
    campaignId: string,
    window: PageWindow,
    status?: EnrollmentStatus,
  ): Promise<Page<EnrollmentRow>> {
    if (!(await this.campaigns.findById(auth.tenantId, campaignId))) throw AppError.notFound('Campaign');
    const [rows, total] = await this.campaigns.enrollments(auth.tenantId, campaignId, window, status);
    return new Page(rows, total, window.limit, window.offset);
  }

  /** Where leads of this campaign go now: the first message step's channel, and their first action's time. */
  targetOf(campaign: CampaignEntity, steps: readonly StepShape[]): EnrollTarget {
    return {
      tenantId: campaign.tenantId,
      campaignId: campaign.id,
      channel: enrollmentChannel(steps),
      nextActionAt: firstActionAt(campaign, this.clock.now()),
    };
  }

  /** The client's ids (deduplicated), in one statement. */
  async enrollIds(sql: SqlRunner, target: EnrollTarget, leadIds: string[]): Promise<EnrollmentCounts> {
    const ids = [...new Set(leadIds.map((id) => id.toLowerCase()))];
    if (!ids.length) return NO_ENROLLMENTS;
    const { enrolled, already_enrolled, skipped } = await enrollFrom(sql, target, idSource(ids));
    return { enrolled, already_enrolled, skipped };
  }

  /**
   * The leads a filter matches (`GET leads`'s query), a batch of ENROLL_BATCH at a time, keyset on the lead id:
   * one INSERT ... SELECT per batch.
   */
  async enrollFilter(sql: SqlRunner, target: EnrollTarget, filter: TargetFilter): Promise<EnrollmentCounts> {
    const leadFilter = leadFilterOf(filter);
    let total = NO_ENROLLMENTS;
    let after = FIRST_UUID;
    for (;;) {
      const [text, params] = this.leads
        .filtered(target.tenantId, leadFilter)
        .select(`l.id AS req, ${LEAD_COLUMNS}`)
        .andWhere('l.id > :after', { after })
        .orderBy('l.id', 'ASC')
        .limit(ENROLL_BATCH)
        .getQueryAndParameters();
      const batch = await enrollFrom(sql, target, { sql: shiftParams(text), params });
      total = addEnrollments(total, batch);
      if (batch.picked < ENROLL_BATCH || !batch.last_id) return total;
      after = batch.last_id;
    }
  }

  /** After commit: the worker takes the campaign's due enrollments now rather than at its next tick. */
  async fanout(tenantId: string, campaignId: string, launchQueuedAt?: Date): Promise<void> {
    try {
      await this.jobs.enqueue('campaigns.fanout', {
        tenant_id: tenantId,
        campaign_id: campaignId,
        ...(launchQueuedAt && { launch_queued_at: launchQueuedAt.toISOString() }),
      });
    } catch (err) {
      // The enrollments are committed and due: the scheduler's tick takes them if this job never runs (a launch's
      // queued ones once they are CAMPAIGN_STALE_QUEUED_MS old).
      this.logger.warn({ err, campaignId }, 'Could not enqueue campaigns.fanout; the next tick takes over');
    }
  }
}
