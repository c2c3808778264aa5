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
import { AgentGroupEntity } from './agent-group.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export const AGENT_STATUSES = ['available', 'busy', 'offline', 'break'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** Seed 001's weekly hours: `{ monday: { start: "09:00", end: "17:00" }, ... }` in the agent's zone. */
export type WorkingHours = Partial<Record<string, { start: string; end: string }>>;

/**
 * A human agent who takes calls (seed 001). `status_changed_at` orders "longest idle first"; `wrap_up_until` is
 * the end of the after-call work the dialer gives them; `live_call_sid` is their live leg (a softphone or a phone
 * called once when they went available) waiting in their own conference `agent_<id>` for the next lead;
 * `presence_pending_at` holds them from the dialer until that leg is placed.
 */
@Entity('agents')
@Check('ck_agents_status', `"status" IN ('available', 'busy', 'offline', 'break')`)
@Check('ck_agents_current_calls', `"current_calls" >= 0`)
@Index('ix_agents_tenant_status', ['tenantId', 'status', 'statusChangedAt'])
@Index('ix_agents_tenant_group', ['tenantId', 'agentGroupId'])
@Index('ix_agents_wrap_up', ['wrapUpUntil'], { where: '"wrap_up_until" IS NOT NULL' })
@Index('uq_agents_tenant_user', ['tenantId', 'userId'], { unique: true, where: '"user_id" IS NOT NULL' })
export class AgentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agents' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_agents_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid', nullable: true }) userId!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_agents_user' })
  user?: UserEntity;
  @Column({ type: 'uuid', nullable: true }) agentGroupId!: string | null;
  @ManyToOne(() => AgentGroupEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agent_group_id', foreignKeyConstraintName: 'fk_agents_group' })
  agentGroup?: AgentGroupEntity;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  /** E.164; the number the dialer calls for the agent's leg. */
  @Column({ type: 'varchar', length: 32, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'offline' }) status!: AgentStatus;
  @Column({ type: 'smallint', default: 1 }) maxConcurrentCalls!: number;
  @Column({ type: 'smallint', default: 0 }) currentCalls!: number;
  @Column({ type: 'integer', default: 0 }) totalCallsHandled!: number;
  @Column({ type: 'integer', default: 0 }) totalCallDurationSeconds!: number;
  @Column({ type: 'jsonb', nullable: true }) workingHours!: WorkingHours | null;
  /** The zone of `working_hours`; else the tenant's. */
  @Column({ type: 'varchar', length: 64, nullable: true }) timezone!: string | null;
  @Column({ type: 'boolean', default: true }) isActive!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) statusChangedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) wrapUpUntil!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) liveCallSid!: string | null;
  /** Set when they become available, cleared once the dialer has placed their live leg or found they need none. */
  @Column({ type: 'timestamptz', nullable: true }) presencePendingAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastActiveAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
