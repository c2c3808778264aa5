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
import { AiAgentEntity } from './ai-agent.entity';
import { LeadEntity } from './lead.entity';
import { leadReference } from './lead-reference';
import { numericTransformer } from './numeric-column';
import { TenantEntity } from './tenant.entity';

export const AI_INTERACTION_KINDS = [
  'classification',
  'message',
  'auto_reply',
  'product_context',
  'agent_run',
  'test_prompt',
] as const;
export type AiInteractionKind = (typeof AI_INTERACTION_KINDS)[number];

/**
 * One model call (issue 7): what asked for it, which provider and model answered, with which prompt version, its
 * tokens, cost and latency, and whether it succeeded. The ledger of cost accounting and `analytics/ai-performance`.
 */
@Entity('ai_interactions')
@Check(
  'ck_ai_interactions_kind',
  `"kind" IN ('classification', 'message', 'auto_reply', 'product_context', 'agent_run', 'test_prompt')`,
)
@Index('ix_ai_interactions_tenant_created', ['tenantId', 'createdAt'])
@Index('ix_ai_interactions_tenant_agent', { synchronize: false })
@Index('ix_ai_interactions_tenant_lead', ['tenantId', 'leadId'])
export class AiInteractionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ai_interactions' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_ai_interactions_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 24 }) kind!: AiInteractionKind;
  @Column({ type: 'uuid', nullable: true }) agentId!: string | null;
  @ManyToOne(() => AiAgentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_ai_interactions_agent' })
  agent?: AiAgentEntity;
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  @ManyToOne(() => LeadEntity, { onDelete: 'SET NULL' })
  @JoinColumn(leadReference('fk_ai_interactions_lead'))
  lead?: LeadEntity;
  @Column({ type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'varchar', length: 16 }) provider!: string;
  @Column({ type: 'varchar', length: 100 }) model!: string;
  @Column({ type: 'varchar', length: 48, nullable: true }) promptVersion!: string | null;
  @Column({ type: 'jsonb', nullable: true }) input!: unknown;
  @Column({ type: 'jsonb', nullable: true }) output!: unknown;
  @Column({ type: 'boolean' }) success!: boolean;
  @Column({ type: 'boolean', nullable: true }) qualified!: boolean | null;
  @Column({ type: 'varchar', length: 48, nullable: true }) errorCode!: string | null;
  @Column({ type: 'integer', default: 0 }) inputTokens!: number;
  @Column({ type: 'integer', default: 0 }) outputTokens!: number;
  @Column({ type: 'numeric', default: 0, transformer: numericTransformer })
  costUsd!: number;
  @Column({ type: 'integer', default: 0 }) latencyMs!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
