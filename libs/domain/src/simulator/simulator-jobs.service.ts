import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import {
  scheduleSimulatorStep,
  SimulatedSend,
  SimulatorEvent,
  simulatorPlan,
  simulatorRequest,
} from '@app/providers';
import { JobPayloads, OnJob, PermanentJobError } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { ChannelConfigsService } from '../channels/channel-configs.service';
import { postCallback } from './callback-post';
import { SimulatorRuntime } from './simulator-runtime';

const POST_TIMEOUT_MS = 10_000;

/**
 * The `simulator` queue: delivers one pending callback of a simulated send to our own webhook routes at
 * PUBLIC_BASE_URL, signed as the provider signs it, then schedules the next after SIMULATOR_DELAY_MS (or, with no
 * delay, delivers it in the same job). A POST our API did not take (down, 5xx) fails the job and Bull retries it
 * with backoff; a 4xx would answer the same again, so it is not retried.
 */
@Injectable()
export class SimulatorJobsService {
  private readonly logger = new Logger(SimulatorJobsService.name);

  constructor(
    private readonly runtime: SimulatorRuntime,
    private readonly channels: ChannelConfigsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @OnJob('simulator.deliver')
  async deliver(payload: JobPayloads['simulator.deliver']): Promise<void> {
    const { tenant_id: tenantId, provider_message_id: providerId } = payload;
    const found = await this.runtime.ledger.find(tenantId, providerId);
    if (!found) {
      this.logger.warn({ provider_message_id: providerId }, 'Simulated send forgotten; callback dropped');
      return;
    }
    const plan = simulatorPlan(this.runtime.settings, found.channel, found.message_id);
    const delayMs = this.runtime.settings.delayMs;
    let send = found;
    try {
      // With no latency configured, the send's later events follow in this job (one job per send, not one per
      // event); one that fails gets a job of its own, retried as any other.
      for (let step = payload.step; plan[step]; step++) {
        const at = { ...payload, step };
        if (step > payload.step && delayMs > 0) {
          await scheduleSimulatorStep(this.runtime.scheduler, at, delayMs);
          return;
        }
        try {
          if (!(await this.post(tenantId, send, plan[step]))) return;
        } catch (err) {
          if (step === payload.step) throw err;
          await scheduleSimulatorStep(this.runtime.scheduler, at, 0);
          return;
        }
        send = reported(send, plan[step]);
      }
    } finally {
      // The last status this job reported, what a look-up answers from now on: written once, not once per event.
      if (send !== found) await this.runtime.ledger.setStatus(found, send.status, send.error_code);
    }
  }

  /** Posts one event to our webhook; answers false when the channel no longer uses the simulator (no one to call). */
  private async post(tenantId: string, send: SimulatedSend, event: SimulatorEvent): Promise<boolean> {
    const channel = await this.channels.resolve(tenantId, send.channel);
    // The tenant moved this channel to a real provider since: the simulated provider has no one to call.
    if (channel.provider !== 'simulator') return false;
    const request = simulatorRequest(
      event,
      send,
      {
        publicBaseUrl: this.config.publicBaseUrl,
        webhookKey: channel.webhookKey,
        signingSecret: channel.signingSecret,
        seed: this.runtime.settings.seed,
      },
      this.clock.now(),
    );
    const status = await postCallback(request.url, request.headers, request.body, POST_TIMEOUT_MS);
    if (status < 200 || status > 299) {
      const message = `Simulated ${event.kind} callback answered HTTP ${status}`;
      // A 4xx would answer the same again: not retried.
      if (status >= 400 && status < 500 && status !== 408 && status !== 429)
        throw new RefusedCallback(message);
      throw new Error(message);
    }
    return true;
  }
}

/** The send as the ledger holds it once `event` was reported: a status moves it on, a reply leaves it. */
function reported(send: SimulatedSend, event: SimulatorEvent): SimulatedSend {
  if (event.kind !== 'status') return send;
  return { ...send, status: event.status, ...(event.error_code ? { error_code: event.error_code } : {}) };
}

/** Our API refused a callback for good (a 4xx other than 408 / 429): the job is not run again. */
class RefusedCallback extends PermanentJobError {
  override name = 'RefusedCallback';
}
