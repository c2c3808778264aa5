import type { SqlRunner } from '@app/db';
import { LiveEvents } from '@app/events';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import { callEndedEntry } from '../activity/traffic-entries';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { CampaignCompletions } from '../campaign-engine/campaign-completions';
import { AgentLegEndings, LegSettlement } from './agent-leg-endings';
import { CallCostsService } from './call-costs.service';
import { afterCall } from './call-outcome';
import { finishCallStep } from './call-step';
import { DialerAgents } from './dialer-agents';
import type { AgentMove } from './dialer-agents.repository';
import type { DialerCall } from './dialer-calls.repository';
import { DialCampaign, DialerPoolRepository } from './dialer-pool.repository';

const DEFAULT_WRAP_UP_SECONDS = 30;

/** A call that reached its final status, with its durations. */
export type EndedCall = DialerCall & { talk_time?: number | null; duration?: number | null };

/** What a call's end changed in the database, for what follows once it committed. */
export interface CallSettlement {
  campaign: DialCampaign | null;
  /** The agent's after-call work began (the timer that ends it is still to start), for this long. */
  wrapUpSeconds: number | null;
  /** The agent was given back without talking (the call never reached them). */
  givenBack: AgentMove | null;
  /** The lead's sequence ended with this call: the campaign may be complete. */
  sequenceDone: boolean;
  /** An agent's leg ended: what that changed (AgentLegEndings). */
  leg: LegSettlement | null;
}

/**
 * What follows a call's final status, in two halves. `settle` makes the database changes (the agent's after-call
 * work, or their release when the call never reached them; the live leg's end; the retry policy or the lead's next
 * step) in the transaction that ends the call, so an end is never half-applied: a failure rolls the end back with
 * them and the event's job applies it again, whole. `announce` follows the commit: the wrap-up timer, the live
 * events, a freed agent's waiting leads, the campaign's progress and completion, the look-up of the call's cost.
 */
@Injectable()
export class CallEndingsService {
  constructor(
    private readonly agents: DialerAgents,
    private readonly pool: DialerPoolRepository,
    private readonly completions: CampaignCompletions,
    private readonly progress: CampaignProgress,
    private readonly legs: AgentLegEndings,
    private readonly live: LiveEvents,
    private readonly jobs: JobProducer,
    private readonly activity: ActivityService,
    private readonly costs: CallCostsService,
  ) {}

  async settle(runner: SqlRunner, call: EndedCall, now: Date): Promise<CallSettlement> {
    const settlement: CallSettlement = {
      campaign: null,
      wrapUpSeconds: null,
      givenBack: null,
      sequenceDone: false,
      leg: null,
    };
    if (call.kind === 'agent_leg') {
      settlement.leg = await this.legs.settle(runner, call, now);
      return settlement;
    }
    // The tenant's activity feed tells of the call (seed 003's outbound_call / inbound_call), with its end.
    await this.activity.record(call.tenant_id, null, callEndedEntry(call), runner);
    // Every read and write on the transaction's own connection: one taken from the pool while it holds one could
    // wait forever once every connection is held so.
    const campaign = call.campaign_id
      ? await this.pool.campaign(call.tenant_id, call.campaign_id, runner)
      : null;
    settlement.campaign = campaign;
    if (call.agent_id) {
      if (call.connected_at) {
        settlement.wrapUpSeconds = campaign?.wrap_up_seconds ?? DEFAULT_WRAP_UP_SECONDS;
        await this.agents.wrapUp(
          call.tenant_id,
          call.agent_id,
          new Date(now.getTime() + settlement.wrapUpSeconds * 1000),
          call.talk_time ?? 0,
          now,
          runner,
        );
      } else {
        settlement.givenBack = await this.agents.giveBackWithin(runner, call.tenant_id, call.agent_id, now);
      }
    }
    if (campaign && call.lead_id && call.disposition === 'abandoned') {
      const until = new Date(now.getTime() + campaign.abandon_lockout_minutes * 60_000);
      await this.pool.lockOut(runner, call.tenant_id, call.lead_id, until);
    }
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
          runner,
        );
      } else {
        settlement.sequenceDone = await finishCallStep(this.pool, runner, call, campaign, now);
      }
    }
    return settlement;
  }

  async announce(call: EndedCall, settlement: CallSettlement, now: Date): Promise<void> {
    if (call.kind === 'agent_leg') {
      if (settlement.leg) await this.legs.announce(call, settlement.leg, now);
      return;
    }
    if (call.agent_id) {
      if (settlement.wrapUpSeconds !== null) {
        await this.jobs.enqueue(
          'agents.wrap-up-end',
          { tenant_id: call.tenant_id, agent_id: call.agent_id, call_id: call.id },
          { delay: settlement.wrapUpSeconds * 1000, jobId: `wrap-up:${call.id}` },
        );
      } else {
        // It ended before reaching them: their phone, if it still rings for it, stops.
        await this.legs.unbridged(call, call.agent_id, settlement.givenBack, now);
      }
    }
    this.live.toCall(call.tenant_id, call.agent_id, 'call:ended', this.endedEvent(call, now));
    const campaign = settlement.campaign;
    if (campaign && call.enrollment_id && call.attempt && call.disposition) {
      if (settlement.sequenceDone) await this.completions.completeIfDone(call.tenant_id, campaign.id, now);
      await this.progress.notify(call.tenant_id, campaign.id);
    }
    await this.costs.ended(call);
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
