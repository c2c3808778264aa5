import { ProviderError } from '@app/providers';
import { JobPayloads, JobProducer, QueueName } from '@app/queues';
import { createTenant, insertCallRow, TestTenant, useTestApi } from '@app/testing';
import { SimulatorRuntime } from '../simulator/simulator-runtime';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { CALL_COST_DELAYS_MS, CallCostsService } from './call-costs.service';
import { CallEventsService } from './call-events.service';

type CostJob = JobPayloads['calls.fetch-cost'];

/**
 * A call's cost (seed 001's `cost`, summed as the stats' `total_cost`): when a call of ours ends, a delayed
 * `calls.fetch-cost` job asks the provider (here the telephony simulator, which prices each started minute at a US
 * rate) what it billed, and stores it. No worker runs: the queued job is read from the queue and its handler called.
 */
describe('the cost of an ended call (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const queue = () => api.app.get(JobProducer).queue(QueueName.Dialer);
  const costJob = async (callId: string, check: number) => queue().getJob(`call-cost:${callId}:${check}`);
  const costOf = async (callId: string) =>
    (
      (await api.db.query(`SELECT cost::float8 AS cost FROM calls WHERE id = $1`, [callId])) as {
        cost: number | null;
      }[]
    )[0].cost;

  /**
   * A call the simulator placed and says ended after `talkSeconds` of talk, that our row says is still talking:
   * the provider is asked (the path of a call whose final callback was lost) and the call ends as it says.
   */
  async function endedCall(to: string, talkSeconds: number): Promise<{ id: string; sid: string }> {
    const channel = await api.app.get(VoiceChannelsService).resolve(t.id);
    const { call_sid: sid } = await channel.port.placeCall({
      to,
      from: '+14155559999',
      answer_url: 'http://127.0.0.1:9/answer',
      status_callback_url: 'http://127.0.0.1:9/status',
    });
    const endedAt = new Date(api.clock.nowMs() - 60_000);
    const answeredAt = new Date(endedAt.getTime() - talkSeconds * 1000);
    const id = await insertCallRow(api.db, t.id, {
      call_sid: sid,
      to_number: to,
      status: 'in-progress',
      answer_time: answeredAt,
      start_time: answeredAt,
    });
    const ledger = api.app.get(SimulatorRuntime).telephonyLedger;
    const call = (await ledger.findCall(t.id, sid))!;
    await ledger.saveCall({
      ...call,
      status: 'completed',
      answered_at: answeredAt.toISOString(),
      ended_at: endedAt.toISOString(),
    });
    await api.app.get(CallEventsService).reconcileQuiet(t.id, id);
    return { id, sid };
  }

  it('queues a delayed look-up when a call ends; the job stores the price as the cost, and the API answers it', async () => {
    const call = await endedCall('+12125550161', 95);
    const first = await costJob(call.id, 0);
    expect(first?.name).toBe('calls.fetch-cost');
    expect(first?.data).toEqual({ tenant_id: t.id, call_id: call.id, check: 0 });
    expect(first?.opts.delay).toBe(CALL_COST_DELAYS_MS[0]);
    expect(await costOf(call.id)).toBeNull();

    await api.app.get(CallCostsService).fetch(first!.data as CostJob);

    // 95 s of talk: two started minutes at $0.014.
    expect(await costOf(call.id)).toBe(0.028);
    const detail = await api.http.get(`/api/calls/${call.id}`).set(t.admin.headers);
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({ id: call.id, cost: 0.028 });

    const other = await endedCall('+12125550162', 30);
    await api.app.get(CallCostsService).fetch((await costJob(other.id, 0))!.data as CostJob);
    expect(await costOf(other.id)).toBe(0.014);
    const summary = await api.http.get('/api/calls/stats/summary').set(t.admin.headers);
    expect(summary.status).toBe(200);
    expect(summary.body.data.total_cost).toBe(0.042);
  });

  it('does nothing again for a job run twice, nor for another tenant naming the call', async () => {
    const call = await endedCall('+12125550163', 10);
    const job = (await costJob(call.id, 0))!.data as CostJob;
    await api.app.get(CallCostsService).fetch(job);
    await api.db.query(`UPDATE calls SET cost = 0.5 WHERE id = $1`, [call.id]);
    const port = (await api.app.get(VoiceChannelsService).resolve(t.id)).port;
    const fetched = jest.spyOn(port.constructor.prototype, 'fetchCall');
    try {
      await api.app.get(CallCostsService).fetch(job);
      expect(fetched).not.toHaveBeenCalled();
    } finally {
      fetched.mockRestore();
    }
    expect(await costOf(call.id)).toBe(0.5);

    const intruder = await createTenant(api.http);
    const open = await insertCallRow(api.db, t.id, { call_sid: 'CA' + '7'.repeat(32), end_time: new Date() });
    await api.app.get(CallCostsService).fetch({ tenant_id: intruder.id, call_id: open, check: 0 });
    expect(await costOf(open)).toBeNull();
  });

  it('asks again later while the provider has not priced the call, and gives up quietly after the last round', async () => {
    const call = await endedCall('+12125550164', 40);
    const ledger = api.app.get(SimulatorRuntime).telephonyLedger;
    // The provider has not priced it yet (the simulator prices an ended call only).
    const record = (await ledger.findCall(t.id, call.sid))!;
    await ledger.saveCall({ ...record, status: 'in-progress', ended_at: null });

    const costs = api.app.get(CallCostsService);
    for (let check = 0; check < CALL_COST_DELAYS_MS.length; check++) {
      const job = await costJob(call.id, check);
      expect(job?.opts.delay).toBe(CALL_COST_DELAYS_MS[check]);
      await costs.fetch(job!.data as CostJob);
    }
    expect(await costJob(call.id, CALL_COST_DELAYS_MS.length)).toBeNull();
    expect(await costOf(call.id)).toBeNull();
  });

  it('leaves a refused look-up quietly (no cost, no retry), and fails one that may pass for the job to retry', async () => {
    const call = await endedCall('+12125550165', 20);
    const job = (await costJob(call.id, 0))!.data as CostJob;
    const port = (await api.app.get(VoiceChannelsService).resolve(t.id)).port;
    const fetched = jest
      .spyOn(port.constructor.prototype, 'fetchCall')
      .mockRejectedValueOnce(ProviderError.fromHttp('twilio', 401, { message: 'Authenticate' }))
      .mockRejectedValueOnce(ProviderError.fromHttp('twilio', 503, { message: 'Unavailable' }));
    try {
      await api.app.get(CallCostsService).fetch(job);
      await expect(api.app.get(CallCostsService).fetch(job)).rejects.toMatchObject({ retryable: true });
    } finally {
      fetched.mockRestore();
    }
    expect(await costOf(call.id)).toBeNull();
    expect(await costJob(call.id, 1)).toBeNull();
  });

  it('queues nothing for an agent leg (not counted in the stats)', async () => {
    const leg = await insertCallRow(api.db, t.id, {
      kind: 'agent_leg',
      call_sid: 'CA' + '8'.repeat(32),
      status: 'in-progress',
    });
    // The simulator never saw its SID: it ends as failed.
    await api.app.get(CallEventsService).reconcileQuiet(t.id, leg);
    const [row] = await api.db.query(`SELECT end_time FROM calls WHERE id = $1`, [leg]);
    expect(row.end_time).not.toBeNull();
    expect(await costJob(leg, 0)).toBeNull();
  });
});
