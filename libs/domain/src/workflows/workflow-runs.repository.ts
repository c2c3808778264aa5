import type { PageWindow } from '@app/common';
import {
  SqlRunner,
  TenantRepository,
  tenantQuery,
  WorkflowRunEntity,
  WorkflowRunStatus,
  WorkflowRunStepEntity,
  WorkflowStepStatus,
  WorkflowTrigger,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';

/** A run's statuses it never leaves. */
export const FINAL_RUN_STATUSES: readonly WorkflowRunStatus[] = ['completed', 'failed', 'stopped'];

/** A run waiting for its first node's job (its trigger node). */
export interface StartedRun {
  id: string;
  node_id: string;
}

/** A run's step as the runner reads it under the run's lock. */
export interface StepState {
  status: WorkflowStepStatus;
  resume_at: Date | null;
  detail: Record<string, unknown>;
}

/** A run found `running` and not moved for a while, as the sweep reads it. */
export interface StrandedRun {
  id: string;
  tenant_id: string;
  workflow_id: string;
  current_node_id: string | null;
  updated_at: Date;
  step_status: WorkflowStepStatus | null;
  branch: string | null;
}

/** A run `waiting` whose wake-up time passed a while ago, as the sweep reads it. */
export interface OverdueRun {
  id: string;
  tenant_id: string;
  node_id: string;
  /** The run's `wake_at`, for the conditional re-queue. */
  wake_at: Date;
  /** Its waiting step's `resume_at`, which its wake-up job is keyed on. */
  resume_at: Date;
}

/** What a node's end writes: the step's outcome, and where the run stands after it. */
export interface StepEnd {
  status: WorkflowStepStatus;
  outcome: string;
  detail: Record<string, unknown>;
  resumeAt: Date | null;
  run: { status: WorkflowRunStatus; error: string | null; nodeId: string | null };
}

/** Workflow runs and their paths: every method takes the tenant first. */
@Injectable()
export class WorkflowRunsRepository extends TenantRepository<WorkflowRunEntity> {
  constructor(
    @InjectRepository(WorkflowRunEntity) repo: Repository<WorkflowRunEntity>,
    @InjectRepository(WorkflowRunStepEntity) private readonly steps: Repository<WorkflowRunStepEntity>,
  ) {
    super(repo);
  }

  /** A workflow's runs, newest first, each with its path in order. */
  async page(
    tenantId: string,
    workflowId: string,
    window: PageWindow,
  ): Promise<[{ run: WorkflowRunEntity; path: WorkflowRunStepEntity[] }[], number]> {
    const [runs, total] = await this.findPage(tenantId, window, { workflowId });
    const steps = runs.length
      ? await this.steps.find({
          where: { tenantId, runId: In(runs.map((r) => r.id)) },
          order: { seq: 'ASC' },
        })
      : [];
    return [runs.map((run) => ({ run, path: steps.filter((s) => s.runId === run.id) })), total];
  }

  /**
   * One run per active workflow of the tenant starting from `event`, for the lead, once per event id; answers
   * every run of the event not started yet (those this call made, and those a call that failed after making them
   * left without a job). A workflow in the event's `chain` (those whose runs' changes raised it) starts none.
   */
  async start(
    sql: SqlRunner,
    tenantId: string,
    event: { name: WorkflowTrigger; id: string; leadId: string; chain: readonly string[] },
    now: Date,
  ): Promise<StartedRun[]> {
    await tenantQuery(
      sql,
      tenantId,
      `INSERT INTO workflow_runs (tenant_id, workflow_id, lead_id, trigger_event, event_id, trigger_chain, status,
         current_node_id, started_at, created_at, updated_at)
       SELECT $1, w.id, $4::uuid, $2::varchar, $3::uuid, $6::uuid[], 'running',
              (SELECT n->>'id' FROM jsonb_array_elements(w.nodes) n WHERE n->>'type' = 'trigger' LIMIT 1),
              $5::timestamptz, $5::timestamptz, $5::timestamptz
         FROM workflows w
        WHERE w.tenant_id = $1 AND w.trigger_event = $2::varchar AND w.active AND w.id <> ALL($6::uuid[])
       ON CONFLICT (tenant_id, event_id, workflow_id) DO NOTHING`,
      [event.name, event.id, event.leadId, now, event.chain],
    );
    return tenantQuery<StartedRun>(
      sql,
      tenantId,
      `SELECT r.id, r.current_node_id AS node_id FROM workflow_runs r
        WHERE r.tenant_id = $1 AND r.event_id = $2 AND r.status = 'running' AND r.current_node_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM workflow_run_steps s WHERE s.tenant_id = $1 AND s.run_id = r.id)`,
      [event.id],
    );
  }

  /** The run's status, its row locked until `tx` ends: the steps of one run take turns. */
  async lock(tx: SqlRunner, tenantId: string, runId: string): Promise<WorkflowRunStatus | null> {
    const [row] = await tenantQuery<{ status: WorkflowRunStatus }>(
      tx,
      tenantId,
      `SELECT status FROM workflow_runs WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [runId],
    );
    return row?.status ?? null;
  }

  /** The node's step of the run, made (`running`, next in the path) when the run had not reached it yet. */
  async claim(
    tx: SqlRunner,
    tenantId: string,
    runId: string,
    node: { id: string; type: string },
    now: Date,
  ): Promise<StepState> {
    await tenantQuery(
      tx,
      tenantId,
      `INSERT INTO workflow_run_steps (tenant_id, run_id, node_id, node_type, seq, status, started_at)
       VALUES ($1, $2, $3, $4,
               (SELECT count(*) + 1 FROM workflow_run_steps WHERE tenant_id = $1 AND run_id = $2), 'running', $5)
       ON CONFLICT (tenant_id, run_id, node_id) DO NOTHING`,
      [runId, node.id, node.type.slice(0, 32), now],
    );
    const [step] = await this.read(tx, tenantId, runId, node.id);
    await tenantQuery(
      tx,
      tenantId,
      `UPDATE workflow_runs SET current_node_id = $3, updated_at = $4
        WHERE tenant_id = $1 AND id = $2 AND current_node_id IS DISTINCT FROM $3`,
      [runId, node.id, now],
    );
    return step;
  }

  read(tx: SqlRunner, tenantId: string, runId: string, nodeId: string): Promise<StepState[]> {
    return tenantQuery<StepState>(
      tx,
      tenantId,
      `SELECT status, resume_at, detail FROM workflow_run_steps WHERE tenant_id = $1 AND run_id = $2 AND node_id = $3`,
      [runId, nodeId],
    );
  }

  /** The node's end (or its wait), and where the run stands after it. */
  async end(
    tx: SqlRunner,
    tenantId: string,
    runId: string,
    nodeId: string,
    end: StepEnd,
    now: Date,
  ): Promise<void> {
    const finished = end.status === 'done' || end.status === 'failed' ? now : null;
    await tenantQuery(
      tx,
      tenantId,
      `UPDATE workflow_run_steps SET status = $4, outcome = $5, detail = $6::jsonb, resume_at = $7, finished_at = $8
        WHERE tenant_id = $1 AND run_id = $2 AND node_id = $3`,
      [
        runId,
        nodeId,
        end.status,
        end.outcome.slice(0, 64),
        JSON.stringify(end.detail),
        end.resumeAt,
        finished,
      ],
    );
    const final = FINAL_RUN_STATUSES.includes(end.run.status);
    await tenantQuery(
      tx,
      tenantId,
      `UPDATE workflow_runs SET status = $3, error = $4, current_node_id = $5, finished_at = $6, updated_at = $7,
              wake_at = $8
        WHERE tenant_id = $1 AND id = $2`,
      [
        runId,
        end.run.status,
        end.run.error?.slice(0, 300) ?? null,
        end.run.nodeId,
        final ? now : null,
        now,
        end.run.status === 'waiting' ? end.resumeAt : null,
      ],
    );
  }

  /**
   * The node's step could not be run (its job's last attempt threw, or its job is gone): the step (made if the run
   * had not reached it) and the run end `failed` with `error`, unless the run ended already, or (`seen` given: the
   * run's `updated_at` when it was found stranded) moved since. Idempotent.
   */
  async failStep(
    tx: SqlRunner,
    tenantId: string,
    runId: string,
    node: { id: string; type: string },
    error: string,
    now: Date,
    seen?: Date,
  ): Promise<boolean> {
    const [run] = await tenantQuery<{ status: WorkflowRunStatus; updated_at: Date }>(
      tx,
      tenantId,
      `SELECT status, updated_at FROM workflow_runs WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [runId],
    );
    if (!run || FINAL_RUN_STATUSES.includes(run.status)) return false;
    if (seen && run.updated_at.getTime() !== seen.getTime()) return false;
    await tenantQuery(
      tx,
      tenantId,
      `INSERT INTO workflow_run_steps (tenant_id, run_id, node_id, node_type, seq, status, outcome, started_at,
         finished_at)
       VALUES ($1, $2, $3, $4,
               (SELECT count(*) + 1 FROM workflow_run_steps WHERE tenant_id = $1 AND run_id = $2), 'failed',
               'error', $5, $5)
       ON CONFLICT (tenant_id, run_id, node_id) DO UPDATE SET status = 'failed', outcome = 'error', finished_at = $5
         WHERE workflow_run_steps.status IN ('running', 'waiting')`,
      [runId, node.id, node.type.slice(0, 32), now],
    );
    await tenantQuery(
      tx,
      tenantId,
      `UPDATE workflow_runs SET status = 'failed', error = $3, current_node_id = $4, finished_at = $5, updated_at = $5
        WHERE tenant_id = $1 AND id = $2`,
      [runId, error.slice(0, 300), node.id, now],
    );
    return true;
  }

  /**
   * Runs of every tenant left `running` since before `before`, oldest first, with the step at their current node
   * (none for a trigger node not reached yet): what the sweep of stranded runs looks at.
   */
  stranded(before: Date, limit: number): Promise<StrandedRun[]> {
    return this.repo.manager.query(
      `SELECT r.id, r.tenant_id, r.workflow_id, r.current_node_id, r.updated_at, s.status AS step_status,
              s.detail->>'branch' AS branch
         FROM workflow_runs r
         LEFT JOIN workflow_run_steps s ON s.tenant_id = r.tenant_id AND s.run_id = r.id AND s.node_id = r.current_node_id
        WHERE r.status = 'running' AND r.updated_at < $1
        ORDER BY r.updated_at
        LIMIT $2`,
      [before, limit],
    );
  }

  /**
   * Runs of every tenant `waiting` whose wake-up time is before `before`, oldest first, with their waiting step's
   * node and `resume_at`: those whose wake-up job may have been lost, for the sweep to look at.
   */
  overdue(before: Date, limit: number): Promise<OverdueRun[]> {
    return this.repo.manager.query(
      `SELECT r.id, r.tenant_id, r.current_node_id AS node_id, r.wake_at, coalesce(s.resume_at, r.wake_at) AS resume_at
         FROM workflow_runs r
         JOIN workflow_run_steps s ON s.tenant_id = r.tenant_id AND s.run_id = r.id AND s.node_id = r.current_node_id
        WHERE r.status = 'waiting' AND r.wake_at < $1 AND s.status = 'waiting'
        ORDER BY r.wake_at
        LIMIT $2`,
      [before, limit],
    );
  }

  /**
   * An overdue run's waiting step made due `now` (its `resume_at`, and the run's `wake_at`), only if the run is still
   * waiting with the wake-up time `seen` when it was found: of two sweeps at once (or a hand-back meanwhile) one
   * alone takes it, the run's row lock held by the statement. Answers the step's node, or null when not taken.
   */
  async rewake(tenantId: string, runId: string, seen: Date, now: Date): Promise<string | null> {
    const [row] = await tenantQuery<{ node_id: string }>(
      this.repo.manager,
      tenantId,
      `WITH run AS (
         UPDATE workflow_runs SET wake_at = $4
          WHERE tenant_id = $1 AND id = $2 AND status = 'waiting' AND wake_at = $3
          RETURNING id, current_node_id)
       UPDATE workflow_run_steps s SET resume_at = $4
         FROM run
        WHERE s.tenant_id = $1 AND s.run_id = run.id AND s.node_id = run.current_node_id AND s.status = 'waiting'
        RETURNING s.node_id`,
      [runId, seen, now],
    );
    return row?.node_id ?? null;
  }

  /** The run ends before its node acts (its workflow deactivated, or changed under it). */
  /**
   * The workflow was deactivated: its runs under way (waiting ones too) stop now, so turning it on again later does
   * not bring them back. A step being run at this moment ends as it would have, and the run stays stopped.
   */
  async stopAll(tenantId: string, workflowId: string, now: Date): Promise<number> {
    const rows = await tenantQuery<{ id: string }>(
      this.repo.manager,
      tenantId,
      `UPDATE workflow_runs SET status = 'stopped', error = 'The workflow was deactivated', finished_at = $3,
              updated_at = $3
        WHERE tenant_id = $1 AND workflow_id = $2 AND status IN ('running', 'waiting')
       RETURNING id`,
      [workflowId, now],
    );
    return rows.length;
  }

  /**
   * The run stands at `nodeId`, a step already done with nothing after it (its workflow was saved with that node
   * last since the step ran): it is over, completed. A run that stands elsewhere is left alone.
   */
  async completeAt(tenantId: string, runId: string, nodeId: string, now: Date): Promise<void> {
    await tenantQuery(
      this.repo.manager,
      tenantId,
      `UPDATE workflow_runs SET status = 'completed', error = NULL, finished_at = $4, updated_at = $4
        WHERE tenant_id = $1 AND id = $2 AND status IN ('running', 'waiting') AND current_node_id = $3`,
      [runId, nodeId, now],
    );
  }

  async finish(
    tenantId: string,
    runId: string,
    status: WorkflowRunStatus,
    error: string,
    now: Date,
  ): Promise<void> {
    await tenantQuery(
      this.repo.manager,
      tenantId,
      `UPDATE workflow_runs SET status = $3, error = $4, finished_at = $5, updated_at = $5
        WHERE tenant_id = $1 AND id = $2 AND status IN ('running', 'waiting')`,
      [runId, status, error.slice(0, 300), now],
    );
  }
}
