import type { Job } from 'bull';
import type { ChannelConfigsService, VoiceChannelConfig } from '../channels/channel-configs.service';
import { SimulatorCallJobsService } from './simulator-call-jobs.service';
import type { SimulatorRuntime } from './simulator-runtime';

const TENANT = '0d8f3f3e-0c35-4f6b-9d1e-3b1b8e0f2a11';
const SID = 'CA0123456789abcdef0123456789abcdef';
const job = { attemptsMade: 0 } as Job;

function service(options: { known?: boolean; provider?: string; fails?: Error }) {
  const runStep = jest.fn(() => (options.fails ? Promise.reject(options.fails) : Promise.resolve()));
  const telephony = jest.fn(() => ({ runStep }));
  const runtime = {
    telephonyLedger: {
      findCall: jest.fn(() => Promise.resolve(options.known === false ? null : { call_sid: SID })),
    },
    telephony,
  } as unknown as SimulatorRuntime;
  const voice: Partial<VoiceChannelConfig> = {
    provider: (options.provider ?? 'simulator') as never,
    signingSecret: 's3cret',
  };
  const channels = { voice: jest.fn(() => Promise.resolve(voice)) } as unknown as ChannelConfigsService;
  return { jobs: new SimulatorCallJobsService(runtime, channels), telephony, runStep };
}

describe('SimulatorCallJobsService', () => {
  const payload = { tenant_id: TENANT, call_sid: SID, step: 3 };

  it("runs the step with the tenant's voice signing secret", async () => {
    const { jobs, telephony, runStep } = service({});
    await jobs.step(payload, job);
    expect(telephony).toHaveBeenCalledWith(TENANT, 's3cret');
    expect(runStep).toHaveBeenCalledWith(SID, 3);
  });

  it('drops the step of a forgotten call, or of a tenant whose voice left the simulator', async () => {
    for (const options of [{ known: false }, { provider: 'twilio' }]) {
      const { jobs, runStep } = service(options);
      await jobs.step(payload, job);
      expect(runStep).not.toHaveBeenCalled();
    }
  });

  it('fails the job when our API did not take a callback, so that Bull retries it', async () => {
    const { jobs } = service({ fails: new Error('Simulated status callback answered HTTP 503') });
    await expect(jobs.step(payload, job)).rejects.toThrow(/503/);
  });
});
