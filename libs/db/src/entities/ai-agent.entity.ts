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

export const AI_AGENT_STATUSES = ['active', 'inactive'] as const;
export type AiAgentStatus = (typeof AI_AGENT_STATUSES)[number];

/** `config` of an AI agent (seed 004). */
export interface AiAgentConfig {
  model?: string;
  temperature?: number;
  max_tokens?: number;
  system_prompt?: string;
}

/** An AI agent (seed 004): a named role with capabilities and model settings; DELETE archives it. */
@Entity('ai_agents')
@Check('ck_ai_agents_status', `"status" IN ('active', 'inactive')`)
@Index('uq_ai_agents_tenant_name', { synchronize: false })
export class AiAgentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ai_agents' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_ai_agents_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'varchar', length: 32 }) type!: string;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: AiAgentStatus;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) capabilities!: string[];
  @Column({ type: 'jsonb', default: () => "'{}'" }) config!: AiAgentConfig;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_ai_agents_created_by' })
  creator?: UserEntity;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
