import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';

/**
 * A provider event as it arrived at a webhook, recorded once per (tenant, provider, event key) so the
 * providers' retries are idempotent (DESIGN §7.7); the worker processes it from here.
 */
@Entity('webhook_events')
@Index('uq_webhook_events_key', { synchronize: false })
@Index('ix_webhook_events_pending_status', { synchronize: false })
@Index('ix_webhook_events_pending_other', { synchronize: false })
@Index('ix_webhook_events_lead', { synchronize: false })
@Index('ix_webhook_events_processed', { synchronize: false })
export class WebhookEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_webhook_events' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_webhook_events_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 32 }) provider!: string;
  /** `status` or `inbound` (messaging), `call` (voice). */
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  /** What makes a delivery of the same event the same: the provider's event or message id and status. */
  @Column({ type: 'varchar', length: 255 }) eventKey!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'timestamptz', nullable: true }) processedAt!: Date | null;
  /**
   * Tries of a status whose message was not found yet (`nextAttemptAt` holds the event until its next try); for other
   * events, the times the inbound sweep started their job again.
   */
  @Column({ type: 'smallint', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz', nullable: true }) nextAttemptAt!: Date | null;
  /** The lead it concerned, once applied (erasure scrubs the payloads of a lead's events through it). */
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  /**
   * An inbound STOP: whether its first application decided to confirm it (it opted the lead out), kept in that
   * application's transaction so that a run of its job again confirms only then. Null: no STOP, or applied before
   * the decision was kept.
   */
  @Column({ type: 'boolean', nullable: true }) confirmOptOut!: boolean | null;
  @CreateDateColumn({ type: 'timestamptz' }) receivedAt!: Date;
}
