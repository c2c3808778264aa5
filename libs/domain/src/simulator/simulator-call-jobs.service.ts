import { JobPayloads, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { ChannelConfigsService } from '../channels/channel-configs.service';
import { SimulatorRuntime } from './simulator-runtime';

/**
 * The `simulator` queue's telephony side: runs one step of a simulated call (it rings, is answered, a verb ends,
 * the lead hangs up...) and makes the requests it owes our webhook routes at PUBLIC_BASE_URL, signed by the
 * tenant's voice channel secret. A request our API did not take (down, timeout, 5xx) fails the job and Bull
 * retries it with backoff (the step is not applied twice); one it refused with a 4xx is dropped, as Twilio drops it.
 */
@Injectable()
export class SimulatorCallJobsService {
  private readonly logger = new Logger(SimulatorCallJobsService.name);

  constructor(
    private readonly runtime: SimulatorRuntime,
    private readonly channels: ChannelConfigsService,
  ) {}

  @OnJob('simulator.call')
  async step(payload: JobPayloads['simulator.call'], job: Job): Promise<void> {
    const { tenant_id: tenantId, call_sid: callSid, step } = payload;
    const call = await this.runtime.telephonyLedger.findCall(tenantId, callSid);
    if (!call) {
      this.logger.warn({ call_sid: callSid }, 'Simulated call forgotten; step dropped');
      return;
    }
    const voice = await this.channels.voice(tenantId);
    // The tenant moved its voice channel to a real provider since: the simulated provider has no one to call.
    if (voice.provider !== 'simulator') return;
    try {
      await this.runtime.telephony(tenantId, voice.signingSecret).runStep(callSid, step);
    } catch (error) {
      this.logger.warn(
        { err: error, call_sid: callSid, step, attempt: job.attemptsMade + 1 },
        'Simulated call step failed; retried',
      );
      throw error;
    }
  }
}
