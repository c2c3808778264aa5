import { AppError, Clock, FieldIssue, Page, PageWindow, invalidInput, withArticle } from '@app/common';
import { CampaignEntity, CampaignStatus, CampaignStepEntity, Channel, tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ActivityService } from '../activity/activity.service';
import { ChannelConfigsService } from '../channels/channel-configs.service';
import { normalizePhone } from '../leads/phone-normalizer';
import { TenantsService } from '../tenants/tenants.service';
import { CampaignEnrollmentService } from './campaign-enrollment.service';
import {
  acrossFields,
  bareNamesOf,
  CampaignChanges,
  CampaignColumns,
  CampaignInput,
  normalizeCampaign,
  TEMPLATE_CHANNELS,
  TemplateChannel,
  templateTexts,
} from './campaign-input';
import { assertRunnable, CampaignLifecycleService, Transition } from './campaign-lifecycle.service';
import { bodyLimit } from '../messaging/message-length';
import { pinCampaignFiles } from '../messaging/message-files';
import { enrollmentChannel, stepChannel } from './campaign-steps';
import { blank, NormalizedStep, sameSteps, stepFileIds } from './campaign-step-input';
import {
  CampaignCallCounts,
  CampaignsRepository,
  EnrollmentRow,
  EnrollmentTotals,
  NO_CALLS,
} from './campaigns.repository';
import { EnrollmentCounts, firstActionAt } from './enrollment-statement';
import { RUNNING_STATUSES } from './held-waits';
import { fixedText, unknownFieldReason } from './message-template';

/** The sending window: a change of any of them takes back the turns held for the old one. */
const WINDOW_COLUMNS = ['timezone', 'callingHoursStart', 'callingHoursEnd', 'callingDays'] as const;

/** Steps change only while no lead can be past them. */
const STEP_EDIT_STATUSES: readonly CampaignStatus[] = ['draft', 'scheduled'];

/** A campaign with its steps; with its enrollment totals when read alone; with what creation enrolled. */
export interface CampaignView {
  campaign: CampaignEntity;
  steps: CampaignStepEntity[];
  /** Seed 001's calls_made and calls_completed. */
  calls: CampaignCallCounts;
  stats?: { total_leads: number; by_status: EnrollmentTotals };
  /** Read alone: its first CAMPAIGN_DETAIL_LEADS enrollments, in the order they were enrolled (seed 002's lead list). */
  leads?: EnrollmentRow[];
  enrollment?: EnrollmentCounts;
}

/** How many enrolled leads a campaign read alone shows; the rest page through `GET campaigns/:id/leads`. */
export const CAMPAIGN_DETAIL_LEADS = 10;

/** jsonb columns hold plain values, which TypeORM's deep-partial type cannot express. */
const columns = (fields: CampaignColumns & Partial<CampaignEntity>) =>
  fields as QueryDeepPartialEntity<CampaignEntity>;

function storedSteps(steps: CampaignStepEntity[]): NormalizedStep[] {
  return steps.map((s) => ({
    position: s.position,
    type: s.type,
    content: s.content,
    subject: s.subject,
    template_name: s.templateName,
    template_language: s.templateLanguage,
    delay_minutes: s.delayMinutes,
    options: s.options,
  }));
}

