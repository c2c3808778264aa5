import { Clock } from '@app/common';
import { LiveEvents } from '@app/events';
import { JobPayloads, JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { withinWorkingHours } from '../agents/working-hours';
import { VoiceChannel, VoiceChannelsService } from '../voice/voice-channels.service';
import { CallPlacementService } from './call-placement.service';
import { DialerAgents } from './dialer-agents';
import { DialerLeases } from './dialer-leases';
import { DialCampaign, DialerPoolRepository } from './dialer-pool.repository';
import { LeadCards } from './lead-cards';
import { LiveLegsDue } from './live-legs-due';
import { PacerSnapshotsRepository } from './pacer-snapshots.repository';
import { callsToPlace } from './pacing';

/** How often a campaign is paced. */
export const PACE_EVERY_MS = 1000;
/** The pacer lease outlives a round by far; it expires this long after a worker died holding it. */
const LEASE_MS = 15_000;
/** A campaign whose leads all wait (a retry, the window) is looked at again at least this often. */
const IDLE_WAKE_MS = 30_000;
/** A round that failed is tried again this soon, twice as late after each failure in a row, up to the cap. */
const RETRY_AFTER_FAILURE_MS = 2000;
const RETRY_AFTER_FAILURES_MAX_MS = 300_000;

/** When to try a campaign's round again after `failures` failed in a row. */
export function retryAfterFailures(failures: number): number {
  return Math.min(RETRY_AFTER_FAILURE_MS * 2 ** Math.max(0, failures - 1), RETRY_AFTER_FAILURES_MAX_MS);
}
/** Lines a voice broadcast (no agents) keeps ringing at once. */
const BROADCAST_LINES = 10;

/**
 * The dialer (issue 6 §4): paces each active campaign with leads at a CALL step, one pacer per campaign at a time
 * across workers (a Redis lease), once a second. Each round asks the pacing decision how many calls to place now
 * (preview: none, the agent picks; power: lines per available agent; predictive: adaptive), takes leads by
 * priority then `next_call_at`, checks each at the moment of dialing, and places them no faster than the account's
 * calls per second.
 */
@Injectable()
export class DialerPacerService {
  private readonly logger = new Logger(DialerPacerService.name);

  constructor(
    private readonly pool: DialerPoolRepository,
    private readonly snapshots: PacerSnapshotsRepository,
    private readonly placement: CallPlacementService,
    private readonly agents: DialerAgents,
    private readonly leads: LeadCards,
    private readonly voice: VoiceChannelsService,
    private readonly leases: DialerLeases,
    private readonly live: LiveEvents,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    private readonly liveLegs: LiveLegsDue,
  ) {}

  /**
   * Queues the campaign's next pacing round (one per second at most, whoever asks): at a whole second no sooner
   * than `delayMs` from now and always after this second, so the round it joins has not started yet. A round
   * that had already read the campaign (or finished, its job kept under the same id) would swallow the wake of a
   * change it never saw: a lead reaching the CALL step just after a round found none ended the chain of rounds.
   */
  async wake(tenantId: string, campaignId: string, delayMs = 0): Promise<void> {
    const now = Date.now();
    const slot = Math.max(Math.floor((now + delayMs) / PACE_EVERY_MS), Math.floor(now / PACE_EVERY_MS) + 1);
    await this.jobs.enqueue(
      'dialer.pace',
      { tenant_id: tenantId, campaign_id: campaignId },
      { delay: slot * PACE_EVERY_MS - now, jobId: `pace:${campaignId}:${slot}`, attempts: 1 },
    );
  }

  @OnJob('dialer.pace')
  async pace(payload: JobPayloads['dialer.pace']): Promise<void> {
    const token = await this.leases.acquire(payload.campaign_id, LEASE_MS);
    if (!token) {
      // Another pacer's round may have read the campaign before the change this wake is for, and end its chain:
      // tried again next second, until the lease is free (or lapses with a dead worker).
      await this.wake(payload.tenant_id, payload.campaign_id);
      return;
    }
    let next: number | null;
    try {
      // Renewed before each placement: a round slowed by the provider (a 15 s timeout) never runs on past its lease
      // beside another worker's pacer, which would dial from a snapshot missing this round's calls.
      const held = () => this.leases.renew(payload.campaign_id, token, LEASE_MS);
      next = await this.round(payload.tenant_id, payload.campaign_id, held);
      await this.leases.roundSucceeded(payload.campaign_id);
    } catch (err) {
      // The chain of rounds goes on: a failed round (a lost connection, a deadlock) is tried again shortly, not
      // left to the dialer tick (or, with the tick off, to the next call's end); one that keeps failing (a fault
      // in the campaign's data) ever less often, up to every 5 minutes, counted in Redis across workers.
      const failures = await this.leases.roundFailed(payload.campaign_id).catch(() => 1);
      next = retryAfterFailures(failures);
      this.logger.error(
        { err, tenant_id: payload.tenant_id, campaign_id: payload.campaign_id, failures, retry_in_ms: next },
        'Pacing round failed: trying again',
      );
    } finally {
      await this.leases.release(payload.campaign_id, token);
    }
    if (next !== null) await this.wake(payload.tenant_id, payload.campaign_id, next);
  }

  /**
   * One pacing round; answers when the next is due (ms), or null when the campaign has no lead left to call.
   * While calls are in flight or leads are due it is a second; else the next lead's time, at most IDLE_WAKE_MS.
   */
  private async round(
    tenantId: string,
    campaignId: string,
    held: () => Promise<boolean>,
  ): Promise<number | null> {
    const campaign = await this.pool.campaign(tenantId, campaignId);
    if (!campaign || campaign.status !== 'active') return null;
    const now = this.clock.now();
    if (campaign.schedule_end && campaign.schedule_end <= now) return null;
    const channel = await this.voice.resolve(tenantId);
    const callSteps = campaign.steps.filter((s) => s.type === 'CALL');
    const broadcast = callSteps.length > 0 && callSteps.every((s) => s.options.call_mode === 'play_message');
    if (!broadcast && campaign.dialing_mode === 'preview') {
      await this.offerPreviews(campaign, channel, held);
    } else {
      // Its agents who were available before it ran get their live leg (held from this round until it is placed).
      if (!broadcast) await this.liveLegs.call(tenantId, campaign.agent_group_id);
      const snapshot = await this.snapshots.snapshot(campaign, now);
      // No more than the account's calls per second allow until the next round.
      const budget = Math.max(1, Math.floor((channel.cps * PACE_EVERY_MS) / 1000));
      const n = broadcast
        ? Math.min(budget, Math.max(0, BROADCAST_LINES - snapshot.calls.length))
        : callsToPlace({ ...snapshot, max_calls: budget });
      if (n > 0) await this.placeCalls(campaign, channel, n, held);
    }
    const work = await this.pool.work(tenantId, campaignId);
    if (!work) return null;
    const dueIn = work.next_at ? work.next_at.getTime() - this.clock.nowMs() : Number.POSITIVE_INFINITY;
    if (work.in_flight > 0 || dueIn <= PACE_EVERY_MS) return PACE_EVERY_MS;
    return Math.min(dueIn, IDLE_WAKE_MS);
  }

  private async placeCalls(
    campaign: DialCampaign,
    channel: VoiceChannel,
    n: number,
    held: () => Promise<boolean>,
  ): Promise<void> {
    const candidates = await this.pool.candidates(campaign.tenant_id, campaign.id, this.clock.now(), n * 2);
    let placed = 0;
    for (const candidate of candidates) {
      if (placed >= n) break;
      if (!(await this.placement.admit(campaign, candidate))) continue;
      if (!(await this.placement.slot(channel))) break;
      if (!(await held())) break;
      // Asked again once the slot came (up to a second later): a lead listed or opted out meanwhile is not dialed.
      // The first ask keeps slots from being taken for leads refused all along (outside their hours, say).
      if (!(await this.placement.admit(campaign, candidate))) continue;
      const step = campaign.steps.find((s) => s.position === candidate.current_step);
      const playMessage = step?.options.call_mode === 'play_message';
      const call = await this.placement.reserve(campaign, channel, candidate, {
        kind: playMessage ? 'broadcast' : 'dialer',
        metadata: playMessage
          ? { message: step?.content ?? null, audio_url: step?.options.audio_url ?? null }
          : {},
      });
      if (!call) continue;
      await this.placement.dial(campaign, channel, call);
      placed++;
    }
  }

  /** Preview: each available agent is offered one lead over socket.io; they dial it (or skip it). */
  private async offerPreviews(
    campaign: DialCampaign,
    channel: VoiceChannel,
    held: () => Promise<boolean>,
  ): Promise<void> {
    const now = this.clock.now();
    // Only an agent the call can be put through to (a live leg or a phone): one with neither, offered the lead,
    // would dial it and leave the person who answers on hold for no one.
    const agents = await this.agents.available(
      campaign.tenant_id,
      campaign.agent_group_id,
      20,
      (agent) =>
        (!!agent.live_call_sid || !!agent.phone) && withinWorkingHours(agent.working_hours, agent.zone, now),
    );
    for (const agent of agents) {
      if (!(await held())) return;
      const [candidate] = await this.pool.candidates(campaign.tenant_id, campaign.id, now, 1);
      if (!candidate) return;
      if (!(await this.placement.admit(campaign, candidate))) continue;
      if (!(await this.agents.take(campaign.tenant_id, agent.id, now))) continue;
      const call = await this.placement.reserve(campaign, channel, candidate, {
        kind: 'dialer',
        agent_id: agent.id,
        metadata: { preview: true },
      });
      if (!call) {
        await this.agents.giveBack(campaign.tenant_id, agent.id, now);
        continue;
      }
      const lead = await this.leads.card(campaign.tenant_id, candidate.lead_id);
      this.live.toAgent(agent.id, 'preview:call', {
        call_id: call.id,
        lead_id: candidate.lead_id,
        campaign_id: campaign.id,
        agent_id: agent.id,
        direction: 'outbound',
        first_name: lead?.first_name ?? null,
        last_name: lead?.last_name ?? null,
        phone: lead?.phone ?? null,
        notes: lead?.notes ?? null,
        timestamp: now.toISOString(),
      });
    }
  }
}
