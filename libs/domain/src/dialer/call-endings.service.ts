import type { AgentStatus, SqlRunner } from '@app/db';
import { LiveEvents } from '@app/events';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { AgentStatusService } from '../agents/agent-status.service';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { EnrollmentsRepository } from '../campaign-engine/enrollments.repository';
import { nextAction } from '../campaign-engine/step-plan';
import { AgentBridgeService } from './agent-bridge.service';
import { afterCall } from './call-outcome';
import { DialerAgents } from './dialer-agents';
import type { AgentMove } from './dialer-agents.repository';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
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
  /** An agent's leg ended before they answered: the lead's call it was for, to give another agent. */
  reconnect: string | null;
  /** The agent let their phone ring out (or it was busy) and was put on a break; how, when it changed them. */
  unanswered: (AgentMove & { previous: AgentStatus }) | null;
}

/** How an agent's leg ends when the agent did not take it: their phone rang out, or was busy. */
const NOT_TAKEN: ReadonlySet<string> = new Set(['no-answer', 'busy']);

/**
 * What follows a call's final status, in two halves. `settle` makes the database changes (the agent's after-call
 * work, or their release when the call never reached them; the live leg's end; the retry policy or the lead's next
 * step) in the transaction that ends the call, so an end is never half-applied: a failure rolls the end back with
 * them and the event's job applies it again, whole. `announce` follows the commit: the wrap-up timer, the live
 * events, a freed agent's waiting leads, the campaign's progress and completion.
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
    private readonly status: AgentStatusService,
    private readonly live: LiveEvents,
    private readonly jobs: JobProducer,
  ) {}

  async settle(runner: SqlRunner, call: EndedCall, now: Date): Promise<CallSettlement> {
    const settlement: CallSettlement = {
      campaign: null,
      wrapUpSeconds: null,
      givenBack: null,
      sequenceDone: false,
      reconnect: null,
      unanswered: null,
    };
    if (call.kind === 'agent_leg') {
      settlement.reconnect = await this.agentLegEnded(runner, call, now);
      if (!settlement.reconnect || !call.agent_id) return settlement;
      // Away from their phone (it rang out, or they were on another call): on a break, so that the lead and the
      // calls after it go to someone else instead of ringing them again and again. Any other end: available.
      if (NOT_TAKEN.has(call.status))
        settlement.unanswered = await this.agents.releaseOffer(
          runner,
          call.tenant_id,
          call.agent_id,
          'break',
          now,
        );
      else
        settlement.givenBack = await this.agents.giveBackWithin(runner, call.tenant_id, call.agent_id, now);
      return settlement;
    }
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
        settlement.sequenceDone = await this.stepDone(runner, call, campaign, now);
      }
    }
    return settlement;
  }

  async announce(call: EndedCall, settlement: CallSettlement, now: Date): Promise<void> {
    if (call.kind === 'agent_leg') {
      if (!settlement.reconnect || !call.agent_id) return;
      const away = settlement.unanswered;
      if (away) {
        this.live.toAgent(call.agent_id, 'call:unanswered', {
          call_id: settlement.reconnect,
          agent_id: call.agent_id,
          status: call.status,
          timestamp: now.toISOString(),
        });
        // Still holding only this call, they were put on the break; else their status is their own.
        if (away.previous === 'busy' && away.status === 'break')
          await this.status.announce(call.tenant_id, call.agent_id, away, now);
        this.logger.log(
          {
            tenant_id: call.tenant_id,
            agent_id: call.agent_id,
            call_id: settlement.reconnect,
            status: call.status,
          },
          'Agent did not answer: on a break',
        );
      }
      this.agents.announceGivenBack(call.tenant_id, call.agent_id, settlement.givenBack, now);
      await this.bridge.connect(call.tenant_id, settlement.reconnect);
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
        await this.bridge.hangUpLegs(call);
        this.agents.announceGivenBack(call.tenant_id, call.agent_id, settlement.givenBack, now);
        await this.bridge.agentFreed(call.tenant_id, call.agent_id);
      }
      this.live.toAgent(call.agent_id, 'call:ended', this.endedEvent(call, now));
    }
    this.live.toTenant(call.tenant_id, 'call:ended', this.endedEvent(call, now));
    const campaign = settlement.campaign;
    if (campaign && call.enrollment_id && call.attempt && call.disposition) {
      if (
        settlement.sequenceDone &&
        (await this.enrollments.completeIfDone(call.tenant_id, campaign.id, now))
      )
        this.logger.log({ tenant_id: call.tenant_id, campaign_id: campaign.id }, 'Campaign completed');
      await this.progress.notify(call.tenant_id, campaign.id);
    }
  }

  /** The CALL step is over for the lead: on to the next step, or the sequence ends (answered true). */
  private async stepDone(
    runner: SqlRunner,
    call: DialerCall,
    campaign: DialCampaign,
    now: Date,
  ): Promise<boolean> {
    const step = await this.pool.stepOf(call.tenant_id, call.enrollment_id as string, runner);
    if (step === null) return false;
    const next = nextAction(campaign.steps, step, campaign.follow_up_interval_days);
    await this.pool.stepDone(
      call.tenant_id,
      call.enrollment_id as string,
      step,
      call.attempt as number,
      next.done ? null : { position: next.position, at: new Date(now.getTime() + next.wait_ms) },
      now,
      runner,
    );
    return next.done;
  }

  /**
   * An agent's leg ended: their live leg is gone; a lead still waiting on a leg that never answered is taken from
   * them, to wait for another agent (answers that lead's call, to connect once this commits).
   */
  private async agentLegEnded(runner: SqlRunner, leg: DialerCall, now: Date): Promise<string | null> {
    if (!leg.agent_id) return null;
    if (leg.call_sid) await this.agents.setLiveLeg(leg.tenant_id, leg.agent_id, null, leg.call_sid, runner);
    if (!leg.parent_call_id) return null;
    const parent = await this.calls.find(leg.tenant_id, leg.parent_call_id, runner);
    if (!parent || parent.end_time || parent.connected_at || parent.agent_id !== leg.agent_id) return null;
    // The agent did not answer: they are given back and the lead waits for another (until its deadline).
    if (!(await this.calls.unassign(leg.tenant_id, parent.id, leg.agent_id, now, runner))) return null;
    return parent.id;
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
