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
import { IntegrationEntity } from './integration.entity';
import type { WebhookDeliveryStatus } from './webhook-delivery.entity';

/** One POST of an integration delivery: when, the receiver's status code, how long, and why it failed (our words). */
export interface IntegrationAttempt {
  attempt: number;
  at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
}

/**
 * One event posted to one integration (a lead's message, a notification): its status and each attempt. Nothing of
 * what was sent is kept (the text is built from the subject when the job runs), nor the receiver's answer. One row
 * per (integration, subject), as its job is keyed.
 */
@Entity('integration_deliveries')
@Check('ck_integration_deliveries_status', `"status" IN ('pending', 'delivered', 'failed')`)
@Index('uq_integration_deliveries_tenant_integration_subject', ['tenantId', 'integrationId', 'subjectId'], {
  unique: true,
})
@Index('ix_integration_deliveries_tenant_integration_created', ['tenantId', 'integrationId', 'createdAt'])
@Index('ix_integration_deliveries_tenant_integration_status_created', [
  'tenantId',
  'integrationId',
  'status',
  'createdAt',
])
/** Migration 1769162000000: finished ones by age, for the retention sweep (platform-wide). */
@Index('ix_integration_deliveries_finished_created', { synchronize: false })
export class IntegrationDeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) integrationId!: string;
  @ManyToOne(() => IntegrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'integration_id', foreignKeyConstraintName: 'fk_integration_deliveries_integration' })
  integration?: IntegrationEntity;
  @Column({ type: 'varchar', length: 16 }) dataType!: string;
  /** `message` (a lead's inbound message) or `notification` (a qualified lead, an import finished). */
  @Column({ type: 'varchar', length: 16 }) source!: string;
  @Column({ type: 'uuid' }) subjectId!: string;
  /**
   * When the event happened (its job's `occurred_at`): the `timestamp` every attempt sends, a retry's too
   * (migration 1769361000000).
   */
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt!: Date;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: WebhookDeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attemptCount!: number;
  @Column({ type: 'integer', nullable: true }) lastStatusCode!: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError!: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) attempts!: IntegrationAttempt[];
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
