import { ENROLLMENT_STATUSES, LEAD_PRIORITIES, LEAD_STATUSES } from '@app/db';
import type { LeadEntity } from '@app/db';
import type { ListedLead } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export function fullName(lead: Pick<LeadEntity, 'firstName' | 'lastName'>): string | null {
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ') || null;
}

/** The lead of DESIGN §3 (key shapes), plus type, priority, candidate zones and dialing counters. */
export class LeadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ type: String, example: 'Jane', nullable: true }) first_name!: string | null;
  @ApiProperty({ type: String, example: 'Doe', nullable: true }) last_name!: string | null;
  @ApiProperty({ type: String, example: 'Jane Doe', nullable: true }) name!: string | null;
  @ApiProperty({ type: String, example: 'jane@example.com', nullable: true }) email!: string | null;
  @ApiProperty({ type: String, example: '(415) 555-2671', nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, example: '+14155552671', nullable: true }) phone_normalized!: string | null;
  @ApiProperty({ type: String, example: 'US', nullable: true }) country!: string | null;
  @ApiProperty({
    type: String,
    example: 'America/Los_Angeles',
    nullable: true,
    description: 'Set explicitly, or the only candidate zone',
  })
  timezone!: string | null;
  @ApiProperty({
    example: ['America/Los_Angeles'],
    type: [String],
    description: 'Zones the number can be in',
  })
  timezones!: string[];
  @ApiProperty({ type: String, example: 'Tech Startup', nullable: true }) company!: string | null;
  @ApiProperty({ type: String, example: 'CTO', nullable: true }) position!: string | null;
  @ApiProperty({ type: String, example: 'referral', nullable: true }) source!: string | null;
  @ApiProperty({
    type: String,
    example: 'carrier',
    nullable: true,
    description: 'What kind of lead this is (carrier, shipper, broker...): free-form',
  })
  type!: string | null;
  @ApiProperty({ type: Number, example: 10000, nullable: true }) value!: number | null;
  @ApiProperty({ enum: LEAD_PRIORITIES, example: 'normal' }) priority!: string;
  @ApiProperty({ enum: LEAD_STATUSES, example: 'new' }) status!: string;
  @ApiProperty({ example: 0 }) score!: number;
  @ApiProperty({
    type: String,
    example: 'interested',
    nullable: true,
    description:
      "The class of the lead's latest classified reply (interested, meeting_request, question, not_now, not_interested, out_of_office, wrong_person, unsubscribe, neutral), or a manual override",
  })
  classification!: string | null;
  @ApiProperty({
    type: String,
    example: 'in_progress',
    nullable: true,
    description:
      'qualified, meeting_requested, in_progress, nurture or disqualified after a classified reply',
  })
  qualification_status!: string | null;
  @ApiProperty({
    type: Number,
    example: 0.92,
    nullable: true,
    description: "The latest classification's confidence (0..1)",
  })
  classification_confidence!: number | null;
  @ApiProperty({ type: String, example: 'Asks for pricing details and a trial.', nullable: true })
  classification_reason!: string | null;
  @ApiProperty({ type: String, example: '2026-12-01T15:02:11.000Z', nullable: true }) classified_at!:
    string | null;
  @ApiProperty({
    example: false,
    description: 'A manual classification the classifier leaves alone',
  })
  classification_overridden!: boolean;
  @ApiProperty({ example: false, description: 'A manual score the classifier leaves alone' })
  score_overridden!: boolean;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description: 'When the lead asked for a meeting (a reply classified meeting_request)',
  })
  meeting_requested_at!: string | null;
  @ApiProperty({ example: ['vip'], type: [String] }) tags!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, example: { plan: 'enterprise' } })
  custom_fields!: Record<string, unknown>;
  @ApiProperty({ type: String, example: 'High priority prospect', nullable: true }) notes!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) owner_id!: string | null;
  @ApiProperty({ example: false }) do_not_call!: boolean;
  @ApiProperty({ example: [], type: [String] }) opted_out_channels!: string[];
  @ApiProperty({ example: 0 }) call_attempts!: number;
  @ApiProperty({ type: String, example: null, nullable: true }) last_call_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) next_call_at!: string | null;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description: 'No campaign dials the lead before this: the lockout after an abandoned call',
  })
  call_locked_until!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) archived_at!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) updated_at!: string;

  static from(l: LeadEntity): LeadDto {
    return {
      id: l.id,
      tenant_id: l.tenantId,
      first_name: l.firstName,
      last_name: l.lastName,
      name: fullName(l),
      email: l.email,
      phone: l.phone,
      phone_normalized: l.phoneNormalized,
      country: l.country,
      timezone: l.timezone ?? (l.timezones.length === 1 ? l.timezones[0] : null),
      timezones: l.timezones,
      company: l.company,
      position: l.position,
      source: l.source,
      type: l.type,
      value: l.value,
      priority: l.priority,
      status: l.status,
      score: l.score,
      classification: l.classification,
      qualification_status: l.qualificationStatus,
      classification_confidence: l.classificationConfidence,
      classification_reason: l.classificationReason,
      classified_at: l.classifiedAt?.toISOString() ?? null,
      classification_overridden: l.classificationOverridden,
      score_overridden: l.scoreOverridden,
      meeting_requested_at: l.meetingRequestedAt?.toISOString() ?? null,
      tags: l.tags,
      custom_fields: l.customFields,
      notes: l.notes,
      owner_id: l.ownerId,
      do_not_call: l.doNotCall,
      opted_out_channels: l.optedOutChannels,
      call_attempts: l.callAttempts,
      last_call_at: l.lastCallAt?.toISOString() ?? null,
      next_call_at: l.nextCallAt?.toISOString() ?? null,
      call_locked_until: l.callLockedUntil?.toISOString() ?? null,
      archived_at: l.archivedAt?.toISOString() ?? null,
      created_at: l.createdAt.toISOString(),
      updated_at: l.updatedAt.toISOString(),
    };
  }
}

