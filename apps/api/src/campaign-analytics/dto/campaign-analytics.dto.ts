import { STEP_TYPES } from '@app/db';
import { ApiProperty } from '@nestjs/swagger';

/**
 * A campaign's figures. "Messages of the campaign" are outbound messages carrying its `campaign_id` (retries are
 * separate messages); lead-level figures count enrollments.
 */
export class CampaignKpisDto {
  @ApiProperty({ example: 120, description: 'Leads enrolled in the campaign (enrollments)' })
  total_leads!: number;
  @ApiProperty({
    example: 15,
    description:
      "Enrolled leads whose lead status is 'qualified' or 'converted', or whom scoring qualified " +
      "(qualification_status 'qualified' or 'meeting_requested')",
  })
  qualified_count!: number;
  @ApiProperty({
    example: 0.48,
    description:
      'opened / open_base: messages opened (email `opened_at` set; WhatsApp read) over messages delivered or ' +
      'better on the channels that report opens (email: accepted by the server, as email reports no delivery; ' +
      'WhatsApp: delivered or read). 0 when nothing was delivered; 4 decimals.',
  })
  open_rate!: number;
  @ApiProperty({
    example: 0.12,
    description:
      "replied / reached: enrollments that replied (status 'replied', or the lead sent an inbound message whose " +
      "last campaign message before it was this campaign's: a lead in several campaigns answers the one that wrote " +
      'last) over enrollments that got at least one send. An out-of-office auto-reply (classified out_of_office) ' +
      'is no reply. 0 when nobody was reached.',
  })
  reply_rate!: number;
  @ApiProperty({ example: 230, description: 'Messages the provider took: sent, delivered or read' })
  sent!: number;
  @ApiProperty({ example: 200, description: 'Messages delivered or read' })
  delivered!: number;
  @ApiProperty({ example: 90, description: 'Messages read (WhatsApp read receipts)' })
  read!: number;
  @ApiProperty({ example: 4, description: 'Messages the provider refused or could not deliver' })
  failed!: number;
  @ApiProperty({
    example: 12,
    description:
      'Messages made but never sent: withdrawn before the provider was asked, because the campaign was cancelled or its schedule ended, or the lead replied, opted out or was taken over by a person meanwhile',
  })
  withdrawn!: number;
  @ApiProperty({
    example: 1,
    description: 'Messages whose outcome was lost and never resent (DESIGN §7.6)',
  })
  unknown!: number;
  @ApiProperty({
    example: 3,
    description:
      "Enrollments stopped or refused with stop_reason 'opted_out', plus enrolled leads now opted out of a " +
      'channel on which this campaign sent them their last campaign message (the contact policy refuses ' +
      'opted-out channels, so the opt-out came after that send)',
  })
  opted_out!: number;
  @ApiProperty({ example: 14, description: 'Enrollments that replied (see reply_rate)' })
  replied!: number;
  @ApiProperty({
    example: 10,
    description: 'Enrollments with a step job pending or running (status queued or in_progress)',
  })
  queued!: number;
  @ApiProperty({ example: 80, description: 'Enrollments that went through every step' })
  completed!: number;
  @ApiProperty({
    example: 2,
    description:
      "Enrollments the campaign could not go on with (status failed): no step's channel had an address for the " +
      'lead, its hours and the campaign schedule never met, a step could not be written or sent to it (e.g. ' +
      "WhatsApp's 24-hour window refused a free-form message). Their stop_reason is in GET campaigns/:id/leads",
  })
  enrollments_failed!: number;
  @ApiProperty({
    example: 115,
    description:
      'Enrollments that got at least one message the provider took, picked up a call of the campaign ' +
      '(answered or abandoned), or replied: the reply rate base',
  })
  reached!: number;
  @ApiProperty({ example: 180, description: 'The open rate base (see open_rate)' })
  open_base!: number;
  @ApiProperty({ example: 86, description: 'Email messages opened and WhatsApp messages read' })
  opened!: number;
  @ApiProperty({
    example: 120,
    description:
      "The campaign's calls to leads (CALL steps and voice broadcasts, not the agents' own legs) the provider took",
  })
  calls_placed!: number;
  @ApiProperty({
    example: 41,
    description: 'Calls answered by a person: bridged to an agent, or (a broadcast) the message heard',
  })
  calls_answered!: number;
  @ApiProperty({ example: 22, description: 'Calls answered by an answering machine' })
  calls_voicemail!: number;
  @ApiProperty({
    example: 1,
    description: 'Calls answered by a person no agent took in time: the safe-harbour message played',
  })
  calls_abandoned!: number;
  @ApiProperty({ example: 48, description: 'Calls that rang out unanswered' })
  calls_no_answer!: number;
  @ApiProperty({ example: 6, description: 'Calls the line answered busy' })
  calls_busy!: number;
  @ApiProperty({
    example: 2,
    description:
      'Calls that failed: refused by the provider when placed (not in calls_placed), or failed on the network',
  })
  calls_failed!: number;
}

export class CampaignKpiRowDto extends CampaignKpisDto {
  @ApiProperty({ format: 'uuid', example: '0190f3c2-7d1e-7c53-9a4e-2b8f1d3c4e5a' }) campaign_id!: string;
  @ApiProperty({ example: 'Spring launch' }) name!: string;
  @ApiProperty({ example: 'active' }) status!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2025-02-01T10:00:00.000Z',
    nullable: true,
    description: 'When it started',
  })
  start_time!: Date | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When it completed or was cancelled; null while it runs',
  })
  end_time!: Date | null;
}

export class FunnelStepDto {
  @ApiProperty({ example: 0, description: '0-based step position' }) position!: number;
  @ApiProperty({ enum: STEP_TYPES, example: 'WHATSAPP', description: 'DELAY steps appear with zeros' })
  type!: string;
  @ApiProperty({ example: 120, description: "This step's messages the provider took" }) sent!: number;
  @ApiProperty({ example: 110 }) delivered!: number;
  @ApiProperty({ example: 80 }) read!: number;
  @ApiProperty({ example: 80, description: 'Email opened or WhatsApp read' }) opened!: number;
  @ApiProperty({
    example: 9,
    description:
      "Replies drawn by this step: a reply counts for the step of the lead's last message before it on the reply's channel (an SMS reply that comes after the email step went counts for the SMS step), else on any channel",
  })
  replied!: number;
  @ApiProperty({
    example: 2,
    description: 'Messages the provider refused or could not deliver (withdrawn ones left out)',
  })
  failed!: number;
}

/** GET /api/campaigns/:id/analytics: seed 002's fields in snake_case, the message and enrollment counts, the funnel. */
export class CampaignAnalyticsDto extends CampaignKpiRowDto {
  @ApiProperty({ type: [FunnelStepDto], description: 'One entry per step, by position' })
  funnel!: FunnelStepDto[];
}

export class CampaignsAnalyticsDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2025-02-01T00:00:00.000Z',
    nullable: true,
    description: 'The range applied, or null',
  })
  date_from!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', example: '2025-02-28T23:59:59.999Z', nullable: true })
  date_to!: Date | null;
  @ApiProperty({ example: 3, description: 'Campaigns in the range (the totals cover all of them)' })
  campaign_count!: number;
  @ApiProperty({ type: CampaignKpisDto, description: 'Counts summed; rates recomputed from the sums' })
  totals!: CampaignKpisDto;
  @ApiProperty({
    type: [CampaignKpiRowDto],
    description: 'One row per campaign, newest start first (a page)',
  })
  campaigns!: CampaignKpiRowDto[];
}
