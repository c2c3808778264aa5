import { Clock } from '@app/common';
import { fastTransaction, tenantQuery, WorkflowNode, WORKFLOW_TRIGGERS, WorkflowTrigger } from '@app/db';
import { JobPayloads, OnJob, OnJobStalled, PermanentJobError } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { WorkflowGraph } from './workflow-definition';
import { WorkflowJobs } from './workflow-jobs';
import { NodeResult } from './workflow-node';
import { WorkflowNodeActions } from './workflow-node-actions';
import { FINAL_RUN_STATUSES, StepState, WorkflowRunsRepository } from './workflow-runs.repository';
import { WorkflowsRepository } from './workflows.repository';

/**
 * Runs workflows in the worker: a trigger job starts one run per active workflow of its event, then each node is a
 * `workflows.step` job that re-reads the run and its workflow, claims the node's step under the run's lock, acts,
 * and records the end with the next node's job. A wait is a delayed job. A deactivated workflow's runs stop at
 * their next step.
 */
@Injectable()
export class WorkflowRunner {
  private readonly logger = new Logger(WorkflowRunner.name);

  constructor(
    private readonly db: DataSource,
    private readonly workflows: WorkflowsRepository,
    private readonly runs: WorkflowRunsRepository,
    private readonly actions: WorkflowNodeActions,
    private readonly jobs: WorkflowJobs,
    private readonly clock: Clock,
  ) {}

  @OnJob('workflows.trigger')
  async trigger(payload: JobPayloads['workflows.trigger']): Promise<number> {
    const tenantId = payload.tenant_id;
    if (!(WORKFLOW_TRIGGERS as readonly string[]).includes(payload.event))
      throw new PermanentJobError(`Unknown workflow trigger ${payload.event}`);
    const event = payload.event as WorkflowTrigger;
    const leadId = await this.leadOf(tenantId, event, payload.subject_id);
    if (!leadId) return 0;
    const chain = (payload.chain ?? []).filter((id) => typeof id === 'string');
    const started = await this.runs.start(
      this.db.manager,
      tenantId,
      { name: event, id: payload.event_id, leadId, chain },
      this.clock.now(),
    );
    return this.jobs.steps(
      tenantId,
      started.map((r) => ({ runId: r.id, nodeId: r.node_id })),
    );
  }

  /**
   * A node's step. A step that throws is retried by Bull; when its last attempt throws too, the run (and its step)
   * end `failed` before the job lands in the failed set, instead of the run staying `running` for good.
   */
  @OnJob('workflows.step')
  async step(
    payload: JobPayloads['workflows.step'],
    job?: Pick<Job, 'id' | 'attemptsMade' | 'opts'>,
  ): Promise<string> {
    const reached: { node?: WorkflowNode } = {};
    try {
      return await this.runStep(payload, reached, job?.id === undefined ? undefined : String(job.id));
    } catch (err) {
      const attempts = job?.opts.attempts ?? 1;
      if (err instanceof PermanentJobError || !job || job.attemptsMade + 1 >= attempts)
        await this.failRun(
          payload,
          reached.node?.type,
          `Step ${payload.node_id} failed ${attempts === 1 ? 'once' : `${attempts} times`} with an unexpected error` +
            (job?.id !== undefined ? ` (job ${job.id})` : ''),
          err,
        );
      throw err;
    }
  }

  /**
   * A node's job Bull failed because its worker stopped mid-step too often (killed, out of memory): the step never
   * ended, so the run fails with it here instead of staying `running` (or `waiting`) for good.
   */
  @OnJobStalled('workflows.step')
  async stalled(payload: JobPayloads['workflows.step'], job: Pick<Job, 'id'>): Promise<void> {
    const workflowId = (await this.runs.findById(payload.tenant_id, payload.run_id))?.workflowId;
    const workflow = workflowId ? await this.workflows.findById(payload.tenant_id, workflowId) : null;
    const type = workflow?.nodes.find((n) => n.id === payload.node_id)?.type;
    await this.failRun(
      payload,
      type,
      `Step ${payload.node_id} did not finish: the worker running it stopped mid-step too many times (job ${job.id})`,
      new Error('stalled'),
    );
  }

