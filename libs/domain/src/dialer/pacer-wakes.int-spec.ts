import { JobProducer, QueueName } from '@app/queues';
import {
  apiOnIsolatedDatabase,
  createTenant,
  createTestWorker,
  insertBroadcastRows,
  TestTenant,
  TestWorker,
  waitFor,
} from '@app/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { DialerLeases } from './dialer-leases';
import { DialerPacerService } from './dialer-pacer.service';

/**
 * Wakes of a campaign's pacer, through a worker, with the dialer tick off (nothing else would start a round): a
 * wake for a change made after a round read the campaign is never swallowed by that round, whether it has
 * finished (its job kept under the same id) or still holds the lease. Voice-broadcast campaigns: no agent needed.
 */
describe('pacer wakes (integration)', () => {
  let worker: TestWorker | undefined;
  let t: TestTenant;
  let pacer: DialerPacerService;

  // Before the API's hooks: afterAll hooks run in the order declared, and the worker stops before its database goes.
  afterAll(() => worker?.close());
  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    worker = await createTestWorker({ config: on.api.config });
    pacer = on.api.app.get(DialerPacerService);
    t = await createTenant(on.api.http);
  });

  /** A broadcast whose one lead is not yet at its CALL step: a round finds nothing to do and ends its chain. */
  const broadcast = (phone: string) => insertBroadcastRows(on.db, t.id, phone, { atCallStep: false });
  const toCallStep = (campaignId: string) =>
    on.db.query(`UPDATE campaign_enrollments SET status = 'in_progress' WHERE campaign_id = $1`, [
      campaignId,
    ]);
  const placed = (campaignId: string) =>
    waitFor(
      async () => {
        const rows = await on.db.query(`SELECT id FROM calls WHERE tenant_id = $1 AND campaign_id = $2`, [
          t.id,
          campaignId,
        ]);
        return rows.length ? rows : undefined;
      },
      8000,
      'the call to be placed',
    );
  /** Waits for the start of a second, so what follows happens within one. */
  const secondStart = async () => {
    while (Date.now() % 1000 > 100) await sleep(10);
  };
  const paceJobs = async (campaignId: string, state: 'completed' | 'delayed' | 'waiting' | 'active') =>
    (await on.api.app.get(JobProducer).queue(QueueName.Dialer).getJobs([state])).filter(
      (j) => j.data.campaign_id === campaignId,
    );

  it('a wake just after a round that found nothing to do (in the same second) starts another round', async () => {
    const campaignId = await broadcast('+12125550191');
    await secondStart();
    await pacer.wake(t.id, campaignId);
    await waitFor(
      async () => (await paceJobs(campaignId, 'completed')).length > 0 || undefined,
      5000,
      'a round',
    );
    await toCallStep(campaignId);
    await pacer.wake(t.id, campaignId);
    expect(await placed(campaignId)).toHaveLength(1);
  });

  it('a wake while another round holds the lease is tried again once the lease is free', async () => {
    const campaignId = await broadcast('+12125550192');
    const leases = on.api.app.get(DialerLeases);
    const token = (await leases.acquire(campaignId, 60_000))!;
    await toCallStep(campaignId);
    await pacer.wake(t.id, campaignId);
    await waitFor(
      async () => (await paceJobs(campaignId, 'completed')).length > 0 || undefined,
      5000,
      'a round',
    );
    await leases.release(campaignId, token);
    expect(await placed(campaignId)).toHaveLength(1);
  });
});
