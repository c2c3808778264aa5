import { fastTransaction, SqlRunner } from '@app/db';
import { callStatusEvent, LiveEvents } from '@app/events';
import { Injectable, Logger } from '@nestjs/common';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { CampaignCompletions } from '../campaign-engine/campaign-completions';
import { finishCallStep } from './call-step';
import { DialerAgentsRepository } from './dialer-agents.repository';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerPoolRepository } from './dialer-pool.repository';

/** What putting a call right changed, for what follows once it committed. */
export interface LateConnection {
  call: DialerCall;
  /** The lead's sequence ended with the call: the campaign may be complete. */
  sequenceDone: boolean;
}

/**
 * An agent's answer that is applied after the lead's call ended (its job retried, a worker stalled) finds the call
 * settled as never reaching them: abandoned, another attempt planned, the agent given back. It did reach them, and
 * the call is put right: answered, with the talk time the two shared, counted in the agent's totals, and the lead's
 * CALL step done instead of tried again (unless that attempt was made meanwhile). The after-call work it would have
 * given the agent is past, and the abandoned-call lockout stays: it only ever delays a call.
 */
@Injectable()
export class LateConnections {
  private readonly logger = new Logger(LateConnections.name);

  constructor(
    private readonly calls: DialerCallsRepository,
    private readonly agents: DialerAgentsRepository,
    private readonly pool: DialerPoolRepository,
    private readonly completions: CampaignCompletions,
    private readonly progress: CampaignProgress,
    private readonly live: LiveEvents,
  ) {}

  /** The agent's leg answered at `at`: its call, if it ended unbridged, was theirs. */
  async connect(leg: DialerCall, at: Date, now: Date): Promise<void> {
    const late = await fastTransaction(this.calls.db, (runner) => this.settle(runner, leg, at, now));
    if (late) await this.announce(late, now);
  }

  /** connect's database half, in the caller's transaction (an agent's leg's end); announce once it committed. */
  async settle(runner: SqlRunner, leg: DialerCall, at: Date, now: Date): Promise<LateConnection | null> {
    if (!leg.parent_call_id || !leg.agent_id) return null;
    const call = await this.calls.lock(runner, leg.tenant_id, leg.parent_call_id);
    if (!call?.end_time || call.connected_at || call.agent_id !== leg.agent_id) return null;
    if (call.disposition !== 'abandoned' && call.disposition !== 'missed') return null;
    const earliest = call.answer_time ?? call.start_time ?? call.end_time;
    const connectedAt = new Date(
      Math.min(Math.max(at.getTime(), earliest.getTime()), call.end_time.getTime()),
    );
    const talk = Math.round((call.end_time.getTime() - connectedAt.getTime()) / 1000);
    const changes = { connected_at: connectedAt, disposition: 'answered' as const, talk_time: talk };
    await this.calls.update(leg.tenant_id, call.id, changes, now, runner);
    await this.agents.countHandled(runner, leg.tenant_id, leg.agent_id, talk, now);
    const campaign =
      call.campaign_id && call.enrollment_id && call.attempt
        ? await this.pool.campaign(call.tenant_id, call.campaign_id, runner)
        : null;
    const sequenceDone = campaign ? await finishCallStep(this.pool, runner, call, campaign, now) : false;
    return { call: { ...call, ...changes }, sequenceDone };
  }

  async announce(late: LateConnection, now: Date): Promise<void> {
    const call = late.call;
    this.logger.log(
      { tenant_id: call.tenant_id, call_id: call.id, agent_id: call.agent_id },
      'The agent had taken the call before it ended: counted answered',
    );
    this.live.toCall(call.tenant_id, call.agent_id, 'call_status_update', callStatusEvent(call, now));
    if (!call.campaign_id) return;
    if (late.sequenceDone) await this.completions.completeIfDone(call.tenant_id, call.campaign_id, now);
    await this.progress.notify(call.tenant_id, call.campaign_id);
  }
}
