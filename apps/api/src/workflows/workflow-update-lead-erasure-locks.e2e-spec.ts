import { JobProducer, QueueName } from '@app/queues';
import {
  createTenant,
  PgSessions,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
  zoneInDaytime,
} from '@app/testing';
import { activeWorkflow, runOf, triggerNode, waitNode } from './workflow-runs.fixture';

/**
 * An update_lead step ends under its run's lock and writes its lead; an erasure locks the lead, then stops the
 * lead's runs. The step must take its lead before its run, or the two wait for each other and one of them dies of a
 * deadlock.
 */
describe("a workflow's update_lead beside an erasure of its lead (e2e)", () => {
  let sessions: PgSessions;
  let t: TestTenant;
  // The sessions end while the API's database pool is still open.
  afterAll(() => sessions.close());
  // The worker's clock moves on by hours alone: the API's, which its tokens are checked by, stays.
  const { api, worker } = useTestApiAndWorker({
    env: { SIMULATOR_REPLY_RATE: '0', SIMULATOR_FAILURE_RATE: '0' },
    worker: { ownClock: true },
  });

  beforeAll(async () => {
    sessions = new PgSessions(api.db);
    t = await createTenant(api.http);
  });

  it('lets the erasure stop the run, and the step then writes nothing', async () => {
    const id = await activeWorkflow(api, t, 'lead.created', [
      triggerNode,
      waitNode,
      { id: 'up', type: 'update_lead', data: { add_tags: ['touched'] } },
    ]);
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ada', phone: '+14155557901', timezone: zoneInDaytime() });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    const waiting = await runOf(api, t, id, leadId, 'waiting');

    // An erasure's transaction, as LeadErasureService.erase runs it: the lead's row first. It gives up on a
    // deadlock at once, so that it is the one refused when there is one.
    const { tx } = await sessions.begin();
    await tx.query(`SET LOCAL deadlock_timeout = '100ms'`);
    await tx.query('SELECT id FROM leads WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [t.id, leadId]);
    const queue = api.app.get(JobProducer).queue(QueueName.Workflows);
    const delayed = await waitFor(
      async () => (await queue.getDelayed()).find((j) => j.data.run_id === waiting.id),
      15_000,
      'the delayed job',
    );
    worker.clock.advance(2 * 3_600_000 + 60_000);
    await delayed.promote();
    // The step has come to its end and waits for the lead.
    await sessions.lockWaiters('%FROM leads%FOR%UPDATE%', 1);
    await tx.query(
      `UPDATE workflow_runs SET status = 'stopped', error = 'The lead was erased', finished_at = now()
        WHERE tenant_id = $1 AND lead_id = $2`,
      [t.id, leadId],
    );
    await tx.commitTransaction();

    const stopped = await runOf(api, t, id, leadId, 'stopped');
    expect(stopped.error).toBe('The lead was erased');
    await waitFor(
      async () => ((await queue.getJobCounts()).active === 0 ? true : undefined),
      15_000,
      'the step to end',
    );
    expect(await api.db.query('SELECT tags FROM leads WHERE id = $1', [leadId])).toEqual([{ tags: [] }]);
  });
});
