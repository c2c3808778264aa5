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
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';
import { numericTransformer } from './numeric-column';

export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'active',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const DIALING_MODES = ['preview', 'power', 'predictive'] as const;
export type DialingMode = (typeof DIALING_MODES)[number];

/** Seed 001's retry policy; the campaign engine applies it to failed sends, the dialer to unanswered calls. */
export interface RetryPolicy {
  max_attempts?: number;
  delay_minutes?: number;
  retry_on_no_answer?: boolean;
  retry_on_busy?: boolean;
  retry_on_voicemail?: boolean;
}

export type AmdAction = 'agent' | 'voicemail' | 'hangup';
export interface AmdActions {
  machine_start?: AmdAction;
  fax?: AmdAction;
  unknown?: AmdAction;
}

/** A multi-step outreach campaign (DESIGN §4; seeds 000, 001, 002). DELETE archives (`archived_at`). */
@Entity('campaigns')
@Check(
  'ck_campaigns_status',
  `"status" IN ('draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled')`,
)
@Check('ck_campaigns_dialing_mode', `"dialing_mode" IN ('preview', 'power', 'predictive')`)
@Check('ck_campaigns_ring_timeout', `"ring_timeout_seconds" BETWEEN 15 AND 120`)
@Check('ck_campaigns_preview_timeout', `"preview_timeout_seconds" BETWEEN 10 AND 600`)
@Index('ix_campaigns_tenant_created', { synchronize: false })
@Index('ix_campaigns_tenant_status', ['tenantId', 'status'])
/** Migration 1769020000001, partial (started): the campaigns a user created that went live, for their achievements. */
@Index('ix_campaigns_tenant_creator_started', { synchronize: false })
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaigns' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_campaigns_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'draft' }) status!: CampaignStatus;
  @Column({ type: 'timestamptz', nullable: true }) scheduleStart!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) scheduleEnd!: Date | null;
  /** The campaign's zone: a lead whose zone is unknown is reached in it; else the tenant's. */
  @Column({ type: 'varchar', length: 64, nullable: true }) timezone!: string | null;
  /** The sending window in the lead's local time ('09:00:00'); always inside 08:00-21:00 (DESIGN §7.2). */
  @Column({ type: 'time', nullable: true }) callingHoursStart!: string | null;
  @Column({ type: 'time', nullable: true }) callingHoursEnd!: string | null;
  /** ISO weekdays (1 = Monday ... 7 = Sunday) the window opens on; null: every day. */
  @Column({ type: 'smallint', array: true, nullable: true }) callingDays!: number[] | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) callerId!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) senderId!: string | null;
  @Column({ type: 'uuid', nullable: true }) agentGroupId!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'preview' }) dialingMode!: DialingMode;
  @Column({ type: 'numeric', precision: 5, scale: 4, default: () => '0.03', transformer: numericTransformer })
  maxAbandonRate!: number;
  @Column({ type: 'jsonb', default: () => "'{}'" }) retryPolicy!: RetryPolicy;
  @Column({ type: 'boolean', default: false }) amdEnabled!: boolean;
  @Column({ type: 'text', nullable: true }) voicemailMessageUrl!: string | null;
  @Column({ type: 'boolean', default: false }) recordCalls!: boolean;
  /** How long a dialed lead rings before we give up (Twilio's `Timeout`); at least 15 s. */
  @Column({ type: 'smallint', default: 25 }) ringTimeoutSeconds!: number;
  /** Preview mode: how long an offer waits for the agent to dial or skip it before it expires. */
  @Column({ type: 'smallint', default: 30 }) previewTimeoutSeconds!: number;
  /** Power mode: lines dialed per available agent. */
  @Column({ type: 'numeric', precision: 4, scale: 2, default: 1, transformer: numericTransformer })
  linesPerAgent!: number;
  /** After-call work: an agent is offered the next call this long after a call ends. */
  @Column({ type: 'smallint', default: 30 }) wrapUpSeconds!: number;
  /** An abandoned lead is not dialed again before this many minutes (default 72 h). */
  @Column({ type: 'integer', default: 4320 }) abandonLockoutMinutes!: number;
  /** Played to an answered lead no agent could take within 2 s; a default text when null. */
  @Column({ type: 'text', nullable: true }) safeHarbourMessage!: string | null;
  /** What to do on each AMD answer: `{ machine_start, fax, unknown }` -> agent | voicemail | hangup. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) amdActions!: AmdActions;
  @Column({ type: 'varchar', length: 300, nullable: true }) subjectLine!: string | null;
  /** Spaces consecutive message steps that have no DELAY between them (seed 002). */
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: numericTransformer })
  followUpIntervalDays!: number | null;
  /** `"ALL"` or a lead filter (the query of `GET leads`): who `start` enrolls. */
  @Column({ type: 'jsonb', nullable: true }) targetFilter!: unknown;
  @Column({ type: 'boolean', default: true }) stopOnReply!: boolean;
  /** Bumped by every change of the steps (only while no lead is past them: draft, scheduled). */
  @Column({ type: 'integer', default: 1 }) stepsVersion!: number;
  @Column({ type: 'integer', default: 0 }) totalLeads!: number;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_campaigns_created_by' })
  creator?: UserEntity;
  @Column({ type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) pausedAt!: Date | null;
  /** Why the platform paused the campaign (an AI provider's refusal); null for a pause a person made. */
  @Column({ type: 'text', nullable: true }) pauseReason!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
