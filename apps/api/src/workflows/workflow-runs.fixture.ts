import { JobProducer, QueueName } from '@app/queues';
import { TestApi, TestTenant, TestWorker, waitFor } from '@app/testing';

export type WorkflowNodeInput = { id: string; type: string; data: Record<string, unknown> };

/** A run as GET workflows/:id/runs lists it. */
export interface ListedRun {
  id: string;
  lead_id: string | null;
  status: string;
  error: string | null;
  trigger_event: string;
  path: { node_id: string; status: string; outcome: string; detail: Record<string, unknown> }[];
}

export const triggerNode: WorkflowNodeInput = { id: 't', type: 'trigger', data: {} };
export const smsNode = (body: string): WorkflowNodeInput => ({
  id: 'send',
  type: 'send_message',
  data: { channel: 'sms', body },
});
export const waitNode: WorkflowNodeInput = {
  id: 'wait',
  type: 'wait',
  data: { delay: { value: 2, unit: 'hours' } },
};

/** A workflow of `nodes` in a line (a condition's next node on its `true` handle), saved and activated. */
export async function activeWorkflow(
  api: TestApi,
  tenant: TestTenant,
  trigger: string,
  nodes: WorkflowNodeInput[],
  edges?: Record<string, unknown>[],
): Promise<string> {
  const res = await api.http
    .post('/api/workflows')
    .set(tenant.admin.headers)
    .send({
      name: `Flow ${trigger}`,
      trigger,
      nodes: nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 100 } })),
      edges:
        edges ??
        nodes.slice(1).map((n, i) => ({
          id: `e${i}`,
          source: nodes[i].id,
          target: n.id,
          ...(nodes[i].type === 'condition' ? { sourceHandle: 'true' } : {}),
        })),
    });
  expect(res.status).toBe(201);
  const on = await api.http.post(`/api/workflows/${res.body.data.id}/activate`).set(tenant.admin.headers);
  expect(on.status).toBe(200);
  return res.body.data.id as string;
}

/** The workflow's runs, newest first, with their paths. */
export async function listRuns(api: TestApi, tenant: TestTenant, workflowId: string): Promise<ListedRun[]> {
  return (await api.http.get(`/api/workflows/${workflowId}/runs`).set(tenant.admin.headers)).body
    .data as ListedRun[];
}

/** The lead's run of the workflow once it stands in `status`. */
export function runOf(
  api: TestApi,
  tenant: TestTenant,
  workflowId: string,
  leadId: string,
  status: string,
): Promise<ListedRun> {
  return waitFor(
    async () =>
      (await listRuns(api, tenant, workflowId)).find((r) => r.lead_id === leadId && r.status === status),
    15_000,
    `a ${status} run`,
  );
}

/**
 * The run's delayed job (a wait's, or a held send's next look), brought forward as Bull would when its time comes:
 * the worker's clock moved on by `afterMs` first. Answers the job's id.
 */
export async function resumeDelayed(
  api: TestApi,
  worker: TestWorker,
  runId: string,
  afterMs = 2 * 3_600_000 + 60_000,
): Promise<string> {
  const job = await waitFor(
    async () =>
      (await api.app.get(JobProducer).queue(QueueName.Workflows).getDelayed()).find(
        (j) => j.data.run_id === runId,
      ),
    15_000,
    'the delayed job',
  );
  worker.clock.advance(afterMs);
  await job.promote();
  return String(job.id);
}
