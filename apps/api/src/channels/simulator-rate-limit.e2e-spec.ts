import { ManualClock, REDIS } from '@app/common';
import { SimulatorRuntime } from '@app/domain';
import { SIMULATOR_RATE_LIMITED_KEY } from '@app/providers';
import {
  createTenant,
  createTestApi,
  createTestWorker,
  testConfig,
  TestApi,
  TestTenant,
  TestWorker,
  waitFor,
} from '@app/testing';
import type Redis from 'ioredis';

/**
 * SIMULATOR_RATE_LIMIT_PER_SECOND through the real sender (issue 5, the bench's provider limit): the simulated
 * provider refuses a send over its limit in the worker clock's second with Twilio's 429 / 20429; the sender puts
 * the message back to `queued` and sends it once the next second has come. Each refusal is counted in Redis.
 */
describe('simulated provider rate limit (e2e)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let tenant: TestTenant;
  let redis: Redis;
  let runtime: SimulatorRuntime;
  const SECOND = Date.parse('2026-11-30T15:00:00.000Z');
  const workerClock = new ManualClock(SECOND);

  beforeAll(async () => {
    const config = testConfig({
      SIMULATOR_RATE_LIMIT_PER_SECOND: '1',
      // No callback during the test: only the sends matter.
      SIMULATOR_DELAY_MS: '3600000',
      WORKER_QUEUES: 'outbound-messages',
    });
    api = await createTestApi({ config });
    worker = await createTestWorker({ config, clock: workerClock });
    tenant = await createTenant(api.http);
    redis = api.app.get<Redis>(REDIS);
    runtime = api.app.get(SimulatorRuntime);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  async function sendSms(phone: string): Promise<{ id: string; leadId: string }> {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Rae', phone });
    expect(lead.status).toBe(201);
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Hello under a limit' });
    expect(sent.status).toBe(201);
    return { id: sent.body.data.id as string, leadId: lead.body.data.id as string };
  }

  async function messageOf(leadId: string): Promise<Record<string, unknown>> {
    const res = await api.http.get(`/api/leads/${leadId}/messages`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data[0] as Record<string, unknown>;
  }

  const refusals = async () =>
    Number((await redis.get(api.config.redisKey('simulator', SIMULATOR_RATE_LIMITED_KEY))) ?? 0);

  it('refuses the second send of a second with 429 / 20429, and the sender sends it in the next second, once', async () => {
    expect(runtime.rateLimit?.perSecond).toBe(1);
    const first = await sendSms('+14155550611');
    const second = await sendSms('+14155550612');

    // One goes; the other is refused (the worker's clock stands still: every retry is refused too).
    const states = await waitFor(
      async () => {
        const m = [await messageOf(first.leadId), await messageOf(second.leadId)];
        const sent = m.filter((x) => x.status === 'sent');
        const held = m.filter((x) => x.status === 'queued' && x.error_code === '20429');
        return sent.length === 1 && held.length === 1 ? { sent: sent[0], held: held[0] } : undefined;
      },
      10_000,
      'one sent, one refused',
    );
    expect(states.held).toMatchObject({ provider_message_id: null });
    expect(await refusals()).toBeGreaterThanOrEqual(1);

    // The next second: the refused one goes.
    workerClock.advance(1000);
    const done = await waitFor(
      async () => {
        const m = await messageOf(states.held.lead_id === first.leadId ? first.leadId : second.leadId);
        return m.status === 'sent' ? m : undefined;
      },
      10_000,
      'the refused message sent',
    );
    expect(done.provider_message_id).toEqual(expect.stringMatching(/^SM[0-9a-f]{32}$/));
    // Every refusal was one attempt of the held message; the first went at its first attempt.
    expect(states.sent.attempts).toBe(1);
    expect(await refusals()).toBe((done.attempts as number) - 1);

    // The simulator accepted each message once, in two different seconds.
    const sends = await Promise.all(
      [states.sent, done].map((m) => runtime.ledger.find(tenant.id, m.provider_message_id as string)),
    );
    expect(sends.map((s) => s?.sent_at)).toEqual([
      new Date(SECOND).toISOString(),
      new Date(SECOND + 1000).toISOString(),
    ]);
    expect(await runtime.ledger.resends()).toBe(0);
  });
});
