import { ManualClock } from '@app/common';
import { WorkflowRunsSweeper } from '@app/domain';
import { JobProducer, QueueName } from '@app/queues';
import {
  apiOnIsolatedDatabase,
  createTenant,
  createTestWorker,
  TestTenant,
  TestWorker,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { activeWorkflow, listRuns, runOf, triggerNode, waitNode } from './workflow-runs.fixture';

const GONE =
  'never ran to its end: no job is waiting or running for it (lost from the queue, or failed with no worker left ' +
  'to record it)';

/**
 * A run moves on only through its step's job: one lost from Redis, or failed by Bull while the worker that would
 * have recorded it died, leaves the run `running` for good unless the sweep of stranded runs fails it.
 */
describe('workflows: the sweep of stranded runs (e2e)', () => {
  let workers: TestWorker[] = [];
  let tenant: TestTenant;
  let workflowId: string;
  let leadId: string;
  const clock = new ManualClock();

  // Before the API's hooks: afterAll hooks run in the order declared, and the workers stop before its database goes.
  afterAll(() => Promise.all(workers.map((w) => w.close())));
  // The sweep reads every tenant's runs: on the shared test database it would fail other files' runs.
  const on = apiOnIsolatedDatabase({ WORKFLOW_SWEEP_AGE_MS: '600000' });
  beforeAll(async () => {
    workers = [
      await createTestWorker({ config: on.api.config, clock }),
      await createTestWorker({ config: on.api.config, clock }),
    ];
    tenant = await createTenant(on.api.http);
    // lead.qualified: nothing in these tests raises it, so every run here is one the test made.
    workflowId = await activeWorkflow(on.api, tenant, 'lead.qualified', [
      { ...triggerNode, data: { event: 'lead.qualified' } },
      { id: 'up', type: 'update_lead', data: { add_tags: ['swept'] } },
    ]);
    const lead = await on.api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ada', phone: '+14155559001' });
    expect(lead.status).toBe(201);
    leadId = lead.body.data.id as string;
  });

  const queue = () => on.api.app.get(JobProducer).queue(QueueName.Workflows);
  const minutesAgo = (minutes: number) => new Date(clock.nowMs() - minutes * 60_000);

  /** A run left `running` at its trigger node since `since`, its trigger step `done` when `triggered`. */
  async function strandedRun(since: Date, triggered = false): Promise<string> {
    const [{ id }] = await on.db.query(
      `INSERT INTO workflow_runs (tenant_id, workflow_id, lead_id, trigger_event, event_id, status, current_node_id,
         started_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'lead.qualified', $4, 'running', 't', $5, $5, $5) RETURNING id`,
      [tenant.id, workflowId, leadId, randomUUID(), since],
    );
    if (triggered)
      await on.db.query(
        `INSERT INTO workflow_run_steps (tenant_id, run_id, node_id, node_type, seq, status, outcome, started_at,
           finished_at)
         VALUES ($1, $2, 't', 'trigger', 1, 'done', 'triggered', $3, $3)`,
        [tenant.id, id, since],
      );
    return id as string;
  }

  const runById = async (id: string) =>
    (await listRuns(on.api, tenant, workflowId)).find((r) => r.id === id)!;

  it('fails runs whose step job is gone, missing or failed unrecorded, and leaves the others running', async () => {
    const lost = await strandedRun(minutesAgo(30));
    const lostNext = await strandedRun(minutesAgo(30), true);
    const failedJob = await strandedRun(minutesAgo(30));
    const delayed = await strandedRun(minutesAgo(30));
    const recent = await strandedRun(minutesAgo(2));
    // The step's job failed for good, but no worker recorded it on the run (the one that heard it died).
    const job = await queue().add(
      'workflows.step',
      { tenant_id: tenant.id, run_id: 'not-a-run', node_id: 't' },
      { jobId: `workflow:${failedJob}:t`, attempts: 1 },
    );
    await waitFor(async () => ((await job.getState()) === 'failed' ? true : undefined), 15_000, 'the job');
    // A step waiting out a retry's backoff has its job delayed: the run is not stranded.
    await queue().add(
      'workflows.step',
      { tenant_id: tenant.id, run_id: delayed, node_id: 't' },
      { jobId: `workflow:${delayed}:t`, delay: 3_600_000 },
    );

    expect(await workers[0].app.get(WorkflowRunsSweeper).sweep()).toEqual({ failed: 3, woken: 0 });

    expect(await runById(lost)).toMatchObject({ status: 'failed', error: `Step t ${GONE}` });
    expect((await runById(lost)).path.map((s) => [s.node_id, s.status, s.outcome])).toEqual([
      ['t', 'failed', 'error'],
    ]);
    const next = await runById(lostNext);
    expect(next).toMatchObject({ status: 'failed', error: `Step up ${GONE}` });
    expect(next.path.map((s) => [s.node_id, s.status, s.outcome])).toEqual([
      ['t', 'done', 'triggered'],
      ['up', 'failed', 'error'],
    ]);
    expect(await runById(failedJob)).toMatchObject({ status: 'failed', error: `Step t ${GONE}` });
    expect(await runById(delayed)).toMatchObject({ status: 'running', error: null, path: [] });
    expect(await runById(recent)).toMatchObject({ status: 'running', error: null, path: [] });
    const [{ tags }] = await on.db.query(`SELECT tags FROM leads WHERE id = $1`, [leadId]);
    expect(tags).toEqual([]);
  });

  it('two workers sweeping at once fail each stranded run once', async () => {
    const ids = [await strandedRun(minutesAgo(20)), await strandedRun(minutesAgo(20), true)];

    const counts = await Promise.all(workers.map((w) => w.app.get(WorkflowRunsSweeper).sweep()));
    expect(counts[0].failed + counts[1].failed).toBe(2);
    for (const id of ids) expect((await runById(id)).status).toBe('failed');
    const [{ n }] = await on.db.query(
      `SELECT count(*)::int AS n FROM workflow_run_steps WHERE run_id = ANY($1::uuid[]) AND status = 'failed'`,
      [ids],
    );
    expect(n).toBe(2);
    expect(await workers[1].app.get(WorkflowRunsSweeper).sweep()).toEqual({ failed: 0, woken: 0 });
  });

  // Last: it moves the clock on by hours, which strands the runs the cases above left running.
  it('a waiting run whose wake-up job was lost goes on once its time is past, once with two workers sweeping', async () => {
    const other = await createTenant(on.api.http);
    const flow = await activeWorkflow(on.api, other, 'lead.created', [
      triggerNode,
      waitNode,
      { id: 'up', type: 'update_lead', data: { add_tags: ['woken'] } },
    ]);
    const leadIds: string[] = [];
    for (const phone of ['+14155559002', '+14155559003']) {
      const res = await on.api.http
        .post('/api/leads')
        .set(other.admin.headers)
        .send({ first_name: 'Bo', phone });
      expect(res.status).toBe(201);
      leadIds.push(res.body.data.id as string);
    }
    const [lost, kept] = await Promise.all(leadIds.map((id) => runOf(on.api, other, flow, id, 'waiting')));
    const wakeOf = (runId: string) =>
      waitFor(
        async () => (await queue().getDelayed()).find((j) => j.data.run_id === runId),
        15_000,
        'the wake-up job',
      );
    // Redis lost the first run's wake-up job; the second's is still delayed (Bull's own clock: two hours on).
    await (await wakeOf(lost.id)).remove();
    const keptJob = await wakeOf(kept.id);
    const sweep = (k: number) => workers[k].app.get(WorkflowRunsSweeper).sweep();
    const tagsOf = async (id: string) =>
      (await on.api.http.get(`/api/leads/${id}`).set(other.admin.headers)).body.data.tags as string[];

    // Its wake-up time is past, but not by WORKFLOW_SWEEP_AGE_MS yet: left alone.
    clock.advance(2 * 3_600_000 + 5 * 60_000);
    expect((await sweep(0)).woken).toBe(0);
    expect((await listRuns(on.api, other, flow)).map((r) => r.status)).toEqual(['waiting', 'waiting']);

    clock.advance(10 * 60_000);
    const counts = await Promise.all([sweep(0), sweep(1)]);
    expect(counts[0].woken + counts[1].woken).toBe(1);
    const done = await runOf(on.api, other, flow, lost.lead_id!, 'completed');
    expect(done.path.map((s) => [s.node_id, s.status, s.outcome])).toEqual([
      ['t', 'done', 'triggered'],
      ['wait', 'done', 'resumed'],
      ['up', 'done', 'updated'],
    ]);
    expect(await tagsOf(lost.lead_id!)).toEqual(['woken']);
    const stillWaiting = (await listRuns(on.api, other, flow)).find((r) => r.id === kept.id)!;
    expect(stillWaiting.status).toBe('waiting');
    expect(await keptJob.getState()).toBe('delayed');
    expect(await tagsOf(kept.lead_id!)).toEqual([]);
    expect((await sweep(1)).woken).toBe(0);
  });
});
