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
import type { WebhookEventName } from './webhook-endpoint.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One POST of a delivery: when, what the receiver answered (or why none came), how long it took. */
export interface WebhookAttempt {
  attempt: number;
  at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  /** The first bytes of the receiver's answer, never more (WEBHOOK_RESPONSE_EXCERPT_BYTES). */
  response_excerpt: string | null;
}

/**
 * One event for one endpoint: the body every attempt sends (the same event id, data and event time; each attempt
 * adds its own `sent_at` and signature), its status and each attempt. One row per (endpoint, event id): a dispatch
 * that runs again adds nothing.
 */
@Entity('webhook_deliveries')
@Check('ck_webhook_deliveries_status', `"status" IN ('pending', 'delivered', 'failed')`)
@Index('ix_webhook_deliveries_tenant_endpoint_created', ['tenantId', 'endpointId', 'createdAt'])
@Index('uq_webhook_deliveries_tenant_endpoint_event', ['tenantId', 'endpointId', 'eventId'], { unique: true })
/** Migration 1768960000000: those about a lead, for its erasure. */
@Index('ix_webhook_deliveries_tenant_lead', { synchronize: false })
/** Migration 1769030000000: finished ones by age, for the retention sweep (platform-wide). */
@Index('ix_webhook_deliveries_finished_created', { synchronize: false })
@Index('ix_webhook_deliveries_tenant_endpoint_status_created', [
  'tenantId',
  'endpointId',
  'status',
  'createdAt',
])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) endpointId!: string;
  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_webhook_deliveries_endpoint' })
  endpoint?: WebhookEndpointEntity;
  @Column({ type: 'varchar', length: 32 }) event!: WebhookEventName;
  /** The event's id, the same for every endpoint and attempt: what a receiver dedupes on. */
  @Column({ type: 'uuid' }) eventId!: string;
  /** The lead the body is about, when one: its erasure scrubs the body (no key: the lead row may go). */
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  /** The body without what each attempt adds (`{ id, event, data, timestamp }`; then `sent_at`, `signature`). */
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: WebhookDeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attemptCount!: number;
  @Column({ type: 'integer', nullable: true }) lastStatusCode!: number | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) lastError!: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) attempts!: WebhookAttempt[];
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
