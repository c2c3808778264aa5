import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';

export const DNC_CHANNELS = ['all', 'sms', 'whatsapp', 'voice', 'email', 'telegram'] as const;
export type DncChannel = (typeof DNC_CHANNELS)[number];
export const DNC_REASONS = ['stop_keyword', 'manual', 'import', 'complaint', 'erasure', 'bounce'] as const;
export type DncReason = (typeof DNC_REASONS)[number];

@Entity('dnc_entries')
@Check('ck_dnc_entries_address', `"phone_normalized" IS NOT NULL OR "email" IS NOT NULL`)
@Check('ck_dnc_entries_channel', `"channel" IN ('all', 'sms', 'whatsapp', 'voice', 'email', 'telegram')`)
@Check(
  'ck_dnc_entries_reason',
  `"reason" IN ('stop_keyword', 'manual', 'import', 'complaint', 'erasure', 'bounce')`,
)
@Index('uq_dnc_entries_phone', { synchronize: false })
@Index('uq_dnc_entries_email', { synchronize: false })
@Index('ix_dnc_entries_tenant_created', ['tenantId', 'createdAt'])
export class DncEntryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_dnc_entries' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_dnc_entries_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 20, nullable: true }) phoneNormalized!: string | null;
  /** Lower-cased. */
  @Column({ type: 'varchar', length: 320, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'all' }) channel!: DncChannel;
  @Column({ type: 'varchar', length: 32, default: 'manual' }) reason!: DncReason;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  /**
   * The person's own opt-out made it (their STOP or unsubscribe): kept when a listing takes it over, so removing it
   * stays the admin's.
   */
  @Column({ type: 'boolean', default: false }) optedOutByPerson!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
