import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { fastTransaction } from '@app/db';
import { JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkflowGraph } from './workflow-definition';
import { WorkflowJobs, workflowStepJobId, workflowWakeJobId } from './workflow-jobs';
import { OverdueRun, StrandedRun, WorkflowRunsRepository } from './workflow-runs.repository';
import { WorkflowsRepository } from './workflows.repository';

/** Runs looked at per sweep; the rest wait for the next. */
const SWEEP_RUNS = 100;

/** The node a stranded run's job should be for, and its type where the workflow still has it. */
interface Due {
  run: StrandedRun;
  node: { id: string; type: string };
}

/**
 * The `workflows.sweep` job (repeating, added by the worker): a run moves on only through its step's job. A job
 * lost from Redis (a flush, a restart without persistence), or failed by Bull while the worker that would have
 * recorded it died (OnJobStalled and the step's last attempt fail the run themselves), would leave the run
 * `running` for good. A run that has not moved for WORKFLOW_SWEEP_AGE_MS and has no job waiting, delayed or running
 * for its step (its current node's, or the next node's once the current one is done) fails, saying so. Each
 * failure is taken under the run's lock and only if the run has not moved since it was read, so two sweeps at once
 * (or a step's job that turned up meanwhile) never handle a run twice.
 *
 * A run `waiting` goes on through its wake-up job (keyed on the step's `resume_at`). One whose wake-up time is
 * WORKFLOW_SWEEP_AGE_MS past with neither that job nor its step's job waiting, delayed or running lost it: the wait
 * itself was fine, so the run goes on (its step made due now and its wake-up queued), once, whichever sweep takes it.
 */
@Injectable()
export class WorkflowRunsSweeper {
  private readonly logger = new Logger(WorkflowRunsSweeper.name);

  constructor(
    private readonly db: DataSource,
    private readonly workflows: WorkflowsRepository,
    private readonly runs: WorkflowRunsRepository,
    private readonly jobs: JobProducer,
    private readonly wakeups: WorkflowJobs,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Answers how many runs it failed, and how many waiting runs it woke. */
  @OnJob('workflows.sweep')
  async sweep(): Promise<{ failed: number; woken: number }> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - this.config.workflowSweep.ageMs);
    return { failed: await this.failStranded(now, before), woken: await this.wakeOverdue(now, before) };
  }

  private async failStranded(now: Date, before: Date): Promise<number> {
    const stranded = await this.runs.stranded(before, SWEEP_RUNS);
    if (!stranded.length) return 0;
    const due = await Promise.all(stranded.map((run) => this.dueNode(run)));
    const pending = await this.jobs.pending(
      'workflows.step',
      due.map((d) => workflowStepJobId(d.run.id, d.node.id)),
    );
    let failed = 0;
    for (const { run, node } of due) {
      if (pending.has(workflowStepJobId(run.id, node.id))) continue;
      const error =
        `Step ${node.id} never ran to its end: no job is waiting or running for it ` +
        `(lost from the queue, or failed with no worker left to record it)`;
      const done = await fastTransaction(this.db, (tx) =>
        this.runs.failStep(tx, run.tenant_id, run.id, node, error, now, run.updated_at),
      );
      if (done) failed += 1;
    }
    if (failed) this.logger.warn({ runs: failed }, 'Workflow runs failed: their step jobs were gone');
    return failed;
  }

  private async wakeOverdue(now: Date, before: Date): Promise<number> {
    const overdue = await this.runs.overdue(before, SWEEP_RUNS);
    if (!overdue.length) return 0;
    const jobIds = (r: OverdueRun) => [
      workflowStepJobId(r.id, r.node_id),
      workflowWakeJobId(r.id, r.node_id, r.resume_at),
    ];
    const pending = await this.jobs.pending('workflows.step', overdue.flatMap(jobIds));
    let woken = 0;
    for (const run of overdue) {
      if (jobIds(run).some((id) => pending.has(id))) continue;
      const nodeId = await this.runs.rewake(run.tenant_id, run.id, run.wake_at, now);
      if (!nodeId) continue;
      await this.wakeups.wake(run.tenant_id, run.id, nodeId, now);
      woken += 1;
    }
    if (woken) this.logger.warn({ runs: woken }, 'Waiting workflow runs woken: their wake-up jobs were gone');
    return woken;
  }

  /** The node whose job moves the run on: its current node's, or the next one's once the current one is done. */
  private async dueNode(run: StrandedRun): Promise<Due> {
    const workflow = await this.workflows.findById(run.tenant_id, run.workflow_id);
    const graph = workflow ? new WorkflowGraph(workflow.nodes, workflow.edges) : null;
    const current = run.current_node_id ?? 'unknown';
    const id =
      run.step_status === 'done' ? (graph?.next(current, run.branch ?? undefined) ?? current) : current;
    return { run, node: { id, type: graph?.node(id)?.type ?? 'unknown' } };
  }
}
