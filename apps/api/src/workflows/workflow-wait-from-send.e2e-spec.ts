import { JobProducer, QueueName } from '@app/queues';
import { createTenant, useTestApiAndWorker, waitFor, zoneInDaytime } from '@app/testing';
import {
  activeWorkflow,
  resumeDelayed,
  runOf,
  smsNode,
  triggerNode,
  waitNode,
} from './workflow-runs.fixture';

/**
 * A wait after a send_message counts from when the sender sent the message, not from when the step made it: the
 * step makes its message and moves on, while the message may wait at the sender (a backlog at the number's rate,
 * the lead's window). The worker's own sender is held here, as a backlog would hold it, and its clock moves alone.
 */
describe('workflows: a wait counts from the send before it (e2e)', () => {
  const { api, worker } = useTestApiAndWorker({
    env: { SIMULATOR_REPLY_RATE: '0', SIMULATOR_FAILURE_RATE: '0' },
    worker: { ownClock: true },
  });
  const HOUR = 3_600_000;
  /** The worker's sender: paused, its jobs stay waiting (the messages `queued`) until it goes on. */
  const sender = () => worker.app.get(JobProducer).queue(QueueName.OutboundMessages);

  const stepOf = async (runId: string, nodeId: string) =>
    (
      await api.db.query(
        `SELECT status, outcome, resume_at, started_at FROM workflow_run_steps WHERE run_id = $1 AND node_id = $2`,
        [runId, nodeId],
      )
    )[0] as { status: string; outcome: string; resume_at: Date | null; started_at: Date };
  const messageOf = async (leadId: string) =>
    (
      await api.db.query(
        `SELECT status, sent_at FROM messages WHERE lead_id = $1 AND direction = 'outbound'`,
        [leadId],
      )
    )[0] as { status: string; sent_at: Date | null };

  afterEach(() => sender().resume(true));

  it('waits while the message is still at the sender, then its delay from when the message went', async () => {
    const tenant = await createTenant(api.http);
    const tag = { id: 'tag', type: 'update_lead', data: { add_tags: ['followed-up'] } };
    const id = await activeWorkflow(api, tenant, 'lead.created', [
      triggerNode,
      smsNode('Hello'),
      waitNode,
      tag,
    ]);
    await sender().pause(true);
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({
        first_name: 'Held',
        phone: '+14155556101',
        timezone: zoneInDaytime(new Date(worker.clock.nowMs() + HOUR)),
      });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;

    const run = await runOf(api, tenant, id, leadId, 'waiting');
    const reached = await stepOf(run.id, 'wait');
    expect(reached).toMatchObject({ status: 'waiting', outcome: 'waiting_for_send' });
    expect(reached.resume_at!.getTime() - reached.started_at.getTime()).toBe(2 * HOUR);
    expect((await messageOf(leadId)).status).toBe('queued');

    // The wait's delay is up, and the message still waits at the sender: the run looks again a minute later.
    await resumeDelayed(api, worker, run.id, 2 * HOUR + 60_000);
    const looked = await waitFor(async () => {
      const s = await stepOf(run.id, 'wait');
      return s.resume_at!.getTime() > reached.resume_at!.getTime() ? s : undefined;
    });
    expect(looked).toMatchObject({ status: 'waiting', outcome: 'waiting_for_send' });
    expect(looked.resume_at!.getTime()).toBe(reached.started_at.getTime() + 2 * HOUR + 60_000 + 60_000);
    expect((await runOf(api, tenant, id, leadId, 'waiting')).path.map((s) => s.node_id)).toEqual([
      't',
      'send',
      'wait',
    ]);

    // The sender goes on: the message leaves two hours and a minute after it was made.
    await sender().resume(true);
    const sent = await waitFor(async () => {
      const m = await messageOf(leadId);
      return m.sent_at ? m : undefined;
    });
    expect(sent.sent_at!.getTime()).toBe(reached.started_at.getTime() + 2 * HOUR + 60_000);
    await resumeDelayed(api, worker, run.id, 60_000);
    const counting = await waitFor(async () => {
      const s = await stepOf(run.id, 'wait');
      return s.outcome === 'waiting' ? s : undefined;
    });
    expect(counting.resume_at!.getTime()).toBe(sent.sent_at!.getTime() + 2 * HOUR);
    const lead = await api.http.get(`/api/leads/${leadId}`).set(tenant.admin.headers);
    expect(lead.body.data.tags).not.toContain('followed-up');

    await resumeDelayed(api, worker, run.id, 2 * HOUR);
    const done = await runOf(api, tenant, id, leadId, 'completed');
    expect(done.path.map((s) => [s.node_id, s.outcome])).toEqual([
      ['t', 'triggered'],
      ['send', 'sent'],
      ['wait', 'resumed'],
      ['tag', expect.any(String)],
    ]);
    const after = await api.http.get(`/api/leads/${leadId}`).set(tenant.admin.headers);
    expect(after.body.data.tags).toContain('followed-up');
  });

  it('counts from when it was reached when the message went before that', async () => {
    const tenant = await createTenant(api.http);
    const id = await activeWorkflow(api, tenant, 'lead.created', [
      triggerNode,
      smsNode('Hi'),
      { id: 'first', type: 'wait', data: { delay: { value: 1, unit: 'hours' } } },
      waitNode,
    ]);
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Sent', phone: '+14155556102', timezone: zoneInDaytime(worker.clock.now()) });
    const leadId = created.body.data.id as string;
    const run = await runOf(api, tenant, id, leadId, 'waiting');
    await waitFor(async () => ((await messageOf(leadId)).sent_at ? true : undefined));
    await resumeDelayed(api, worker, run.id, HOUR);
    const second = await waitFor(async () => {
      const s = await stepOf(run.id, 'wait');
      return s?.status === 'waiting' ? s : undefined;
    });
    expect(second.outcome).toBe('waiting');
    expect(second.resume_at!.getTime() - second.started_at.getTime()).toBe(2 * HOUR);
    await resumeDelayed(api, worker, run.id, 2 * HOUR);
    await runOf(api, tenant, id, leadId, 'completed');
  });
});