/** A lead of GET /api/leads; listed by campaign_id (seed 001), with its enrollment in that campaign. */
export class ListedLeadDto extends LeadDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only in a list by campaign_id (seed 001): the campaign the lead is enrolled in',
  })
  campaign_id?: string;
  @ApiPropertyOptional({
    enum: ENROLLMENT_STATUSES,
    example: 'pending',
    description:
      "Only in a list by campaign_id (seed 001): the lead's enrollment status in that campaign (what seed 001 calls the lead's status); `status` stays the lead's own",
  })
  enrollment_status?: string;

  static fromListed({ lead, enrollment }: ListedLead): ListedLeadDto {
    const dto: ListedLeadDto = LeadDto.from(lead);
    if (enrollment) {
      dto.campaign_id = enrollment.campaign_id;
      dto.enrollment_status = enrollment.status;
    }
    return dto;
  }
}

export class BulkLeadErrorDto {
  @ApiProperty({ example: 2, description: '0-based position in the array sent' }) index!: number;
  @ApiProperty({ example: 'CONFLICT' }) code!: string;
  @ApiProperty({ example: 'A lead with this phone already exists' }) message!: string;
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'object', additionalProperties: true } },
      { type: 'object', additionalProperties: true },
    ],
    example: [{ field: 'phone', reason: 'belongs to lead 0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f' }],
    required: false,
    description: "The error's details, as DESIGN §3 gives them (field issues for a validation error)",
  })
  details?: unknown;
}

export class BulkLeadResultDto {
  @ApiProperty({ example: 3 }) total!: number;
  @ApiProperty({ example: 2 }) created!: number;
  @ApiProperty({ example: 1 }) failed!: number;
  @ApiProperty({ type: [LeadDto] }) leads!: LeadDto[];
  @ApiProperty({ type: [BulkLeadErrorDto] }) errors!: BulkLeadErrorDto[];
}

export class ErasedLeadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: true }) erased!: true;
  @ApiProperty({
    example: 2,
    description: 'Do-not-contact entries kept so the person is never contacted again',
  })
  dnc_entries!: number;
}

export class ReclassifyDto {
  @ApiProperty({ format: 'uuid' }) lead_id!: string;
  @ApiProperty({
    format: 'uuid',
    description: "The lead's latest message with text: the one classified again",
  })
  message_id!: string;
  @ApiProperty({
    example: 'reclassify:0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f:0192f0c1-9a00-7000-8000-000000000001',
    description: "The classification job's id; its result comes as the lead.classified socket event",
  })
  job_id!: string;
  @ApiProperty({ example: true }) queued!: true;
}
