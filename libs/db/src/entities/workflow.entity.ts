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

/** The events a workflow can start from: those the product already raises for outbound webhooks. */
export const WORKFLOW_TRIGGERS = [
  'lead.created',
  'lead.updated',
  'lead.qualified',
  'message.received',
] as const;
export type WorkflowTrigger = (typeof WORKFLOW_TRIGGERS)[number];

export const WORKFLOW_RUN_STATUSES = ['running', 'waiting', 'completed', 'failed', 'stopped'] as const;
export type WorkflowRunStatus = (typeof WORKFLOW_RUN_STATUSES)[number];

export const WORKFLOW_STEP_STATUSES = ['running', 'waiting', 'done', 'failed'] as const;
export type WorkflowStepStatus = (typeof WORKFLOW_STEP_STATUSES)[number];

/** A React Flow node as the dashboard saves it (fields beyond these are kept as sent). */
export interface WorkflowNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: Record<string, unknown>;
  [key: string]: unknown;
}

/** A React Flow edge; a condition's edges leave from its `true` or `false` handle (`sourceHandle`). */
export interface WorkflowEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  [key: string]: unknown;
}

/**
 * A tenant's automation (seed 000's Workflows): a React Flow graph of one trigger node and the steps after it.
 * `trigger_event` is the trigger node's event, kept in a column so an event finds its active workflows by index.
 */
@Entity('workflows')
@Index('ix_workflows_tenant_created', ['tenantId', 'createdAt'])
/** Migration 1769000000000: the active workflows of a trigger, read for each event the tenant raises. */
@Index('ix_workflows_tenant_trigger_active', { synchronize: false })
export class WorkflowEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_workflows_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 1000, nullable: true }) description!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) triggerEvent!: WorkflowTrigger | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) nodes!: WorkflowNode[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) edges!: WorkflowEdge[];
  @Column({ type: 'boolean', default: false }) active!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) activatedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * One run of a workflow for one event: the lead it is about (no key: the lead row may go; its erasure clears it),
 * where it stands, and how it ended. One run per (workflow, event id): a trigger that runs again starts none twice.
 */
@Entity('workflow_runs')
@Check('ck_workflow_runs_status', `"status" IN ('running', 'waiting', 'completed', 'failed', 'stopped')`)
@Index('uq_workflow_runs_tenant_event_workflow', ['tenantId', 'eventId', 'workflowId'], { unique: true })
@Index('ix_workflow_runs_tenant_workflow_created', ['tenantId', 'workflowId', 'createdAt'])
/** Migration 1769000000000: a lead's runs, for its erasure. */
@Index('ix_workflow_runs_tenant_lead', { synchronize: false })
/** Migration 1769240000000: the runs still running, oldest first, for the sweep of stranded runs. */
@Index('ix_workflow_runs_running_updated', { synchronize: false })
/** Migration 1769360000000: the waiting runs by their wake-up time, for the same sweep. */
@Index('ix_workflow_runs_waiting_wake', { synchronize: false })
export class WorkflowRunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) workflowId!: string;
  @ManyToOne(() => WorkflowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workflow_id', foreignKeyConstraintName: 'fk_workflow_runs_workflow' })
  workflow?: WorkflowEntity;
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  @Column({ type: 'varchar', length: 32 }) triggerEvent!: WorkflowTrigger;
  /** The event that started the run: the id a trigger job carries. */
  @Column({ type: 'uuid' }) eventId!: string;
  /**
   * The workflows whose runs' changes led to this run (an update_lead's `lead.updated`), oldest first; an event a
   * run raises never starts a run of a workflow in its chain or of its own (migration 1769150000000).
   */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) triggerChain!: string[];
  @Column({ type: 'varchar', length: 16, default: 'running' }) status!: WorkflowRunStatus;
  @Column({ type: 'varchar', length: 100, nullable: true }) currentNodeId!: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) error!: string | null;
  /** While `waiting`: when its waiting step goes on (the step's `resume_at`), which its wake-up job is keyed on. */
  @Column({ type: 'timestamptz', nullable: true }) wakeAt!: Date | null;
  @Column({ type: 'timestamptz' }) startedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * One node a run visited: its path, in order (`seq`). One row per (run, node), claimed before the node acts: a
 * retried or duplicated job finds it and never acts twice. `detail` holds ids and outcomes, never a lead's words.
 */
@Entity('workflow_run_steps')
@Check('ck_workflow_run_steps_status', `"status" IN ('running', 'waiting', 'done', 'failed')`)
@Index('uq_workflow_run_steps_tenant_run_node', ['tenantId', 'runId', 'nodeId'], { unique: true })
export class WorkflowRunStepEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @Column({ type: 'uuid' }) runId!: string;
  @ManyToOne(() => WorkflowRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_workflow_run_steps_run' })
  run?: WorkflowRunEntity;
  @Column({ type: 'varchar', length: 100 }) nodeId!: string;
  @Column({ type: 'varchar', length: 32 }) nodeType!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 16, default: 'running' }) status!: WorkflowStepStatus;
  @Column({ type: 'varchar', length: 64, nullable: true }) outcome!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail!: Record<string, unknown>;
  @Column({ type: 'timestamptz', nullable: true }) resumeAt!: Date | null;
  @Column({ type: 'timestamptz' }) startedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
