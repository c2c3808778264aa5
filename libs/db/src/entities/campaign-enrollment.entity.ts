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
import { CampaignEntity } from './campaign.entity';
import { LeadEntity } from './lead.entity';
import { leadReference } from './lead-reference';

export const ENROLLMENT_STATUSES = [
  'pending',
  'queued',
  'in_progress',
  'waiting',
  'replied',
  'completed',
  'failed',
  'stopped',
  'dnc',
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
/** An enrollment in one of these has finished: nothing more is sent to it by this campaign. */
export const FINAL_ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = [
  'replied',
  'completed',
  'failed',
  'stopped',
  'dnc',
];
/** FINAL_ENROLLMENT_STATUSES as an SQL list, for `status NOT IN (...)`. */
export const FINAL_ENROLLMENT_SQL = FINAL_ENROLLMENT_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * One lead in one campaign (seed 001's "campaign lead"): where it is in the steps and when it acts next.
 * `pending` / `waiting` with `next_action_at` due are taken by the scheduler; `queued` has a step job pending (one
 * queued for long lost its job: the tick's sweep finds it by `ix_campaign_enrollments_queued_updated`);
 * `ai_paused` is a human override (DESIGN §7.5).
 */
@Entity('campaign_enrollments')
@Check(
  'ck_campaign_enrollments_status',
  `"status" IN ('pending', 'queued', 'in_progress', 'waiting', 'replied', 'completed', 'failed', 'stopped', 'dnc')`,
)
@Index('uq_campaign_enrollments_lead', ['tenantId', 'campaignId', 'leadId'], { unique: true })
@Index('ix_campaign_enrollments_tenant_lead', ['tenantId', 'leadId'])
@Index('ix_campaign_enrollments_tenant_status', ['tenantId', 'campaignId', 'status'])
@Index('ix_campaign_enrollments_tenant_order', ['tenantId', 'campaignId', 'createdAt', 'id'])
@Index('ix_campaign_enrollments_due', { synchronize: false })
@Index('ix_campaign_enrollments_queued_updated', { synchronize: false })
export class CampaignEnrollmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaign_enrollments' }) id!: string;
  /** No foreign key of its own: the campaign's cascades (a start inserts its enrollments by the hundred thousand). */
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) campaignId!: string;
  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_enrollments_campaign' })
  campaign?: CampaignEntity;
  @Column({ type: 'uuid' }) leadId!: string;
  @ManyToOne(() => LeadEntity, { onDelete: 'CASCADE' })
  @JoinColumn(leadReference('fk_campaign_enrollments_lead'))
  lead?: LeadEntity;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: EnrollmentStatus;
  /** The 0-based position of the step the enrollment runs next. */
  @Column({ type: 'smallint', default: 0 }) currentStep!: number;
  /** Sends of the current step already made (a retry is attempt `attempts + 1`). */
  @Column({ type: 'smallint', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz', nullable: true }) nextActionAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastAttemptAt!: Date | null;
  @Column({ type: 'boolean', default: false }) aiPaused!: boolean;
  @Column({ type: 'varchar', length: 32, nullable: true }) stopReason!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) repliedAt!: Date | null;
  /** When the next step was due as a reply stopped the enrollment (waiting for it); an out-of-office resume keeps it. */
  @Column({ type: 'timestamptz', nullable: true }) dueBeforeReply!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  /** The window's opening a turn held outside it waits for (= next_action_at while that wait stands). */
  @Column({ type: 'timestamptz', nullable: true }) windowHeldUntil!: Date | null;
  /** The failed runs of the current turn (`step:attempt`), counted by the step runner; null until one fails. */
  @Column({ type: 'jsonb', nullable: true }) stepFailure!: {
    turn: string;
    count: number;
    since: string;
  } | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
