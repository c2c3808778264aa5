import { Clock } from '@app/common';
import { LiveEvents } from '@app/events';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { EnrollmentsRepository } from '../campaign-engine/enrollments.repository';
import { nextAction } from '../campaign-engine/step-plan';
import { AgentBridgeService } from './agent-bridge.service';
import { afterCall } from './call-outcome';
import { DialerAgents } from './dialer-agents';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerPoolRepository } from './dialer-pool.repository';

const DEFAULT_WRAP_UP_SECONDS = 30;

/**
 * What follows a call's final status: the agent's after-call work (or their release, when the call never reached
 * them), the live leg's end, the retry policy and the lead's next step, and the live events.
 */
@Injectable()
export class CallEndingsService {
  private readonly logger = new Logger(CallEndingsService.name);

  constructor(
    private readonly calls: DialerCallsRepository,
    private readonly agents: DialerAgents,
    private readonly pool: DialerPoolRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly bridge: AgentBridgeService,
    private readonly progress: CampaignProgress,
    private readonly live: LiveEvents,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  async ended(call: DialerCall & { talk_time?: number | null; duration?: number | null }): Promise<void> {
    const now = this.clock.now();
    if (call.kind === 'agent_leg') {
      await this.agentLegEnded(call, now);
      return;
    }
    const campaign = call.campaign_id ? await this.pool.campaign(call.tenant_id, call.campaign_id) : null;
    if (call.agent_id) {
      if (call.connected_at) {
        const wrapUp = campaign?.wrap_up_seconds ?? DEFAULT_WRAP_UP_SECONDS;
        await this.agents.wrapUp(
          call.tenant_id,
          call.agent_id,
          new Date(now.getTime() + wrapUp * 1000),
          call.talk_time ?? 0,
          now,
        );
        await this.jobs.enqueue(
          'agents.wrap-up-end',
          { tenant_id: call.tenant_id, agent_id: call.agent_id, call_id: call.id },
          { delay: wrapUp * 1000, jobId: `wrap-up:${call.id}` },
        );
      } else {
        await this.agents.giveBack(call.tenant_id, call.agent_id, now);
        await this.bridge.agentFreed(call.tenant_id, call.agent_id);
      }
      this.live.toAgent(call.agent_id, 'call:ended', this.endedEvent(call, now));
    }
    this.live.toTenant(call.tenant_id, 'call:ended', this.endedEvent(call, now));
    if (campaign && call.enrollment_id && call.attempt && call.disposition) {
      const next = afterCall(
        call.disposition,
        call.attempt,
        campaign.retry_policy,
        campaign.abandon_lockout_minutes,
        now,
      );
      if (next.retry) {
        await this.pool.waitUntil(
          call.tenant_id,
          call.enrollment_id,
          call.lead_id as string,
          call.attempt,
          next.at,
          now,
        );
      } else {
        await this.stepDone(call, campaign.steps, campaign.follow_up_interval_days, now);
      }
      await this.progress.notify(call.tenant_id, campaign.id);
    }
  }

  private async stepDone(
    call: DialerCall,
    steps: Parameters<typeof nextAction>[0],
    followUpDays: number | null,
    now: Date,
  ) {
    const step = await this.pool.stepOf(call.tenant_id, call.enrollment_id as string);
    if (step === null) return;
    const next = nextAction(steps, step, followUpDays);
    await this.pool.stepDone(
      call.tenant_id,
      call.enrollment_id as string,
      step,
      call.attempt as number,
      next.done ? null : { position: next.position, at: new Date(now.getTime() + next.wait_ms) },
      now,
    );
    if (next.done && call.campaign_id) {
      if (await this.enrollments.completeIfDone(call.tenant_id, call.campaign_id, now))
        this.logger.log({ tenant_id: call.tenant_id, campaign_id: call.campaign_id }, 'Campaign completed');
    }
  }

  /** An agent's leg ended: their live leg is gone; a lead still waiting on a leg that never answered goes on. */
  private async agentLegEnded(leg: DialerCall, now: Date) {
    if (!leg.agent_id) return;
    if (leg.call_sid) await this.agents.setLiveLeg(leg.tenant_id, leg.agent_id, null, leg.call_sid);
    if (!leg.parent_call_id) return;
    const parent = await this.calls.find(leg.tenant_id, leg.parent_call_id);
    if (!parent || parent.end_time || parent.connected_at || parent.agent_id !== leg.agent_id) return;
    // The agent did not answer: they are given back and the lead waits for another (until its deadline).
    const released = await this.calls.unassign(leg.tenant_id, parent.id, leg.agent_id, now);
    if (!released) return;
    await this.agents.giveBack(leg.tenant_id, leg.agent_id, now);
    await this.bridge.connect(leg.tenant_id, parent.id);
  }

  private endedEvent(call: DialerCall & { talk_time?: number | null; duration?: number | null }, now: Date) {
    return {
      call_id: call.id,
      lead_id: call.lead_id,
      campaign_id: call.campaign_id,
      agent_id: call.agent_id,
      disposition: call.disposition,
      duration: call.duration ?? null,
      talk_time: call.talk_time ?? null,
      timestamp: now.toISOString(),
    };
  }
}
