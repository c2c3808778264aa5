import { CAMPAIGN_STATUSES, DIALING_MODES, ENROLLMENT_STATUSES, STEP_TYPES } from '@app/db';
import type { CampaignStepEntity, EnrollmentStatus } from '@app/db';
import { CAMPAIGN_DETAIL_LEADS } from '@app/domain';
import type { CampaignView, EnrollmentCounts, EnrollmentRow, EnrollmentTotals } from '@app/domain';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { AmdActionsDto, RetryPolicyDto } from './campaign-input.dto';
import { TargetFilterDto } from './target-filter.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export class CampaignStepViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 0, description: '0-based' }) position!: number;
  @ApiProperty({ enum: STEP_TYPES, example: 'WHATSAPP' }) type!: string;
  @ApiProperty({ type: String, example: 'Welcome aboard, {{first_name|there}}!', nullable: true }) content!:
    string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) subject!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) template_name!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) template_language!: string | null;
  @ApiProperty({ type: Number, example: null, nullable: true, description: 'DELAY steps: the wait' })
  delay_minutes!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: {} }) options!: Record<string, unknown>;

  static from(s: CampaignStepEntity): CampaignStepViewDto {
    return {
      id: s.id,
      position: s.position,
      type: s.type,
      content: s.content,
      subject: s.subject,
      template_name: s.templateName,
      template_language: s.templateLanguage,
      delay_minutes: s.delayMinutes,
      options: s.options,
    };
  }
}

/** One enrollment: the lead and where it is in the campaign. */
export class EnrollmentDto {
  @ApiProperty({ format: 'uuid', description: 'The enrollment' }) id!: string;
  @ApiProperty({ format: 'uuid' }) campaign_id!: string;
  @ApiProperty({ format: 'uuid' }) lead_id!: string;
  @ApiProperty({ type: String, example: 'Sara Ahmed', nullable: true }) name!: string | null;
  @ApiProperty({ type: String, example: 'Sara', nullable: true }) first_name!: string | null;
  @ApiProperty({ type: String, example: 'Ahmed', nullable: true }) last_name!: string | null;
  @ApiProperty({ type: String, example: 'sara@example.com', nullable: true }) email!: string | null;
  @ApiProperty({ type: String, example: '(415) 555-2671', nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, example: '+14155552671', nullable: true }) phone_normalized!: string | null;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, example: 'pending' }) status!: EnrollmentStatus;
  @ApiProperty({ example: 0, description: 'The 0-based position of the step it runs next' })
  current_step!: number;
  @ApiProperty({ example: 0 }) attempts!: number;
  @ApiProperty({ type: String, example: '2026-11-22T06:00:00.000Z', nullable: true }) next_action_at!:
    string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) last_attempt_at!: string | null;
  @ApiProperty({ example: false, description: 'A human has taken over (override)' })
  ai_paused!: boolean;
  @ApiProperty({ type: String, example: null, nullable: true }) stop_reason!: string | null;
  @ApiProperty({
    type: String,
    example: 'no_answer',
    nullable: true,
    description:
      "How the campaign's last call to the lead ended (answered, voicemail, no_answer, busy, failed, abandoned); null before one ended",
  })
  last_call_disposition!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) replied_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) completed_at!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) updated_at!: string;

  static from(e: EnrollmentRow): EnrollmentDto {
    return {
      id: e.id,
      campaign_id: e.campaign_id,
      lead_id: e.lead_id,
      name: [e.first_name, e.last_name].filter(Boolean).join(' ') || null,
      first_name: e.first_name,
      last_name: e.last_name,
      email: e.email,
      phone: e.phone,
      phone_normalized: e.phone_normalized,
      status: e.status,
      current_step: e.current_step,
      attempts: e.attempts,
      next_action_at: iso(e.next_action_at),
      last_attempt_at: iso(e.last_attempt_at),
      ai_paused: e.ai_paused,
      stop_reason: e.stop_reason,
      last_call_disposition: e.last_call_disposition,
      replied_at: iso(e.replied_at),
      completed_at: iso(e.completed_at),
      created_at: e.created_at.toISOString(),
      updated_at: e.updated_at.toISOString(),
    };
  }
}

/** Seed 002's lead list of a campaign read alone: its first enrolled leads, and where the rest are. */
export class CampaignLeadsPreviewDto {
  @ApiProperty({
    type: [EnrollmentDto],
    description: `The first ${CAMPAIGN_DETAIL_LEADS} enrollments, in the order they were enrolled (the first page of GET /api/campaigns/:id/leads)`,
  })
  items!: EnrollmentDto[];
  @ApiProperty({ example: 150, description: 'Enrollments in every status (the sum of stats.by_status)' })
  total!: number;
  @ApiProperty({ example: CAMPAIGN_DETAIL_LEADS, description: 'At most this many items' }) limit!: number;
  @ApiProperty({
    type: String,
    example: `/api/campaigns/0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f/leads?offset=${CAMPAIGN_DETAIL_LEADS}`,
    nullable: true,
    description:
      'The rest, paged (GET /api/campaigns/:id/leads, a manager; any role can read them as leads with ' +
      'GET /api/leads?campaign_id=); null when items holds them all',
  })
  next!: string | null;

