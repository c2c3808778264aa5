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

/** The catalogue's integrations (their ids are the `:id` of `POST integrations/:id/connect|disconnect`). */
export const INTEGRATION_TYPES = ['slack', 'zapier'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

/** `disconnected` is also what the list shows for a catalogue entry the tenant never connected. */
export const INTEGRATION_STATUSES = ['connected', 'error', 'disconnected'] as const;
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

/** What an integration is sent (seed 004's `dataTypes`). */
export const INTEGRATION_DATA_TYPES = ['leads', 'messages', 'imports'] as const;
export type IntegrationDataType = (typeof INTEGRATION_DATA_TYPES)[number];

/** What the API shows of the credentials: masked, never more than their last four characters. */
export type IntegrationCredentialsHint = Record<string, string>;

/**
 * A tenant's connection to a catalogue integration (seed 004): one row per (tenant, type), made by its first
 * connect and kept by a disconnect (which clears its credentials), so `last_sync` outlives a reconnection.
 * Credentials are sealed with SecretBox and never selected unless asked for.
 */
@Entity('integrations')
@Check('ck_integrations_status', `"status" IN ('connected', 'error', 'disconnected')`)
@Index('uq_integrations_tenant_type', ['tenantId', 'type'], { unique: true })
export class IntegrationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_integrations_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 32 }) type!: IntegrationType;
  @Column({ type: 'varchar', length: 16 }) status!: IntegrationStatus;
  /** What it is sent (looked up when an event happens). */
  @Column({ type: 'text', array: true }) dataTypes!: IntegrationDataType[];
  /** Its other settings (a Slack channel, the sync frequency). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) config!: Record<string, unknown>;
  /** SecretBox-sealed JSON of the credentials; null once disconnected. */
  @Column({ type: 'text', nullable: true, select: false }) credentialsSealed!: string | null;
  @Column({ type: 'jsonb', nullable: true }) credentialsHint!: IntegrationCredentialsHint | null;
  /** The last delivery it took. */
  @Column({ type: 'timestamptz', nullable: true }) lastSync!: Date | null;
  /** Why the last delivery failed for good (our words: never the receiver's answer), until one succeeds. */
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) errorAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) connectedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) connectedById!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