/** Campaign CRUD (issue 5 item 1): seed 000's and seed 002's forms, seed 001's settings; DELETE archives. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly db: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly lifecycle: CampaignLifecycleService,
    private readonly enrollment: CampaignEnrollmentService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly channels: ChannelConfigsService,
    private readonly tenants: TenantsService,
  ) {}

  async list(auth: AuthContext, window: PageWindow, status?: CampaignStatus): Promise<Page<CampaignView>> {
    const [rows, total] = await this.campaigns.list(auth.tenantId, window, status);
    const ids = rows.map((c) => c.id);
    const [steps, calls] = await Promise.all([
      this.campaigns.stepsOf(auth.tenantId, ids),
      this.campaigns.callCounts(auth.tenantId, ids),
    ]);
    return new Page(
      rows.map((campaign) => ({
        campaign,
        steps: steps.get(campaign.id) ?? [],
        calls: calls.get(campaign.id) ?? NO_CALLS,
      })),
      total,
      window.limit,
      window.offset,
    );
  }

  async get(auth: AuthContext, id: string): Promise<CampaignView> {
    const campaign = await this.campaigns.findById(auth.tenantId, id);
    if (!campaign) throw AppError.notFound('Campaign');
    const [steps, byStatus, calls, leads] = await Promise.all([
      this.campaigns.stepsOf(auth.tenantId, [id]),
      this.campaigns.totals(this.db.manager, auth.tenantId, id),
      this.campaigns.callCounts(auth.tenantId, [id]),
      this.campaigns.enrollmentRows(auth.tenantId, id, { limit: CAMPAIGN_DETAIL_LEADS, offset: 0 }),
    ]);
    return {
      campaign,
      steps: steps.get(id) ?? [],
      calls: calls.get(id) ?? NO_CALLS,
      stats: { total_leads: campaign.totalLeads, by_status: byStatus },
      leads,
    };
  }

  /** A draft, its steps (seed 001's dialing fields without any: one CALL step), and (seed 002) its leads enrolled. */
  async create(auth: AuthContext, input: CampaignInput): Promise<CampaignView> {
    const changes = await this.prepare(auth, input, null);
    const { id, enrollment } = await this.db.transaction(async (tx) => {
      const inserted = await tx.insert(
        CampaignEntity,
        columns({ ...changes.columns, tenantId: auth.tenantId, status: 'draft', createdBy: auth.userId }),
      );
      const id = (inserted.identifiers[0] as { id: string }).id;
      const steps = changes.steps ?? changes.stepsIfNone ?? [];
      await this.campaigns.replaceSteps(tx, auth.tenantId, id, steps);
      await pinCampaignFiles(tx, auth.tenantId, id, stepFileIds(steps));
      const campaign = await tx.findOneByOrFail(CampaignEntity, { tenantId: auth.tenantId, id });
      const enrollment = changes.leadIds
        ? await this.enrollment.enrollIds(tx, this.enrollment.targetOf(campaign, steps), changes.leadIds)
        : undefined;
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'campaign.created',
          description: `Campaign "${campaign.name}" created`,
          data: { campaign_id: id },
        },
        tx,
      );
      return { id, enrollment };
    });
    const view = await this.get(auth, id);
    return enrollment ? { ...view, enrollment } : view;
  }

  /**
   * PATCH and PUT: the fields sent change. Steps change only in draft or scheduled (409 otherwise, unless the
   * body sends them unchanged); a `status` is a lifecycle transition. All of it in one transaction, or nothing.
   */
  async update(auth: AuthContext, id: string, input: CampaignInput): Promise<CampaignView> {
    const current = await this.campaigns.findById(auth.tenantId, id);
    if (!current) throw AppError.notFound('Campaign');
    const changes = await this.prepare(auth, input, current);
    const transition = await this.db.transaction(async (tx): Promise<Transition | null> => {
      const campaign = await this.campaigns.lock(tx, auth.tenantId, id);
      if (!campaign) throw AppError.notFound('Campaign');
      if (campaign.archivedAt)
        throw AppError.conflict('The campaign is archived', { status: campaign.status });
      // Another change may have committed since `current` was read: its window and schedule are this one's too.
      const issues = acrossFields(input, campaign);
      if (issues.length) throw invalidInput(issues);
      const fields: CampaignColumns & Partial<CampaignEntity> = { ...changes.columns };
      const steps = changes.steps ?? (await this.stepsIfNone(tx, campaign, changes));
      if (steps && (await this.changeSteps(tx, campaign, steps))) {
        fields.stepsVersion = campaign.stepsVersion + 1;
      }
      if (Object.keys(fields).length) {
        await tx.update(CampaignEntity, { tenantId: auth.tenantId, id }, columns(fields));
      }
      const updated = await tx.findOneByOrFail(CampaignEntity, { tenantId: auth.tenantId, id });
      if (changes.columns.scheduleStart !== undefined) await this.reschedule(tx, updated);
      if (changes.columns.followUpIntervalDays !== undefined) await this.respace(tx, campaign, updated);
      if (
        WINDOW_COLUMNS.some((c) => changes.columns[c] !== undefined) &&
        RUNNING_STATUSES.includes(updated.status)
      )
        await this.campaigns.unholdWindowWaits(tx, auth.tenantId, id, this.clock.now());
      // Judged with this request's other fields applied (a draft given its schedule_start and `scheduled` at once).
      const action = changes.status ? this.lifecycle.actionFor(updated, changes.status) : null;
      return action ? this.lifecycle.apply(tx, auth, updated, action) : null;
    });
    if (transition) await this.lifecycle.afterCommit(transition);
    return this.get(auth, id);
  }

  /** DELETE: archived (leaves every list; still readable by id); a running campaign is cancelled first. */
  async archive(auth: AuthContext, id: string): Promise<CampaignView> {
    const cancelled = await this.db.transaction(async (tx): Promise<Transition | null> => {
      const campaign = await this.campaigns.lock(tx, auth.tenantId, id);
      if (!campaign) throw AppError.notFound('Campaign');
      if (campaign.archivedAt) return null;
      const transition = RUNNING_STATUSES.includes(campaign.status)
        ? await this.lifecycle.apply(tx, auth, campaign, 'cancel')
        : null;
      await tx.update(CampaignEntity, { tenantId: auth.tenantId, id }, { archivedAt: this.clock.now() });
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'campaign.archived',
          description: `Campaign "${campaign.name}" archived`,
          data: { campaign_id: id },
        },
        tx,
      );
      return transition;
    });
    // As a cancel: the tenant's send lines lose the turns its sends held, its progress is told.
    if (cancelled) await this.lifecycle.afterCommit(cancelled);
    return this.get(auth, id);
  }

  /** Normalises and validates a request, the templates' fields included: a 400 lists every problem. */
  private async prepare(
    auth: AuthContext,
    input: CampaignInput,
    current: CampaignEntity | null,
  ): Promise<CampaignChanges> {
    if (current && input.template !== undefined && input.channel === undefined && input.steps === undefined) {
      input = { ...input, channel: await this.templateChannel(current) };
    }
    const { changes, errors } = normalizeCampaign(input, current);
    if (current && input.lead_ids !== undefined) {
      errors.push({
        field: 'lead_ids',
        reason: 'is read on create only: add leads with POST campaigns/{id}/leads',
      });
    }
    await this.checkTemplates(auth.tenantId, changes, input, errors);
    await this.checkStepLengths(auth.tenantId, changes, errors);
    await this.checkAgentGroup(auth.tenantId, changes, errors);
    await this.checkCallerId(auth.tenantId, changes, errors);
    if (errors.length) throw invalidInput(errors);
    return changes;
  }

  /**
   * The channel a new seed 002 `template` sent without `channel` goes on: the one the campaign sends on now (its
   * first message step's), so a new text does not move the campaign to email; email when it sends on none of them.
   */
  private async templateChannel(campaign: CampaignEntity): Promise<TemplateChannel | undefined> {
    const steps = (await this.campaigns.stepsOf(campaign.tenantId, [campaign.id])).get(campaign.id) ?? [];
    const channel = enrollmentChannel(steps);
    return (TEMPLATE_CHANNELS as readonly string[]).includes(channel ?? '')
      ? (channel as TemplateChannel)
      : undefined;
  }

  /** A bare `{{name}}` must be a lead field or a custom field some lead of the tenant has. */
  private async checkTemplates(
    tenantId: string,
    changes: CampaignChanges,
    input: CampaignInput,
    errors: FieldIssue[],
  ): Promise<void> {
    const names = bareNamesOf(templateTexts(changes, input));
    const missing = await this.campaigns.missingCustomFields(tenantId, [...names.keys()]);
    for (const name of missing) {
      for (const field of names.get(name) ?? []) {
        errors.push({ field, reason: unknownFieldReason(name) });
      }
    }
  }

  /**
   * A message step whose fixed text (placeholders left out) is longer than the tenant's provider takes on its
   * channel could go to no lead: refused now rather than failing every enrollment at its send. The providers are
   * read as they stand (one query; no adapter built, no config made for a channel nobody configured).
   */
  private async checkStepLengths(tenantId: string, changes: CampaignChanges, errors: FieldIssue[]) {
    let providers: Record<Channel, string> | undefined;
    for (const step of changes.steps ?? []) {
      const channel = stepChannel(step);
      if (
        step.type === 'AI_MESSAGE' ||
        step.template_name ||
        !step.content ||
        !channel ||
        channel === 'voice'
      )
        continue;
      providers ??= await this.channels.channelProviders(tenantId);
      const provider = providers[channel];
      const media = ['media_urls', 'attachment_ids'].some(
        (k) => (step.options[k] as unknown[] | undefined)?.length,
      );
      const limit = bodyLimit(channel, provider, media);
      const length = [...fixedText(step.content)].length;
      if (limit !== null && length > limit)
        errors.push({
          field: `steps.${step.position}.content`,
          reason: `is ${length} characters without its placeholders: ${provider} takes at most ${limit} on ${channel}${media ? ' with a file (a caption)' : ''}`,
        });
    }
  }

  /** `agent_group_id` must name a group of the tenant (another tenant's is as unknown as a made-up id). */
  private async checkAgentGroup(tenantId: string, changes: CampaignChanges, errors: FieldIssue[]) {
    const groupId = changes.columns.agentGroupId;
    if (!groupId) return;
    const found = await tenantQuery(
      this.db,
      tenantId,
      'SELECT 1 FROM agent_groups WHERE tenant_id = $1 AND id = $2',
      [groupId],
    );
    if (!found.length)
      errors.push({ field: 'agent_group_id', reason: 'is not an agent group of this tenant' });
  }

  /**
   * `caller_id` is the number the provider calls from: stored in E.164 (a national number in the tenant's default
   * country), as a broadcast's; what is no phone number is refused now rather than failing every lead's call.
   */
  private async checkCallerId(tenantId: string, changes: CampaignChanges, errors: FieldIssue[]) {
    const raw = changes.columns.callerId;
    if (raw === undefined || raw === null) return;
    if (blank(raw)) {
      changes.columns.callerId = null;
      return;
    }
    const parsed = normalizePhone(raw, (await this.tenants.get(tenantId)).defaultCountry);
    if (parsed.ok) changes.columns.callerId = parsed.phone.e164;
    else errors.push({ field: 'caller_id', reason: parsed.reason });
  }

  /** Seed 001: a draft this change leaves without steps but with dialing fields gets its one CALL step. */
  private async stepsIfNone(
    tx: EntityManager,
    campaign: CampaignEntity,
    changes: CampaignChanges,
  ): Promise<NormalizedStep[] | undefined> {
    if (!changes.stepsIfNone || !STEP_EDIT_STATUSES.includes(campaign.status)) return undefined;
    const current = (await this.campaigns.stepsOf(campaign.tenantId, [campaign.id], tx)).get(campaign.id);
    return current?.length ? undefined : changes.stepsIfNone;
  }

  /** Replaces the steps when they differ; answers whether they did. 409 when the campaign is past its drafts. */
  private async changeSteps(
    tx: EntityManager,
    campaign: CampaignEntity,
    steps: NormalizedStep[],
  ): Promise<boolean> {
    const current =
      (await this.campaigns.stepsOf(campaign.tenantId, [campaign.id], tx)).get(campaign.id) ?? [];
    if (sameSteps(storedSteps(current), steps)) return false;
    if (!STEP_EDIT_STATUSES.includes(campaign.status)) {
      throw AppError.conflict(
        `The steps of ${withArticle(campaign.status)} campaign cannot change (only a draft's or a scheduled one's)`,
        { status: campaign.status },
      );
    }
    if (campaign.status === 'scheduled') assertRunnable(steps);
    await this.campaigns.replaceSteps(tx, campaign.tenantId, campaign.id, steps);
    await pinCampaignFiles(tx, campaign.tenantId, campaign.id, stepFileIds(steps));
    return true;
  }

  /** A started campaign's new schedule start moves its leads' first actions. */
  private async reschedule(tx: EntityManager, campaign: CampaignEntity): Promise<void> {
    if (campaign.status === 'draft' || !RUNNING_STATUSES.includes(campaign.status)) return;
    await tenantQuery(
      tx,
      campaign.tenantId,
      `WITH moved AS (
         UPDATE campaign_enrollments SET next_action_at = $3, updated_at = now()
          WHERE tenant_id = $1 AND campaign_id = $2 AND status = 'pending'
          RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [campaign.id, firstActionAt(campaign, this.clock.now())],
    );
  }

  /**
   * A started campaign's new follow-up interval moves the follow-ups its leads already wait for: those whose next
   * step follows a message step with no DELAY between (the waits the interval spaced, DESIGN §4) are due the
   * difference later or earlier, so none goes out before the interval now set; a send outside the window is still
   * held at its turn. Retries (attempts > 0) keep their own delay.
   */
  private async respace(tx: EntityManager, before: CampaignEntity, after: CampaignEntity): Promise<void> {
    const shiftDays = (after.followUpIntervalDays ?? 0) - (before.followUpIntervalDays ?? 0);
    if (!shiftDays || !['active', 'paused'].includes(after.status)) return;
    await tenantQuery(
      tx,
      after.tenantId,
      `UPDATE campaign_enrollments e
          SET next_action_at = e.next_action_at + $3::float8 * interval '1 day', updated_at = now()
        WHERE e.tenant_id = $1 AND e.campaign_id = $2 AND e.status = 'waiting' AND e.attempts = 0
          AND e.next_action_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM campaign_steps s
                       WHERE s.tenant_id = $1 AND s.campaign_id = $2
                         AND s.position = e.current_step - 1 AND s.type <> 'DELAY')`,
      [after.id, shiftDays],
    );
  }
}
