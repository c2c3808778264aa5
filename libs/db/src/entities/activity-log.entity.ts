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

@Entity('activity_log')
@Index('ix_activity_log_tenant_created', ['tenantId', 'createdAt', 'seq'])
/** Migration 1767700000000: (tenant_id, data->>'lead_id') WHERE data ? 'lead_id', for erasure's look-up. */
@Index('ix_activity_log_lead', { synchronize: false })
export class ActivityLogEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Insertion order: breaks ties between entries of the same instant (one transaction, a still test clock). */
  @Column({
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    generated: 'identity',
    insert: false,
    update: false,
    select: false,
  })
  seq!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_activity_log_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 64 }) type!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'varchar', length: 32, default: 'success' }) status!: string;
  @Column({ type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ type: 'uuid', nullable: true }) actorApiKeyId!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
