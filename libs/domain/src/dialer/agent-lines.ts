import { Clock, E164 } from '@app/common';
import { fastTransaction } from '@app/db';
import { LiveEvents } from '@app/events';
import { agentLegTwiml, joinAgentConferenceTwiml, PlacedCall, ProviderError } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { AchievementProgress } from '../achievements/achievement-progress.service';
import { Conferences } from '../voice/voice-urls';
import { VoiceChannel, VoiceChannelsService } from '../voice/voice-channels.service';
import { DialerAgents } from './dialer-agents';
import type { DialerAgent } from './dialer-agents.repository';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerLeases } from './dialer-leases';
import { LeadCards } from './lead-cards';
import { redirectLiveCall } from './redirect-call';

const AGENT_RING_SECONDS = 20;
/** How long an agent's leg waits for a calls-per-second slot. */
const AGENT_SLOT_WAIT_MS = 5000;

/**
 * The line between a call and the agent it was given to. An agent on a live leg waits in their own conference:
 * the lead is moved into it and the whisper (the lead's name and notes) is announced to the agent alone. Otherwise
 * the agent's phone is rung (once per call), and they hear the whisper before joining the lead's conference (seed
 * 001's agent-answer). A call that ends first stops their phone ringing for it.
 */
@Injectable()
export class AgentLines {
  private readonly logger = new Logger(AgentLines.name);

  constructor(
    private readonly calls: DialerCallsRepository,
    private readonly agents: DialerAgents,
    private readonly leads: LeadCards,
    private readonly voice: VoiceChannelsService,
    private readonly live: LiveEvents,
    private readonly leases: DialerLeases,
    private readonly clock: Clock,
    private readonly achievements: AchievementProgress,
  ) {}

  /** The call, assigned to the agent, goes through to them (the agent gets `incoming:call` first). */
  async putThrough(call: DialerCall, agent: DialerAgent, now: Date): Promise<void> {
    const channel = await this.voice.resolve(call.tenant_id);
    const lead = call.lead_id ? await this.leads.card(call.tenant_id, call.lead_id) : null;
    // A call event: the agent's room, and the staff watching the floor (who took which call).
    this.live.toCall(call.tenant_id, agent.id, 'incoming:call', {
      call_id: call.id,
      lead_id: call.lead_id,
      campaign_id: call.campaign_id,
      agent_id: agent.id,
      direction: call.direction,
      first_name: lead?.first_name ?? null,
      last_name: lead?.last_name ?? null,
      phone: lead?.phone ?? call.from_number,
      notes: lead?.notes ?? null,
      timestamp: now.toISOString(),
    });
    const leg = agent.live_call_sid
      ? await this.calls.liveLeg(call.tenant_id, agent.id, agent.live_call_sid)
      : null;
    if (leg?.conference_sid && call.call_sid) {
      await this.joinLiveLeg(channel, call, agent, leg);
      return;
    }
    if (agent.phone) {
      await this.ring(channel, call, agent, now);
      return;
    }
    this.logger.warn({ tenant_id: call.tenant_id, agent_id: agent.id }, 'Agent has no live leg and no phone');
  }

  /** A call that ended before its agent answered: their phone stops ringing for it (the leg's end follows). */
  async hangUp(call: DialerCall): Promise<void> {
    const legs = (await this.calls.openLegs(call.tenant_id, call.id)).filter((leg) => leg.call_sid);
    if (!legs.length) return;
    const channel = await this.voice.resolve(call.tenant_id);
    for (const leg of legs) {
      await channel.port.updateCall(leg.call_sid as string, { status: 'canceled' }).catch((err: unknown) =>
        // Rung out or answered meanwhile: its own end (or the hang-up TwiML an ended call's leg gets) follows.
        this.logger.warn({ err, tenant_id: call.tenant_id, call_id: leg.id }, 'Agent leg not hung up'),
      );
    }
  }

  /**
   * Power and predictive: the lead joins the agent's conference at once; the whisper goes to the agent alone. Once
   * `connected_at` is written the bridge is done (a retry of its job does nothing), so a whisper the provider
   * refuses is logged, not retried: the agent has the lead's card from `incoming:call`.
   */
  private async joinLiveLeg(channel: VoiceChannel, call: DialerCall, agent: DialerAgent, leg: DialerCall) {
    const joined = await redirectLiveCall(
      channel.port,
      call.call_sid as string,
      joinAgentConferenceTwiml({
        conferenceName: Conferences.ofAgent(agent.id),
        statusCallbackUrl: channel.urls.conference(call.id),
        endConferenceOnExit: false,
      }),
    );
    if (!joined) {
      // The lead hung up as the agent was found: the call's end gives the agent back (CallEndingsService).
      this.logger.log(
        { tenant_id: call.tenant_id, call_id: call.id },
        'The lead hung up before joining the agent',
      );
      return;
    }
    const now = this.clock.now();
    await this.calls.update(
      call.tenant_id,
      call.id,
      {
        connected_at: now,
        conference_name: Conferences.ofAgent(agent.id),
        conference_sid: leg.conference_sid,
      },
      now,
    );
    await this.achievements.agentConnected(call.tenant_id, agent.id);
    await channel.port
      .announce(leg.conference_sid as string, leg.call_sid as string, channel.urls.announce(call.id))
      .catch((err: unknown) =>
        this.logger.warn({ err, tenant_id: call.tenant_id, call_id: call.id }, 'Whisper not played'),
      );
  }

