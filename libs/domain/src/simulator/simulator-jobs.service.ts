import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { scheduleSimulatorStep, simulatorPlan, simulatorRequest } from '@app/providers';
import { JobPayloads, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { ChannelConfigsService } from '../channels/channel-configs.service';
import { SimulatorRuntime } from './simulator-runtime';

const POST_TIMEOUT_MS = 10_000;

/**
 * The `simulator` queue: delivers one pending callback of a simulated send to our own webhook routes at
 * PUBLIC_BASE_URL, signed as the provider signs it, then schedules the next. A POST our API did not take (down,
 * 5xx) fails the job and Bull retries it with backoff; a 4xx would answer the same again, so it is not retried.
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
  async deliver(payload: JobPayloads['simulator.deliver'], job: Job): Promise<void> {
    const { tenant_id: tenantId, provider_message_id: providerId, step } = payload;
    const send = await this.runtime.ledger.find(tenantId, providerId);
    if (!send) {
      this.logger.warn({ provider_message_id: providerId }, 'Simulated send forgotten; callback dropped');
      return;
    }
    const plan = simulatorPlan(this.runtime.settings, send.channel, send.message_id);
    const event = plan[step];
    if (!event) return;
    const channel = await this.channels.resolve(tenantId, send.channel);
    // The tenant moved this channel to a real provider since: the simulated provider has no one to call.
    if (channel.provider !== 'simulator') return;
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
    const res = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (!res.ok) {
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
        await job.discard();
      throw new Error(`Simulated ${event.kind} callback answered HTTP ${res.status}`);
    }
    if (event.kind === 'status') {
      await this.runtime.ledger.setStatus(tenantId, providerId, event.status, event.error_code);
    }
    if (plan[step + 1]) {
      await scheduleSimulatorStep(
        this.runtime.scheduler,
        { ...payload, step: step + 1 },
        this.runtime.settings.delayMs,
      );
    }
  }
}
