import { AppError, Clock, invalidInput } from '@app/common';
import { CampaignEntity } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActivityService } from '../activity/activity.service';
import { CampaignEnrollmentService } from '../campaigns/campaign-enrollment.service';
import { bareNamesOf, CampaignInput, normalizeCampaign, templateTexts } from '../campaigns/campaign-input';
import { CampaignLifecycleService, Transition } from '../campaigns/campaign-lifecycle.service';
import type { CampaignStepInput } from '../campaigns/campaign-step-input';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { addEnrollments, EnrollmentCounts, NO_ENROLLMENTS } from '../campaigns/enrollment-statement';
import { TenantsService } from '../tenants/tenants.service';
import { BroadcastInput, ParsedBroadcast, parseBroadcast } from './broadcast-input';
import { BroadcastLeads, findOrCreateLeads } from './broadcast-leads';
import type { BroadcastRow } from './broadcasts.repository';
import { LeadAnnouncements } from '../leads/lead-announcements';

/** What a new broadcast did: the campaign as listed, its numbers, the leads made and the enrollment. */
export interface LaunchedBroadcast {
  broadcast: BroadcastRow;
  numbers_received: number;
  numbers_unique: number;
  leads_created: number;
  enrollment: EnrollmentCounts;
  /** Enrollments waiting for their call. */
  queued: number;
}

/** The campaign fields the broadcast's own fields become, for error messages. */
const FIELD_OF: Record<string, string> = {
  name: 'campaign_name',
  caller_id: 'caller_id',
  schedule_start: 'scheduled_time',
  'steps.0.content': 'message',
  'steps.0.options.audio_url': 'audio_url',
};

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505';
}

/**
 * Seed 003's `POST outbound-calls`: in one transaction, a campaign with one CALL step that plays a message, a lead
 * per number (found or made), their enrollment, and its start through the campaign lifecycle (scheduled when
 * `scheduled_time` is ahead, else active and fanned out at once, as any campaign's start). A bad number, or any
 * other bad field, rejects the whole request and nothing is made.
 */
@Injectable()
export class BroadcastLaunchService {
  constructor(
    private readonly db: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly enrollment: CampaignEnrollmentService,
    private readonly lifecycle: CampaignLifecycleService,
    private readonly tenants: TenantsService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly announcements: LeadAnnouncements,
  ) {}

  async create(auth: AuthContext, input: BroadcastInput): Promise<LaunchedBroadcast> {
    const tenant = await this.tenants.get(auth.tenantId);
    const { broadcast, errors } = parseBroadcast(input, tenant.defaultCountry, this.clock.now());
    const campaignInput = this.campaignInput(broadcast);
    const { changes, errors: campaignErrors } = normalizeCampaign(campaignInput, null);
    const texts = templateTexts(changes, campaignInput);
    const names = bareNamesOf(texts);
    for (const name of await this.campaigns.missingCustomFields(auth.tenantId, [...names.keys()])) {
      campaignErrors.push({
        field: 'message',
        reason: `names an unknown field {{${name}}}: neither a lead field nor a custom field of any lead`,
      });
    }
    for (const e of campaignErrors) {
      const field = FIELD_OF[e.field] ?? e.field;
      if (!errors.some((known) => known.field === field)) errors.push({ field, reason: e.reason });
    }
    if (errors.length) throw invalidInput(errors);
    const steps = changes.steps ?? [];
    let leads: BroadcastLeads;
    let enrolled: EnrollmentCounts;
    let transition: Transition;
    try {
      [leads, enrolled, transition] = await this.db.transaction(async (tx) => {
        const inserted = await tx.insert(CampaignEntity, {
          ...changes.columns,
          tenantId: auth.tenantId,
          status: 'draft',
          createdBy: auth.userId,
        } as QueryDeepPartialEntity<CampaignEntity>);
        const id = (inserted.identifiers[0] as { id: string }).id;
        await this.campaigns.replaceSteps(tx, auth.tenantId, id, steps);
        const leads = await findOrCreateLeads(tx, auth.tenantId, broadcast.numbers);
        const draft = await tx.findOneByOrFail(CampaignEntity, { tenantId: auth.tenantId, id });
        const target = this.enrollment.targetOf(draft, steps);
        const enrolled = await this.enrollment.enrollIds(tx, target, leads.leadIds);
        await this.activity.record(
          auth.tenantId,
          auth,
          {
            type: 'campaign.created',
            description: `Outbound call campaign "${draft.name}" created for ${broadcast.numbers.length} numbers`,
            data: { campaign_id: id, broadcast: true, leads_created: leads.createdCount },
          },
          tx,
        );
        const campaign = await tx.findOneByOrFail(CampaignEntity, { tenantId: auth.tenantId, id });
        const transition = await this.lifecycle.apply(tx, auth, campaign, 'start');
        return [leads, enrolled, transition] as const;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw AppError.conflict(
        'A lead for one of these numbers was created at the same moment; send the request again',
      );
    }
    await this.lifecycle.afterCommit(transition);
    await this.announcements.created(auth.tenantId, { count: leads.createdCount, leads: leads.created });
    return {
      broadcast: this.row(transition.campaign, broadcast),
      numbers_received: broadcast.received,
      numbers_unique: broadcast.numbers.length,
      leads_created: leads.createdCount,
      enrollment: addEnrollments(enrolled, {
        ...NO_ENROLLMENTS,
        skipped: { ...NO_ENROLLMENTS.skipped, do_not_contact: leads.doNotContact },
      }),
      queued: transition.queued,
    };
  }

  private campaignInput(broadcast: ParsedBroadcast): CampaignInput {
    const step: CampaignStepInput = {
      type: 'CALL',
      content: broadcast.message,
      options: {
        call_mode: 'play_message',
        ...(broadcast.audioUrl ? { audio_url: broadcast.audioUrl } : {}),
      },
    };
    return {
      name: broadcast.name,
      caller_id: broadcast.callerId,
      schedule_start: broadcast.startAt,
      steps: [step],
    };
  }

  private row(campaign: CampaignEntity, broadcast: ParsedBroadcast): BroadcastRow {
    return {
      id: campaign.id,
      campaign_name: campaign.name,
      status: campaign.status,
      message: broadcast.message,
      audio_url: broadcast.audioUrl,
      caller_id: campaign.callerId,
      scheduled_time: campaign.scheduleStart,
      started_at: campaign.startedAt,
      total_numbers: campaign.totalLeads,
      total_calls: 0,
      ended_calls: 0,
      completed_calls: 0,
      created_at: campaign.createdAt,
    };
  }
}