  private async runStep(
    payload: JobPayloads['workflows.step'],
    reached: { node?: WorkflowNode },
    jobId: string | undefined,
  ): Promise<string> {
    const tenantId = payload.tenant_id;
    const now = this.clock.now();
    const run = await this.runs.findById(tenantId, payload.run_id);
    if (!run || FINAL_RUN_STATUSES.includes(run.status)) return 'ended';
    const workflow = await this.workflows.findById(tenantId, run.workflowId);
    if (!workflow) return 'ended';
    if (!workflow.active) {
      await this.runs.finish(tenantId, run.id, 'stopped', 'The workflow was deactivated', now);
      return 'stopped';
    }
    const graph = new WorkflowGraph(workflow.nodes, workflow.edges);
    const node = graph.node(payload.node_id);
    if (!node) {
      await this.runs.finish(
        tenantId,
        run.id,
        'failed',
        `The workflow changed: node ${payload.node_id} no longer exists`,
        now,
      );
      return 'failed';
    }
    reached.node = node;
    const step = await fastTransaction(this.db, async (tx) => {
      const status = await this.runs.lock(tx, tenantId, run.id);
      if (!status || FINAL_RUN_STATUSES.includes(status)) return null;
      return this.runs.claim(tx, tenantId, run.id, node, now);
    });
    if (!step) return 'ended';
    if (step.status === 'failed') return 'failed';
    if (step.status === 'done')
      return this.moveOn(tenantId, run.id, graph, node, step.detail.branch as string, now);
    if (step.status === 'waiting' && step.resume_at && step.resume_at.getTime() > now.getTime()) {
      await this.jobs.wake(tenantId, run.id, node.id, step.resume_at, jobId);
      return 'waiting';
    }
    const result = await this.actions.run({
      tenantId,
      workflowId: workflow.id,
      runId: run.id,
      leadId: run.leadId,
      chain: run.triggerChain,
      node,
      now,
    });
    return this.end(tenantId, run.id, graph, node, result, now, jobId);
  }

  /**
   * The step's job ended for good without the step ending (its last attempt threw, or it stalled too often): the
   * run fails with its step. The error's own text stays in the job and the worker's log (it may be SQL or a
   * stack's): the run's `error` names the job where an operator finds it.
   */
  private async failRun(
    payload: JobPayloads['workflows.step'],
    nodeType: string | undefined,
    error: string,
    err: unknown,
  ): Promise<void> {
    const nodeId = payload.node_id;
    try {
      await fastTransaction(this.db, (tx) =>
        this.runs.failStep(
          tx,
          payload.tenant_id,
          payload.run_id,
          { id: nodeId, type: nodeType ?? 'unknown' },
          error,
          this.clock.now(),
        ),
      );
    } catch (failure) {
      this.logger.error(
        { err: failure, cause: err, run_id: payload.run_id },
        'Workflow run not marked failed',
      );
    }
  }

  /** Records the node's end under the run's lock (unless another job ended it first), then queues what follows. */
  private async end(
    tenantId: string,
    runId: string,
    graph: WorkflowGraph,
    node: WorkflowNode,
    result: NodeResult,
    now: Date,
    jobId: string | undefined,
  ): Promise<string> {
    const next = result.status === 'done' ? graph.next(node.id, result.branch) : undefined;
    const ended = await fastTransaction(this.db, async (tx) => {
      if (result.status === 'done') await result.lock?.(tx);
      const status = await this.runs.lock(tx, tenantId, runId);
      if (!status || FINAL_RUN_STATUSES.includes(status)) return { after: undefined, ended: false };
      const [step] = await this.runs.read(tx, tenantId, runId, node.id);
      if (!step || !isOpen(step)) return { after: undefined, ended: false };
      const after = result.status === 'done' && result.write ? await result.write(tx) : undefined;
      await this.runs.end(
        tx,
        tenantId,
        runId,
        node.id,
        {
          status: result.status,
          outcome: result.outcome,
          detail: result.detail ?? {},
          resumeAt: result.status === 'waiting' ? result.resumeAt : null,
          run: {
            status:
              result.status === 'failed'
                ? 'failed'
                : result.status === 'waiting'
                  ? 'waiting'
                  : next
                    ? 'running'
                    : 'completed',
            error: result.status === 'failed' ? result.error : null,
            nodeId: node.id,
          },
        },
        now,
      );
      return { after, ended: true };
    });
    if (!ended.ended) return 'ended';
    if (ended.after) await ended.after();
    if (result.status === 'waiting') await this.jobs.wake(tenantId, runId, node.id, result.resumeAt, jobId);
    if (next) await this.jobs.steps(tenantId, [{ runId, nodeId: next }]);
    return result.status === 'done' ? (next ? 'next' : 'completed') : result.status;
  }

  /**
   * A step found done already (a retried or duplicated job, or a node the run reaches again after its workflow was
   * saved with its nodes reordered): its next node's job, queued again if it is not; none after it, and the run
   * standing at it, the run is completed (else it stayed `running` until the sweep failed it as a lost job).
   */
  private async moveOn(
    tenantId: string,
    runId: string,
    graph: WorkflowGraph,
    node: WorkflowNode,
    branch: string | undefined,
    now: Date,
  ): Promise<string> {
    const next = graph.next(node.id, branch);
    if (next) await this.jobs.steps(tenantId, [{ runId, nodeId: next }]);
    else await this.runs.completeAt(tenantId, runId, node.id, now);
    return 'done';
  }

  /** The lead an event is about: the lead itself, or the lead of the message received. */
  private async leadOf(tenantId: string, event: WorkflowTrigger, subjectId: string): Promise<string | null> {
    if (event !== 'message.received') return subjectId;
    const [row] = await tenantQuery<{ lead_id: string | null }>(
      this.db.manager,
      tenantId,
      `SELECT lead_id FROM messages WHERE tenant_id = $1 AND id = $2`,
      [subjectId],
    );
    return row?.lead_id ?? null;
  }
}

const isOpen = (step: StepState) => step.status === 'running' || step.status === 'waiting';
