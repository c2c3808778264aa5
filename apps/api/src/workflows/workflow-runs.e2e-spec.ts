import { SimulatorLedger } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import {
  applyLeadReply,
  createTenant,
  createUser,
  stallDelayedJob,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
  zoneInDaytime,
} from '@app/testing';
import Redis from 'ioredis';
import {
  activeWorkflow,
  listRuns,
  resumeDelayed as resumeDelayedJob,
  runOf as runOfWorkflow,
  smsNode as sms,
  triggerNode as trigger,
  waitNode as wait,
  WorkflowNodeInput as Node,
} from './workflow-runs.fixture';

describe('workflows: runs in the worker (e2e)', () => {
  // The worker's clock moves on by hours alone: the API's, which its tokens are checked by, stays.
  const { api, worker } = useTestApiAndWorker({
    env: { SIMULATOR_REPLY_RATE: '0', SIMULATOR_FAILURE_RATE: '0' },
    worker: { ownClock: true },
  });
  let redis: Redis;
  let ledger: SimulatorLedger;
  let phones = 0;

  beforeAll(async () => {
    redis = new Redis(api.config.redis.url);
    ledger = new SimulatorLedger(redis, api.config.redisKey('simulator'));
  });
  afterAll(() => redis.disconnect());

  const queue = () => api.app.get(JobProducer).queue(QueueName.Workflows);

  async function lead(tenant: TestTenant, extra: Record<string, unknown> = {}) {
    phones += 1;
    const phone = `+1415555${String(7000 + phones).padStart(4, '0')}`;
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ada', phone, timezone: zoneInDaytime(), ...extra });
    expect(res.status).toBe(201);
    return { id: res.body.data.id as string, phone };
  }

  const runs = (tenant: TestTenant, workflowId: string) => listRuns(api, tenant, workflowId);

  const runOf = (tenant: TestTenant, workflowId: string, leadId: string, status: string) =>
    runOfWorkflow(api, tenant, workflowId, leadId, status);

  const sentTo = (tenant: TestTenant, phone: string) => ledger.sentTo(tenant.id, 'sms', phone, new Date(0));

  const resumeDelayed = (runId: string, afterMs?: number) => resumeDelayedJob(api, worker, runId, afterMs);

  const completed = (jobIds: string[]) =>
    waitFor(
      async () =>
        (await Promise.all(jobIds.map(async (j) => (await queue().getJob(j))?.getState()))).every(
          (s) => s === 'completed',
        ),
      15_000,
      'the jobs',
    );

  it('a new lead starts a run that sends through the simulator, and the run lists its path', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, sms('Welcome {{first_name}}!')]);
    const { id: leadId, phone } = await lead(tenant);

    const run = await runOf(tenant, id, leadId, 'completed');
    expect(run.path).toEqual([
      expect.objectContaining({ node_id: 't', status: 'done', outcome: 'triggered' }),
      expect.objectContaining({
        node_id: 'send',
        status: 'done',
        outcome: 'sent',
        detail: { message_id: expect.any(String) },
      }),
    ]);
    const message = await waitFor(async () => {
      const res = await api.http.get(`/api/leads/${leadId}/messages`).set(tenant.admin.headers);
      return res.body.data.find((m: { status: string }) => m.status !== 'queued');
    });
    expect(message).toMatchObject({
      id: run.path[1].detail.message_id,
      content: 'Welcome Ada!',
      sender: 'system',
    });
    // The row leaves `queued` when its send is claimed, before the provider has it: the simulator's ledger is waited for.
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Welcome Ada!']);
  });

  it("a send_message written with a campaign step's content sends that text", async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [
      trigger,
      { id: 'send', type: 'send_message', data: { channel: 'sms', content: 'Hello {{first_name}}' } },
    ]);
    const { id: leadId, phone } = await lead(tenant);

    await runOf(tenant, id, leadId, 'completed');
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Hello Ada']);
  });

  it('waits on a delayed job, resumes when it runs, and a retried or duplicated job never sends twice', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, wait, sms('Still there?')]);
    const { id: leadId, phone } = await lead(tenant);

    const waiting = await runOf(tenant, id, leadId, 'waiting');
    expect(waiting.path.map((s) => [s.node_id, s.status])).toEqual([
      ['t', 'done'],
      ['wait', 'waiting'],
    ]);
    expect(await sentTo(tenant, phone)).toEqual([]);
    await resumeDelayed(waiting.id);
    const done = await runOf(tenant, id, leadId, 'completed');
    expect(done.path.map((s) => [s.node_id, s.outcome])).toEqual([
      ['t', 'triggered'],
      ['wait', 'resumed'],
      ['send', 'sent'],
    ]);

    // The worker died after the send and before recording it: the step is open again, and two jobs run it.
    await api.db.query(
      `UPDATE workflow_run_steps SET status = 'running', outcome = NULL WHERE run_id = $1 AND node_id = 'send'`,
      [done.id],
    );
    await api.db.query(`UPDATE workflow_runs SET status = 'running', finished_at = NULL WHERE id = $1`, [
      done.id,
    ]);
    const producer = api.app.get(JobProducer);
    const payload = { tenant_id: tenant.id, run_id: done.id, node_id: 'send' };
    const jobs = await Promise.all([
      producer.enqueue('workflows.step', payload),
      producer.enqueue('workflows.step', payload),
    ]);
    await completed(jobs);
    const again = await runOf(tenant, id, leadId, 'completed');
    expect(again.path[2]).toMatchObject({ status: 'done', detail: done.path[2].detail });
    expect(await sentTo(tenant, phone)).toHaveLength(1);
    const [{ n }] = await api.db.query(
      `SELECT count(*)::int AS n FROM messages WHERE lead_id = $1 AND direction = 'outbound'`,
      [leadId],
    );
    expect(n).toBe(1);
  });

  it('deactivating stops new runs and the waiting ones at once: activated again, it sends none of theirs', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, wait, sms('Too late')]);
    // Another active workflow of the same trigger: it shows the event was raised and handled.
    const witness = await activeWorkflow(api, tenant, 'lead.created', [
      trigger,
      { id: 'tag', type: 'update_lead', data: { add_tags: ['seen'] } },
    ]);
    const first = await lead(tenant);
    const waiting = await runOf(tenant, id, first.id, 'waiting');
    expect((await api.http.post(`/api/workflows/${id}/deactivate`).set(tenant.admin.headers)).status).toBe(
      200,
    );
    // Stopped by the deactivation itself, not at its next step.
    expect((await runs(tenant, id)).map((r) => r.status)).toEqual(['stopped']);
    // A fix and a new activation bring back none of the old runs: the wake-up finds its run stopped.
    expect((await api.http.post(`/api/workflows/${id}/activate`).set(tenant.admin.headers)).status).toBe(200);

    await completed([await resumeDelayed(waiting.id)]);
    const stopped = await runOf(tenant, id, first.id, 'stopped');
    expect(stopped.error).toBe('The workflow was deactivated');
    expect(stopped.path.map((s) => s.node_id)).toEqual(['t', 'wait']);
    expect(await sentTo(tenant, first.phone)).toEqual([]);

    expect((await api.http.post(`/api/workflows/${id}/deactivate`).set(tenant.admin.headers)).status).toBe(
      200,
    );
    const second = await lead(tenant);
    await runOf(tenant, witness, second.id, 'completed');
    expect((await runs(tenant, id)).map((r) => r.lead_id)).toEqual([first.id]);
  });

  it('a message received runs a condition on the lead, updates it and notifies the staff', async () => {
    const tenant = await createTenant(api.http);
    const { id: leadId, phone } = await lead(tenant, { tags: ['vip'], country: 'US' });
    const nodes: Node[] = [
      { id: 't', type: 'trigger', data: { event: 'message.received' } },
      { id: 'vip', type: 'condition', data: { field: 'tags', operator: 'contains', value: 'VIP' } },
      {
        id: 'up',
        type: 'update_lead',
        data: { status: 'qualified', add_tags: ['replied'], remove_tags: ['vip'] },
      },
      { id: 'tell', type: 'notify', data: { title: '{{first_name}} replied', message: 'A VIP wrote back' } },
      { id: 'no', type: 'update_lead', data: { add_tags: ['not-vip'] } },
    ];
    const id = await activeWorkflow(api, tenant, 'message.received', nodes, [
      { id: 'a', source: 't', target: 'vip' },
      { id: 'b', source: 'vip', target: 'up', sourceHandle: 'true' },
      { id: 'c', source: 'up', target: 'tell' },
      { id: 'd', source: 'vip', target: 'no', sourceHandle: 'false' },
    ]);
    await applyLeadReply(api.app, tenant.id, { from: phone, body: 'Yes please', now: new Date() });

    const run = await runOf(tenant, id, leadId, 'completed');
    expect(run.path.map((s) => [s.node_id, s.outcome])).toEqual([
      ['t', 'triggered'],
      ['vip', 'true'],
      ['up', 'updated'],
      ['tell', 'notified'],
    ]);
    const updated = (await api.http.get(`/api/leads/${leadId}`).set(tenant.admin.headers)).body.data;
    expect(updated).toMatchObject({ status: 'qualified', tags: ['replied'] });
    const notes = (await api.http.get('/api/notifications').set(tenant.admin.headers)).body.data;
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Ada replied', message: 'A VIP wrote back' }),
      ]),
    );
  });

  /**
   * What hears a lead's `lead.updated`: a webhook (its deliveries' events, once it has one) and an active workflow
   * that notifies (its id).
   */
  async function hearLeadUpdated(tenant: TestTenant) {
    const hook = await api.http
      .post('/api/webhooks')
      .set(tenant.admin.headers)
      .send({ url: 'https://hooks.example.com/reachline', events: ['lead.updated'] });
    expect(hook.status).toBe(201);
    const hearer = await activeWorkflow(api, tenant, 'lead.updated', [
      { id: 't', type: 'trigger', data: { event: 'lead.updated' } },
      { id: 'tell', type: 'notify', data: { title: '{{first_name}} changed' } },
    ]);
    const deliveries = async () =>
      (
        await waitFor(async () => {
          const res = await api.http
            .get(`/api/webhooks/${hook.body.data.id}/deliveries`)
            .set(tenant.admin.headers);
          return res.body.data?.length ? (res.body.data as { event: string }[]) : undefined;
        })
      ).map((d) => d.event);
    return { hearer, deliveries };
  }

  it("update_lead raises lead.updated, as a user's change does: webhooks, workflows and the activity log hear it", async () => {
    const tenant = await createTenant(api.http);
    const heard = await hearLeadUpdated(tenant);
    const tagger = await activeWorkflow(api, tenant, 'lead.created', [
      trigger,
      { id: 'up', type: 'update_lead', data: { add_tags: ['welcomed'] } },
    ]);
    const { id: leadId } = await lead(tenant);

    const tagged = await runOf(tenant, tagger, leadId, 'completed');
    await runOf(tenant, heard.hearer, leadId, 'completed');
    expect(await heard.deliveries()).toEqual(['lead.updated']);
    const activity = await api.http.get('/api/system/activity?type=lead.updated').set(tenant.admin.headers);
    expect(activity.body.data).toEqual([
      expect.objectContaining({
        description: 'A workflow updated a lead',
        actor_user_id: null,
        data: { lead_id: leadId, workflow_id: tagger, run_id: tagged.id, fields: ['add_tags'] },
      }),
    ]);
  });

  it("a user's PATCH or PUT that changes nothing raises no lead.updated: no run, no webhook delivery", async () => {
    const tenant = await createTenant(api.http);
    const heard = await hearLeadUpdated(tenant);
    const { id: leadId } = await lead(tenant, { company: 'Acme' });
    const change = (method: 'patch' | 'put', body: Record<string, unknown>) =>
      api.http[method](`/api/leads/${leadId}`).set(tenant.admin.headers).send(body);

    expect((await change('patch', { company: 'Acme' })).status).toBe(200);
    expect((await change('put', {})).status).toBe(200);
    expect((await change('patch', { first_name: 'Ada' })).status).toBe(200);
    // A change after them: its run and delivery come after any the no-ops would have raised.
    expect((await change('patch', { company: 'Beta' })).status).toBe(200);
    await runOf(tenant, heard.hearer, leadId, 'completed');
    expect(await heard.deliveries()).toEqual(['lead.updated']);
    expect(await runs(tenant, heard.hearer)).toHaveLength(1);
  });

  it('a change made by a run starts no run of its own workflow, nor of one in the chain that led to it', async () => {
    const tenant = await createTenant(api.http);
    const set = (status: string): Node[] => [
      { id: 't', type: 'trigger', data: { event: 'lead.updated' } },
      { id: 'up', type: 'update_lead', data: { status } },
    ];
    // Each would start the other, and itself, for ever: the lead's status flips between the two.
    const contacted = await activeWorkflow(api, tenant, 'lead.updated', set('contacted'));
    const qualified = await activeWorkflow(api, tenant, 'lead.updated', set('qualified'));
    const { id: leadId } = await lead(tenant);
    const patched = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ company: 'Acme' });
    expect(patched.status).toBe(200);

    const settled = await waitFor(
      async () => {
        const all = [...(await runs(tenant, contacted)), ...(await runs(tenant, qualified))];
        const counts = await queue().getJobCounts();
        const idle = counts.waiting + counts.active === 0;
        return idle && all.length && all.every((r) => r.status === 'completed') ? all : undefined;
      },
      15_000,
      'the runs to settle',
    );
    // The user's change starts both; each one's change starts the other once (its chain holds the first), no more.
    expect((await runs(tenant, contacted)).length).toBeLessThanOrEqual(2);
    expect((await runs(tenant, qualified)).length).toBeLessThanOrEqual(2);
    expect(settled.length).toBeGreaterThanOrEqual(2);
  });

  it('a reply that takes the score over the threshold raises lead.qualified: a trigger, and a webhook event', async () => {
    const tenant = await createTenant(api.http);
    const scoring = await api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send({ settings: { scoring: { qualified_threshold: 40, intent_weight: 1 } } });
    expect(scoring.status).toBe(200);
    const hook = await api.http
      .post('/api/webhooks')
      .set(tenant.admin.headers)
      .send({ url: 'https://hooks.example.com/qualified', events: ['lead.qualified'] });
    expect(hook.status).toBe(201);
    const id = await activeWorkflow(api, tenant, 'lead.qualified', [
      { id: 't', type: 'trigger', data: { event: 'lead.qualified' } },
      { id: 'tell', type: 'notify', data: { title: '{{first_name}} is qualified' } },
    ]);
    const { id: leadId, phone } = await lead(tenant);
    await applyLeadReply(api.app, tenant.id, {
      from: phone,
      body: 'Yes, this sounds great, tell me more',
      now: new Date(),
    });

    const run = await runOf(tenant, id, leadId, 'completed');
    expect(run).toMatchObject({ trigger_event: 'lead.qualified' });
    const deliveries = await waitFor(async () => {
      const res = await api.http
        .get(`/api/webhooks/${hook.body.data.id}/deliveries`)
        .set(tenant.admin.headers);
      return res.body.data?.length ? (res.body.data as { event: string; lead_id?: string }[]) : undefined;
    });
    expect(deliveries.map((d) => d.event)).toEqual(['lead.qualified']);
    const notes = (await api.http.get('/api/notifications').set(tenant.admin.headers)).body.data;
    expect(notes).toEqual(expect.arrayContaining([expect.objectContaining({ title: 'Ada is qualified' })]));
  });

  it('a node naming a user removed since fails its run at once, saying which user, without retrying', async () => {
    const tenant = await createTenant(api.http);
    const user = await createUser(api.http, tenant, 'manager');
    const owner = await activeWorkflow(api, tenant, 'lead.created', [
      trigger,
      { id: 'up', type: 'update_lead', data: { owner_id: user.id, add_tags: ['assigned'] } },
    ]);
    const told = await activeWorkflow(api, tenant, 'lead.created', [
      trigger,
      { id: 'tell', type: 'notify', data: { title: 'New lead', user_ids: [tenant.admin.id, user.id] } },
    ]);
    await api.db.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    const { id: leadId } = await lead(tenant);

    const unowned = await runOf(tenant, owner, leadId, 'failed');
    expect(unowned.error).toBe(
      `User ${user.id} no longer exists: change node up to name a user of the tenant`,
    );
    expect(unowned.path[1]).toMatchObject({
      node_id: 'up',
      status: 'failed',
      outcome: 'user_missing',
      detail: { user_ids: [user.id] },
    });
    const untold = await runOf(tenant, told, leadId, 'failed');
    expect(untold.error).toBe(
      `User ${user.id} no longer exists: change node tell to name a user of the tenant`,
    );
    // One attempt each: the step's job completed, as a step that fails for a reason of its own does.
    for (const run of [unowned, untold]) {
      const job = await queue().getJob(`workflow:${run.id}:${run.path[1].node_id}`);
      expect([await job?.getState(), job?.attemptsMade]).toEqual(['completed', 0]);
    }
    const got = (await api.http.get(`/api/leads/${leadId}`).set(tenant.admin.headers)).body.data;
    expect(got).toMatchObject({ owner_id: null, tags: [] });
  });

  it("a step that keeps throwing fails its run on the job's last attempt, with the step in the path", async () => {
    const tenant = await createTenant(api.http);
    const up: Node = { id: 'up', type: 'update_lead', data: { owner_id: tenant.admin.id } };
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, up]);
    const { id: leadId } = await lead(tenant);
    const done = await runOf(tenant, id, leadId, 'completed');

    // A status the leads table refuses (written past the activation's checks): every attempt at the update throws.
    await api.db.query(
      `UPDATE workflows SET nodes = jsonb_set(nodes, '{1,data}', '{"status": "archived"}') WHERE id = $1`,
      [id],
    );
    await api.db.query(`DELETE FROM workflow_run_steps WHERE run_id = $1 AND node_id = 'up'`, [done.id]);
    await api.db.query(`UPDATE workflow_runs SET status = 'running', finished_at = NULL WHERE id = $1`, [
      done.id,
    ]);
    const job = await api.app
      .get(JobProducer)
      .queue(QueueName.Workflows)
      .add('workflows.step', { tenant_id: tenant.id, run_id: done.id, node_id: 'up' }, { attempts: 2 });

    const failed = await runOf(tenant, id, leadId, 'failed');
    expect(await job.getState()).toBe('failed');
    expect(job.id).toBeDefined();
    expect(failed.error).toBe(`Step up failed 2 times with an unexpected error (job ${job.id})`);
    expect(failed.path.map((s) => [s.node_id, s.status, s.outcome])).toEqual([
      ['t', 'done', 'triggered'],
      ['up', 'failed', 'error'],
    ]);
    const owner = (await api.http.get(`/api/leads/${leadId}`).set(tenant.admin.headers)).body.data.owner_id;
    expect(owner).toBe(tenant.admin.id);

    // The job retried by hand (the failed set's retry) finds the run ended: nothing changes.
    await (await queue().getJob(String(job.id)))!.retry();
    await completed([String(job.id)]);
    expect((await runs(tenant, id))[0]).toMatchObject({ status: 'failed', error: failed.error });
  });

  it('a step whose worker keeps dying under it (Bull fails its job as stalled) fails the run, saying so', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, wait, sms('Never sent')]);
    const { id: leadId, phone } = await lead(tenant);
    const waiting = await runOf(tenant, id, leadId, 'waiting');
    const job = await waitFor(
      async () => (await queue().getDelayed()).find((j) => j.data.run_id === waiting.id),
      15_000,
      'the delayed job',
    );

    await stallDelayedJob(worker.app.get(JobProducer).queue(QueueName.Workflows), String(job.id));
    const failed = await runOf(tenant, id, leadId, 'failed');
    expect(failed.error).toBe(
      `Step wait did not finish: the worker running it stopped mid-step too many times (job ${job.id})`,
    );
    expect(failed.path.map((s) => [s.node_id, s.status, s.outcome])).toEqual([
      ['t', 'done', 'triggered'],
      ['wait', 'failed', 'error'],
    ]);
    expect(await (await queue().getJob(String(job.id)))?.getState()).toBe('failed');
    expect(await sentTo(tenant, phone)).toEqual([]);
  });

  it('a wake-up job run before its time (its clock behind) waits again under another job, and the run goes on', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, wait, sms('On time')]);
    const sendsAt = new Date(worker.clock.nowMs() + 2 * 3_600_000 + 60_000);
    const { id: leadId, phone } = await lead(tenant, { timezone: zoneInDaytime(sendsAt) });
    const waiting = await runOf(tenant, id, leadId, 'waiting');
    const first = await waitFor(
      async () => (await queue().getDelayed()).find((j) => j.data.run_id === waiting.id),
      15_000,
      'the wake-up job',
    );
    // Promoted with the worker's clock still before the wake-up time: the job itself cannot be queued again.
    await first.promote();
    await completed([String(first.id)]);
    const again = await waitFor(
      async () => (await queue().getDelayed()).find((j) => j.data.run_id === waiting.id && j.id !== first.id),
      15_000,
      'another wake-up job',
    );
    expect((await runs(tenant, id))[0].status).toBe('waiting');
    worker.clock.advance(2 * 3_600_000 + 60_000);
    await again.promote();
    await runOf(tenant, id, leadId, 'completed');
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['On time']);
  });

  it('a save that removes the node a run waits on fails the run, saying the workflow changed', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, wait, sms('Never sent')]);
    const { id: leadId, phone } = await lead(tenant);
    const waiting = await runOf(tenant, id, leadId, 'waiting');
    const saved = await api.http
      .put(`/api/workflows/${id}`)
      .set(tenant.admin.headers)
      .send({
        nodes: [trigger, sms('Now')].map((n, i) => ({ ...n, position: { x: 0, y: i * 100 } })),
        edges: [{ id: 'e0', source: 't', target: 'send' }],
      });
    expect(saved.status).toBe(200);

    await completed([await resumeDelayed(waiting.id)]);
    const failed = await runOf(tenant, id, leadId, 'failed');
    expect(failed.error).toBe('The workflow changed: node wait no longer exists');
    expect(await sentTo(tenant, phone)).toEqual([]);
  });

  it('a save that moves a step already done after the wait completes the run once the wait is over', async () => {
    const tenant = await createTenant(api.http);
    const tell = { id: 'tell', type: 'notify', data: { title: '{{first_name}} arrived' } };
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, tell, wait]);
    const { id: leadId } = await lead(tenant);
    const waiting = await runOf(tenant, id, leadId, 'waiting');
    const saved = await api.http
      .put(`/api/workflows/${id}`)
      .set(tenant.admin.headers)
      .send({
        edges: [
          { id: 'e0', source: 't', target: 'wait' },
          { id: 'e1', source: 'wait', target: 'tell' },
        ],
      });
    expect(saved.status).toBe(200);

    await completed([await resumeDelayed(waiting.id)]);
    // Its notify ran once, before the wait: the run is over, not left running for the sweep to call lost.
    const done = await runOf(tenant, id, leadId, 'completed');
    expect(done.error).toBeNull();
    const [{ n }] = await api.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND title = 'Ada arrived'`,
      [tenant.id],
    );
    expect(n).toBeGreaterThan(0);
  });

  it('a send waits while a human holds the lead, as a campaign does, and goes once control is ceded', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, wait, sms('Any news?')]);
    // In daytime when the send goes, on the worker's clock (moved on by the waits of the tests before).
    const sendsAt = new Date(worker.clock.nowMs() + 2 * 3_600_000 + 20 * 60_000);
    const { id: leadId, phone } = await lead(tenant, { timezone: zoneInDaytime(sendsAt) });
    const waiting = await runOf(tenant, id, leadId, 'waiting');
    await applyLeadReply(api.app, tenant.id, { from: phone, body: 'Call me', now: new Date() });
    const [{ id: conversation }] = await api.db.query(`SELECT id FROM conversations WHERE lead_id = $1`, [
      leadId,
    ]);
    const human = await api.http
      .patch(`/api/conversations/${conversation}`)
      .set(tenant.admin.headers)
      .send({ ai_mode: 'human' });
    expect(human.status).toBe(200);

    await resumeDelayed(waiting.id);
    const held = await waitFor(
      async () =>
        (await runs(tenant, id)).find((r) => r.path[2]?.outcome === 'human_hold' && r.status === 'waiting'),
      15_000,
      'a held send',
    );
    expect(held.path[2]).toMatchObject({ node_id: 'send', status: 'waiting' });
    expect(await sentTo(tenant, phone)).toEqual([]);

    // Handed back where nothing tells the workflow (as if its release was lost): its next look, 15 minutes on (no
    // further: the lead's sending hours stay open), still sends.
    await api.db.query(`UPDATE conversations SET ai_mode = 'auto' WHERE id = $1`, [conversation]);
    await resumeDelayed(waiting.id, 16 * 60_000);
    const done = await runOf(tenant, id, leadId, 'completed');
    expect(done.path[2]).toMatchObject({ node_id: 'send', status: 'done', outcome: 'sent' });
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Any news?']);
  });

  it('a held send goes as soon as the lead is handed back, without waiting for its next look', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, wait, sms('Back to you')]);
    const sendsAt = new Date(worker.clock.nowMs() + 2 * 3_600_000 + 5 * 60_000);
    const { id: leadId, phone } = await lead(tenant, { timezone: zoneInDaytime(sendsAt) });
    const waiting = await runOf(tenant, id, leadId, 'waiting');
    await applyLeadReply(api.app, tenant.id, { from: phone, body: 'Call me', now: new Date() });
    const [{ id: conversation }] = await api.db.query(`SELECT id FROM conversations WHERE lead_id = $1`, [
      leadId,
    ]);
    const mode = (ai_mode: string) =>
      api.http.patch(`/api/conversations/${conversation}`).set(tenant.admin.headers).send({ ai_mode });
    expect((await mode('human')).status).toBe(200);
    await resumeDelayed(waiting.id);
    await waitFor(
      async () =>
        (await runs(tenant, id)).find((r) => r.path[2]?.outcome === 'human_hold' && r.status === 'waiting'),
      15_000,
      'a held send',
    );

    // Handed back: no clock moved on, no delayed job brought forward.
    expect((await mode('auto')).status).toBe(200);
    const done = await runOf(tenant, id, leadId, 'completed');
    expect(done.path[2]).toMatchObject({ node_id: 'send', status: 'done', outcome: 'sent' });
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Back to you']);
  });

  it('erasing a lead stops its waiting runs and leaves no link to the person in their paths', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [trigger, wait, sms('Later')]);
    const { id: leadId } = await lead(tenant);
    const waiting = await runOf(tenant, id, leadId, 'waiting');
    const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);
    expect(erased.status).toBe(200);

    const [run] = await runs(tenant, id);
    expect(run).toMatchObject({
      id: waiting.id,
      lead_id: null,
      status: 'stopped',
      error: 'The lead was erased',
    });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM workflow_runs WHERE lead_id = $1`, [
      leadId,
    ]);
    expect(n).toBe(0);
    await completed([await resumeDelayed(waiting.id)]);
    expect((await runs(tenant, id))[0]).toMatchObject({
      status: 'stopped',
      path: [expect.anything(), expect.anything()],
    });
  });
});