  /**
   * Preview, or an agent without a live leg: the agent is called, whispered, and joins the lead's conference. From
   * the voice account's number, else the number of ours the call is on: the one it was placed from, or the one an
   * inbound caller dialled (never the caller's own, nor a SIP or client address, which no phone call can come from).
   */
  private async ring(channel: VoiceChannel, call: DialerCall, agent: DialerAgent, now: Date) {
    const ours = call.direction === 'inbound' ? call.to_number : call.from_number;
    const from = channel.from ?? (ours && E164.test(ours) ? ours : null);
    const legRow = await this.calls.insert(
      call.tenant_id,
      {
        kind: 'agent_leg',
        direction: 'outbound',
        agent_id: agent.id,
        parent_call_id: call.id,
        campaign_id: call.campaign_id,
        from_number: from,
        to_number: agent.phone,
      },
      now,
    );
    // Another bridge of this call has its leg open (uq_calls_open_agent_leg): the agent is rung once.
    if (!legRow) return;
    // An agent's leg is a call too: it waits for the account's calls-per-second slot like any other. None
    // within the wait, or the provider refused it: the agent is given back and the lead waits for its deadline.
    if (!from) {
      await this.notPlaced(call, agent, legRow.id, 'no_caller_id');
      return;
    }
    if (!(await this.leases.waitForSlot(call.tenant_id, channel.cps, AGENT_SLOT_WAIT_MS))) {
      await this.notPlaced(call, agent, legRow.id, 'no_cps_slot');
      return;
    }
    let placed: PlacedCall;
    try {
      placed = await channel.port.placeCall({
        to: agent.phone as string,
        from,
        answer_url: channel.urls.agentAnswer(legRow.id, Conferences.ofCall(call.id)),
        status_callback_url: channel.urls.status(legRow.id),
        timeout_seconds: AGENT_RING_SECONDS,
      });
    } catch (err) {
      this.logger.warn(
        { err, tenant_id: call.tenant_id, call_id: call.id, agent_id: agent.id },
        'Agent leg not placed',
      );
      // Never placed again under this leg (at most once): one that may have gone out rings the agent once at most.
      const unknown = !(err instanceof ProviderError) || err.mayHaveBeenSent;
      await this.notPlaced(call, agent, legRow.id, unknown ? 'placement_unknown' : 'placement_refused');
      return;
    }
    // Unless a status callback of the leg came first (it records the SID with its status): never moved back.
    await this.calls.update(
      call.tenant_id,
      legRow.id,
      { call_sid: placed.call_sid, status: 'initiated' },
      now,
      undefined,
      'AND call_sid IS NULL',
    );
  }

  /**
   * The agent's leg ends `failed` unplaced, and in the same transaction the call is taken back from the agent and
   * the agent given back: the lead waits for another agent (or its deadline).
   */
  private async notPlaced(call: DialerCall, agent: DialerAgent, legId: string, failure: string) {
    const now = this.clock.now();
    const givenBack = await fastTransaction(this.calls.db, async (runner) => {
      await this.calls.update(
        call.tenant_id,
        legId,
        { status: 'failed', disposition: 'failed', end_time: now, metadata: { failure } },
        now,
        runner,
      );
      if (!(await this.calls.unassign(call.tenant_id, call.id, agent.id, now, runner))) return null;
      return this.agents.giveBackWithin(runner, call.tenant_id, agent.id, now);
    });
    this.agents.announceGivenBack(call.tenant_id, agent.id, givenBack, now);
  }
}

/** The TwiML an agent's leg gets when it answers: the whisper, then the conference it was called into. */
export function agentAnswerTwiml(
  channel: VoiceChannel,
  legId: string,
  conferenceName: string,
  whisper: string,
) {
  return agentLegTwiml({
    conferenceName,
    statusCallbackUrl: channel.urls.conference(legId),
    whisper,
    // The agent leaving ends the call for the lead too (in the lead's conference and in their own).
    endConferenceOnExit: true,
  });
}
