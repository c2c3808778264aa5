import type { AppConfig } from '@app/config';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatedSend, simulatorPlan, SimulatorSettings } from '@app/providers';
import { ManualClock } from '@app/common';
import type { ChannelConfigsService } from '../channels/channel-configs.service';
import { SimulatorJobsService } from './simulator-jobs.service';
import type { SimulatorRuntime } from './simulator-runtime';

/**
 * Our API as the simulator's callbacks reach it: answers each POST with the next of `answers` (200 once they run
 * out), and keeps the MessageStatus of each.
 */
const api = { answers: [] as number[], statuses: [] as (string | null)[], url: '' };
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    api.statuses.push(new URLSearchParams(body).get('MessageStatus'));
    res.statusCode = api.answers.shift() ?? 200;
    res.end('{}');
  });
});

const TENANT = '0d8f3f3e-0c35-4f6b-9d1e-3b1b8e0f2a11';
const SEND: SimulatedSend = {
  tenant_id: TENANT,
  channel: 'sms',
  provider_message_id: 'SM0123456789abcdef0123456789abcdef',
  message_id: '0192f4a0-0000-7000-8000-000000000001',
  to: '+14155550100',
  from: '+15005550006',
  body: 'Hello',
  status: 'queued',
  sent_at: '2026-12-03T15:00:00.000Z',
};

function service(settings: Partial<SimulatorSettings> = {}) {
  const ledger = {
    find: jest.fn(() => Promise.resolve(SEND)),
    setStatus: jest.fn((send: SimulatedSend, status: string) => Promise.resolve({ ...send, status })),
  };
  const scheduler = { enqueue: jest.fn(() => Promise.resolve()) };
  const runtime = {
    ledger,
    scheduler,
    settings: { seed: 'seed', delayMs: 0, failureRate: 0, replyRate: 0, ...settings },
  } as unknown as SimulatorRuntime;
  const channels = {
    resolve: jest.fn(() =>
      Promise.resolve({ provider: 'simulator', webhookKey: 'key', signingSecret: 's3cret' }),
    ),
  } as unknown as ChannelConfigsService;
  const config = { publicBaseUrl: api.url } as AppConfig;
  const jobs = new SimulatorJobsService(runtime, channels, config, new ManualClock('2026-12-03T15:00:01Z'));
  return { jobs, ledger, scheduler, settings: runtime.settings };
}

const payload = {
  tenant_id: TENANT,
  channel: 'sms' as const,
  provider_message_id: SEND.provider_message_id,
  step: 0,
};

describe('SimulatorJobsService.deliver', () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    api.answers = [];
    api.statuses = [];
  });

  it("with no delay, posts a send's statuses in order in one job and records the last one in its ledger once", async () => {
    const { jobs, ledger, scheduler } = service();
    await jobs.deliver(payload);
    expect(api.statuses).toEqual(['queued', 'sent', 'delivered']);
    expect(ledger.setStatus).toHaveBeenCalledTimes(1);
    expect(ledger.setStatus).toHaveBeenCalledWith(SEND, 'delivered', undefined);
    expect(scheduler.enqueue).not.toHaveBeenCalled();
  });

  it("records a lost send's last status with its error code", async () => {
    const { jobs, ledger, settings } = service({ failureRate: 1 });
    const last = simulatorPlan(settings, 'sms', SEND.message_id).at(-1);
    await jobs.deliver(payload);
    expect(last).toMatchObject({ kind: 'status', error_code: expect.any(String) });
    expect(ledger.setStatus).toHaveBeenCalledTimes(1);
    expect(ledger.setStatus).toHaveBeenCalledWith(
      SEND,
      (last as { status: string }).status,
      (last as { error_code: string }).error_code,
    );
  });

  it('a later status our API did not take: the ledger holds the one it took, the next gets a job of its own', async () => {
    api.answers = [200, 503];
    const { jobs, ledger, scheduler } = service();
    await jobs.deliver(payload);
    expect(api.statuses).toEqual(['queued', 'sent']);
    expect(ledger.setStatus).toHaveBeenCalledTimes(1);
    expect(ledger.setStatus).toHaveBeenCalledWith(SEND, 'queued', undefined);
    expect(scheduler.enqueue).toHaveBeenCalledWith(
      'simulator.deliver',
      { ...payload, step: 1 },
      expect.objectContaining({ delay: 0 }),
    );
  });

  it('the first status our API did not take fails the job (Bull retries it) and records nothing', async () => {
    api.answers = [503];
    const { jobs, ledger } = service();
    await expect(jobs.deliver(payload)).rejects.toThrow(/503/);
    expect(ledger.setStatus).not.toHaveBeenCalled();
  });
});