  static from(
    campaignId: string,
    rows: EnrollmentRow[],
    byStatus: EnrollmentTotals,
  ): CampaignLeadsPreviewDto {
    const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    return {
      items: rows.map(EnrollmentDto.from),
      total,
      limit: CAMPAIGN_DETAIL_LEADS,
      next:
        total > CAMPAIGN_DETAIL_LEADS
          ? `/api/campaigns/${campaignId}/leads?offset=${CAMPAIGN_DETAIL_LEADS}`
          : null,
    };
  }
}

/** How many enrollments are in each status (every status present). */
export class EnrollmentTotalsDto implements EnrollmentTotals {
  @ApiProperty({ example: 120 }) pending!: number;
  @ApiProperty({ example: 0 }) queued!: number;
  @ApiProperty({ example: 0 }) in_progress!: number;
  @ApiProperty({ example: 20 }) waiting!: number;
  @ApiProperty({ example: 3 }) replied!: number;
  @ApiProperty({ example: 7 }) completed!: number;
  @ApiProperty({ example: 0 }) failed!: number;
  @ApiProperty({ example: 0 }) stopped!: number;
  @ApiProperty({ example: 0 }) dnc!: number;
}

export class CampaignStatsDto {
  @ApiProperty({ example: 150 }) total_leads!: number;
  @ApiProperty({ type: EnrollmentTotalsDto }) by_status!: EnrollmentTotalsDto;
}

/** A campaign: every column, and its steps. */
@ApiExtraModels(TargetFilterDto)
export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ example: 'Welcome Series' }) name!: string;
  @ApiProperty({ type: String, example: null, nullable: true }) description!: string | null;
  @ApiProperty({ enum: CAMPAIGN_STATUSES, example: 'draft' }) status!: string;
  @ApiProperty({ type: String, example: '2026-01-05T09:00:00.000Z', nullable: true }) schedule_start!:
    string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) schedule_end!: string | null;
  @ApiProperty({ type: String, example: 'America/Los_Angeles', nullable: true }) timezone!: string | null;
  @ApiProperty({ type: String, example: '09:00:00', nullable: true }) calling_hours_start!: string | null;
  @ApiProperty({ type: String, example: '17:00:00', nullable: true }) calling_hours_end!: string | null;
  @ApiProperty({ example: [1, 2, 3, 4, 5], type: [Number], nullable: true }) calling_days!: number[] | null;
  @ApiProperty({ type: String, example: '+14155551234', nullable: true }) caller_id!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) sender_id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) agent_group_id!:
    string | null;
  @ApiProperty({ enum: DIALING_MODES, example: 'preview' }) dialing_mode!: string;
  @ApiProperty({ example: 0.03 }) max_abandon_rate!: number;
  @ApiProperty({ type: RetryPolicyDto }) retry_policy!: RetryPolicyDto;
  @ApiProperty({ example: false }) amd_enabled!: boolean;
  @ApiProperty({ type: String, example: null, nullable: true }) voicemail_message_url!: string | null;
  @ApiProperty({ example: false }) record_calls!: boolean;
  @ApiProperty({ example: 25, description: 'Seconds a dialed lead rings' }) ring_timeout_seconds!: number;
  @ApiProperty({
    example: 30,
    description: 'Preview mode: seconds an offer waits for the agent before it expires',
  })
  preview_timeout_seconds!: number;
  @ApiProperty({ example: 1, description: 'Power mode: lines per available agent' }) lines_per_agent!: number;
  @ApiProperty({ example: 30, description: 'After-call work, seconds' }) wrap_up_seconds!: number;
  @ApiProperty({ example: 4320, description: 'Minutes before an abandoned lead is dialed again' })
  abandon_lockout_minutes!: number;
  @ApiProperty({ type: String, example: null, nullable: true }) safe_harbour_message!: string | null;
  @ApiProperty({ type: AmdActionsDto, example: { machine_start: 'hangup' } }) amd_actions!: AmdActionsDto;
  @ApiProperty({ type: String, example: 'Hello from MyStartup', nullable: true }) subject_line!:
    string | null;
  @ApiProperty({ type: Number, example: 3, nullable: true }) follow_up_interval_days!: number | null;
  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'string', enum: ['ALL'] }, { $ref: getSchemaPath(TargetFilterDto) }],
    example: 'ALL',
  })
  target_filter!: unknown;
  @ApiProperty({ example: true }) stop_on_reply!: boolean;
  @ApiProperty({ example: 1, description: 'Bumped by every change of the steps' }) steps_version!: number;
  @ApiProperty({ example: 150, description: 'Leads enrolled' }) total_leads!: number;
  @ApiProperty({
    example: 850,
    description: "Seed 001: the campaign's calls to leads the provider took (CALL steps, voice broadcast)",
  })
  calls_made!: number;
  @ApiProperty({ example: 320, description: 'Seed 001: of those, calls that connected and ended' })
  calls_completed!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) created_by!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) started_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) paused_at!: string | null;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description:
      "Why the platform paused the campaign: the tenant's AI provider refused its key, quota or model while writing " +
      'an AI_MESSAGE step. No enrollment fails for it; fix the LLM settings and resume. Null for a pause a person made',
  })
  pause_reason!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) completed_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) cancelled_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true, description: 'Set by DELETE' }) archived_at!:
    string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) updated_at!: string;
  @ApiProperty({ type: [CampaignStepViewDto] }) steps!: CampaignStepViewDto[];

  static from(view: CampaignView): CampaignDto {
    const c = view.campaign;
    return {
      id: c.id,
      tenant_id: c.tenantId,
      name: c.name,
      description: c.description,
      status: c.status,
      schedule_start: iso(c.scheduleStart),
      schedule_end: iso(c.scheduleEnd),
      timezone: c.timezone,
      calling_hours_start: c.callingHoursStart,
      calling_hours_end: c.callingHoursEnd,
      calling_days: c.callingDays,
      caller_id: c.callerId,
      sender_id: c.senderId,
      agent_group_id: c.agentGroupId,
      dialing_mode: c.dialingMode,
      max_abandon_rate: c.maxAbandonRate,
      retry_policy: c.retryPolicy,
      amd_enabled: c.amdEnabled,
      voicemail_message_url: c.voicemailMessageUrl,
      record_calls: c.recordCalls,
      ring_timeout_seconds: c.ringTimeoutSeconds,
      preview_timeout_seconds: c.previewTimeoutSeconds,
      lines_per_agent: c.linesPerAgent,
      wrap_up_seconds: c.wrapUpSeconds,
      abandon_lockout_minutes: c.abandonLockoutMinutes,
      safe_harbour_message: c.safeHarbourMessage,
      amd_actions: c.amdActions,
      subject_line: c.subjectLine,
      follow_up_interval_days: c.followUpIntervalDays,
      target_filter: c.targetFilter ?? null,
      stop_on_reply: c.stopOnReply,
      steps_version: c.stepsVersion,
      total_leads: c.totalLeads,
      calls_made: view.calls.calls_made,
      calls_completed: view.calls.calls_completed,
      created_by: c.createdBy,
      started_at: iso(c.startedAt),
      paused_at: iso(c.pausedAt),
      pause_reason: c.pauseReason,
      completed_at: iso(c.completedAt),
      cancelled_at: iso(c.cancelledAt),
      archived_at: iso(c.archivedAt),
      created_at: c.createdAt.toISOString(),
      updated_at: c.updatedAt.toISOString(),
      steps: view.steps.map(CampaignStepViewDto.from),
    };
  }
}

