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

export const CHANNELS = ['sms', 'whatsapp', 'voice', 'email', 'telegram'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_PROVIDERS = ['twilio', 'whatsapp_cloud', 'telegram', 'smtp', 'simulator'] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

/**
 * A tenant's provider for one channel (DESIGN §3 key shapes). Credentials are sealed with SecretBox
 * (AES-256-GCM) and never returned. `webhook_key` is a random routing key put into the webhook URLs the
 * provider calls, so a webhook finds its tenant before it checks the signature.
 */
@Entity('channel_configs')
@Check('ck_channel_configs_channel', `"channel" IN ('sms', 'whatsapp', 'voice', 'email', 'telegram')`)
@Check(
  'ck_channel_configs_provider',
  `"provider" IN ('twilio', 'whatsapp_cloud', 'telegram', 'smtp', 'simulator')`,
)
@Index('uq_channel_configs_channel', { synchronize: false })
@Index('uq_channel_configs_webhook_key', { synchronize: false })
export class ChannelConfigEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_channel_configs' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_channel_configs_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 16 }) channel!: Channel;
  @Column({ type: 'varchar', length: 32 }) provider!: ChannelProvider;
  /** SecretBox-sealed JSON of the provider's credentials; null for the simulator. */
  @Column({ type: 'text', nullable: true, select: false }) credentialsSealed!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) settings!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 64 }) webhookKey!: string;
  /** Raised by every change under the row's lock: what adapters built from the config are cached by. */
  @Column({ type: 'integer', default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
