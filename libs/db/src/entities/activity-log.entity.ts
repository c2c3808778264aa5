import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('activity_log')
@Index('ix_activity_log_tenant_created', ['tenantId', 'createdAt'])
export class ActivityLogEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'varchar', length: 64 }) type!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'varchar', length: 32, default: 'success' }) status!: string;
  @Column({ type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ type: 'uuid', nullable: true }) actorApiKeyId!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) data!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
