import { Clock } from '@app/common';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';

/** The job id of a run's step at a node: a node's job is queued once while it waits or runs. */
export const workflowStepJobId = (runId: string, nodeId: string) => `workflow:${runId}:${nodeId}`;

/**
 * The job id of a waiting step's wake-up at `at` (its `resume_at`): the sweep of stranded runs finds it from the
 * step alone, and a wake-up asked twice for the same time is queued once.
 */
export const workflowWakeJobId = (runId: string, nodeId: string, at: Date) =>
  `workflow-wake:${runId}:${at.getTime()}:${nodeId}`;

/** The `workflows.step` jobs that move runs on: a node's step, or a waiting step's wake-up, each under its id. */
@Injectable()
export class WorkflowJobs {
  constructor(
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  /** Each node's step job, queued unless it is waiting or running already. Answers how many were queued. */
  steps(tenantId: string, steps: readonly { runId: string; nodeId: string }[]): Promise<number> {
    return this.jobs.ensureMany(
      'workflows.step',
      steps.map((s) => ({
        payload: { tenant_id: tenantId, run_id: s.runId, node_id: s.nodeId },
        jobId: workflowStepJobId(s.runId, s.nodeId),
      })),
    );
  }

  /**
   * The node's job again at `at`, delayed in Bull (durable: Redis keeps it across restarts), under its wake-up id.
   * `running`: the id of the job asking, when it is that very wake-up (run early: its clock behind the one that
   * promoted it), which cannot be queued again while it runs: the next one then goes under a fresh id, and the sweep
   * still finds the run should that one be lost.
   */
  async wake(tenantId: string, runId: string, nodeId: string, at: Date, running?: string): Promise<void> {
    const payload = { tenant_id: tenantId, run_id: runId, node_id: nodeId };
    const jobId = workflowWakeJobId(runId, nodeId, at);
    const delay = Math.max(0, at.getTime() - this.clock.nowMs());
    if (jobId === running) await this.jobs.enqueue('workflows.step', payload, { delay });
    else await this.jobs.ensureMany('workflows.step', [{ payload, jobId }], { delay });
  }
}