/** One campaign read alone: with its enrollment totals and its first enrolled leads. */
export class CampaignDetailDto extends CampaignDto {
  @ApiProperty({ type: CampaignStatsDto }) stats!: CampaignStatsDto;
  @ApiProperty({ type: CampaignLeadsPreviewDto }) leads!: CampaignLeadsPreviewDto;

  static override from(view: CampaignView): CampaignDetailDto {
    const stats = view.stats ?? { total_leads: view.campaign.totalLeads, by_status: {} as EnrollmentTotals };
    const leads = CampaignLeadsPreviewDto.from(view.campaign.id, view.leads ?? [], stats.by_status);
    return { ...CampaignDto.from(view), stats, leads };
  }
}

export class EnrollmentSkipsDto {
  @ApiProperty({
    example: 2,
    description: 'On the do-not-contact list for the channel or all (do_not_call for voice)',
  })
  do_not_contact!: number;
  @ApiProperty({ example: 1, description: 'Opted out of the channel' }) opted_out!: number;
  @ApiProperty({ example: 0, description: 'No address on the channel' }) no_address!: number;
  @ApiProperty({ example: 0 }) archived!: number;
  @ApiProperty({ example: 0, description: 'No such lead in this tenant' }) not_found!: number;
}

/** What an enrollment did. */
export class EnrollmentResultDto implements EnrollmentCounts {
  @ApiProperty({ example: 97 }) enrolled!: number;
  @ApiProperty({ example: 0, description: 'Already in the campaign (a lead is enrolled once)' })
  already_enrolled!: number;
  @ApiProperty({
    type: EnrollmentSkipsDto,
    description: "Refused by the contact policy for the first message step's channel, by rule",
  })
  skipped!: EnrollmentSkipsDto;
}

/** POST /api/campaigns: the campaign, and what `lead_ids` enrolled (seed 002 form). */
export class CreatedCampaignDto extends CampaignDetailDto {
  @ApiPropertyOptional({ type: EnrollmentResultDto, description: 'Only when lead_ids were sent' })
  enrollment?: EnrollmentResultDto;

  static override from(view: CampaignView): CreatedCampaignDto {
    return { ...CampaignDetailDto.from(view), ...(view.enrollment ? { enrollment: view.enrollment } : {}) };
  }
}

/** start, launch and send (seed 000 `{ queued }`; seed 001 `{ campaign }`). */
export class LaunchDto {
  @ApiProperty({ example: 150, description: 'Enrollments now waiting for their first step' }) queued!: number;
  @ApiProperty({ type: CampaignDto }) campaign!: CampaignDto;
}
