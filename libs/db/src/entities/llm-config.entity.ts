import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';

export const LLM_PROVIDERS = ['local', 'openai'] as const;
export type LlmProviderChoice = (typeof LLM_PROVIDERS)[number];

/**
 * A tenant's LLM (issue 7, `PATCH llm/providers`): the provider, its model, an OpenAI-compatible base URL and API
 * style, and the API key sealed with SecretBox (never returned). No row: the platform's default.
 */
@Entity('llm_configs')
@Check('ck_llm_configs_provider', `"provider" IN ('local', 'openai')`)
@Check('ck_llm_configs_api_style', `"api_style" IN ('chat', 'responses')`)
export class LlmConfigEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_llm_configs' }) tenantId!: string;
  @OneToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_llm_configs_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 16 }) provider!: LlmProviderChoice;
  @Column({ type: 'varchar', length: 100 }) model!: string;
  @Column({ type: 'text', nullable: true }) baseUrl!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'chat' }) apiStyle!: 'chat' | 'responses';
  /** SecretBox-sealed API key; null when none is set. */
  @Column({ type: 'text', nullable: true, select: false }) credentialsSealed!: string | null;
  /** Temperature, max tokens and the like. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) settings!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
