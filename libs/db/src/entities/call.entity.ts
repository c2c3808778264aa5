import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AgentEntity } from './agent.entity';
import { CampaignEntity } from './campaign.entity';
import { LeadEntity } from './lead.entity';
import { leadReference } from './lead-reference';
import { TenantEntity } from './tenant.entity';
import { numericTransformer } from './numeric-column';

/** Twilio's call statuses (DESIGN §2). */
export const CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const FINAL_CALL_STATUSES: readonly CallStatus[] = [
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
];
export const CALL_DISPOSITIONS = [
  'answered',
  'voicemail',
  'no_answer',
  'busy',
  'failed',
  'abandoned',
  'missed',
] as const;
export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];
/**
 * How the conversation went, as the agent records it after the call (a dialer's wrap-up code); the disposition is
 * how the line answered. `do_not_call` also lists the number on do-not-contact for voice.
 */
export const CALL_OUTCOMES = [
  'interested',
  'not_interested',
  'callback',
  'meeting_booked',
  'converted',
  'wrong_number',
  'do_not_call',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
/**
 * dialer: a lead called by a campaign's CALL step to reach an agent; broadcast: a lead played a message;
 * agent_leg: our call to an agent's phone; inbound: a call to a tenant's number; manual: logged through the API.
 */
export const CALL_KINDS = ['dialer', 'broadcast', 'agent_leg', 'inbound', 'manual'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/**
 * One call (seed 001's call record, seed 003's call log). A dialed call's row commits before the provider is asked
 * to place it, once per enrollment and attempt; `end_time` is set by its final status.
 */
@Entity('calls')
@Check('ck_calls_kind', `"kind" IN ('dialer', 'broadcast', 'agent_leg', 'inbound', 'manual')`)
@Check('ck_calls_direction', `"direction" IN ('inbound', 'outbound')`)
@Check(
  'ck_calls_status',
  `"status" IN ('queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled')`,
)
@Check(
  'ck_calls_disposition',
  `"disposition" IN ('answered', 'voicemail', 'no_answer', 'busy', 'failed', 'abandoned', 'missed')`,
)
@Check(
  'ck_calls_outcome',
  `"outcome" IN ('interested', 'not_interested', 'callback', 'meeting_booked', 'converted', 'wrong_number', 'do_not_call')`,
)
@Index('ix_calls_tenant_created', ['tenantId', 'createdAt'])
@Index('ix_calls_tenant_campaign', ['tenantId', 'campaignId', 'createdAt'])
@Index('ix_calls_tenant_agent', ['tenantId', 'agentId', 'createdAt'])
/** Migration 1769020000001, partial (connected, not an agent leg): an agent's connected calls, for achievements. */
@Index('ix_calls_tenant_agent_connected', { synchronize: false })
@Index('ix_calls_tenant_lead', ['tenantId', 'leadId'])
@Index('uq_calls_tenant_sid', ['tenantId', 'callSid'], { unique: true, where: '"call_sid" IS NOT NULL' })
@Index('uq_calls_enrollment_attempt', ['tenantId', 'enrollmentId', 'attempt'], {
  unique: true,
  where: '"enrollment_id" IS NOT NULL',
})
@Index('ix_calls_live', ['tenantId', 'campaignId'], { where: '"end_time" IS NULL' })
@Index('ix_calls_unplaced', ['createdAt'], { where: '"call_sid" IS NULL AND "end_time" IS NULL' })
/** Partial (open, placed): the dialer tick's look at calls no callback has touched for a while. */
@Index('ix_calls_open_updated', { synchronize: false })
// A lead's (or caller's) call rings one agent at a time.
@Index('uq_calls_open_agent_leg', ['tenantId', 'parentCallId'], {
  unique: true,
  where: `"kind" = 'agent_leg' AND "parent_call_id" IS NOT NULL AND "end_time" IS NULL`,
})
// An agent's live leg is placed once at a time.
@Index('uq_calls_live_leg', ['tenantId', 'agentId'], {
  unique: true,
  where: `"kind" = 'agent_leg' AND "parent_call_id" IS NULL AND "end_time" IS NULL`,
})
export class CallEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_calls' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_calls_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid', nullable: true }) campaignId!: string | null;
  @ManyToOne(() => CampaignEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_calls_campaign' })
  campaign?: CampaignEntity;
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  @ManyToOne(() => LeadEntity, { onDelete: 'SET NULL' })
  @JoinColumn(leadReference('fk_calls_lead'))
  lead?: LeadEntity;
  @Column({ type: 'uuid', nullable: true }) agentId!: string | null;
  @ManyToOne(() => AgentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_calls_agent' })
  agent?: AgentEntity;
  @Column({ type: 'uuid', nullable: true }) enrollmentId!: string | null;
  /** An agent leg's lead call. */
  @Column({ type: 'uuid', nullable: true }) parentCallId!: string | null;
  /** The lead's attempt number (1-based) for this enrollment's CALL step. */
  @Column({ type: 'smallint', nullable: true }) attempt!: number | null;
  @Column({ type: 'varchar', length: 16 }) kind!: CallKind;
  @Column({ type: 'varchar', length: 8 }) direction!: 'inbound' | 'outbound';
  @Column({ type: 'varchar', length: 64, nullable: true }) callSid!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) conferenceSid!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) conferenceName!: string | null;
  /** E.164, or the address the provider gave an inbound call (`sip:…@…`, `client:…`) as it gave it. */
  @Column({ type: 'varchar', length: 255, nullable: true }) fromNumber!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) toNumber!: string | null;
  /** Seed 003's `contactName` of a manual log with no lead. */
  @Column({ type: 'varchar', length: 200, nullable: true }) contactName!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'queued' }) status!: CallStatus;
  @Column({ type: 'varchar', length: 24, nullable: true }) answeredBy!: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) disposition!: CallDisposition | null;
  /** The agent's wrap-up: how the conversation went (CALL_OUTCOMES). */
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome!: CallOutcome | null;
  @Column({ type: 'timestamptz', nullable: true }) startTime!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) answerTime!: Date | null;
  /** When the lead was bridged to an agent. */
  @Column({ type: 'timestamptz', nullable: true }) connectedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) endTime!: Date | null;
  /** Seconds. */
  @Column({ type: 'integer', nullable: true }) duration!: number | null;
  @Column({ type: 'integer', nullable: true }) talkTime!: number | null;
  @Column({ type: 'text', nullable: true }) recordingUrl!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) recordingSid!: string | null;
  @Column({ type: 'integer', nullable: true }) recordingDuration!: number | null;
  @Column({ type: 'numeric', precision: 10, scale: 4, nullable: true, transformer: numericTransformer })
  cost!: number | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) metadata!: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
