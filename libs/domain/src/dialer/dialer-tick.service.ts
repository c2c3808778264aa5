import { Clock } from '@app/common';
import { JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { AgentAbsenceService } from './agent-absence.service';
import { CallEventsService } from './call-events.service';
import { CallPlacementService } from './call-placement.service';
import { DialerAgents } from './dialer-agents';
import { DialerCallsRepository } from './dialer-calls.repository';
import { DialerPacerService } from './dialer-pacer.service';
import { DialerPoolRepository } from './dialer-pool.repository';
import { PreviewExpiryService } from './preview-expiry.service';

/** A placement with no SID this long after its row committed was lost with its worker. */
const LOST_PLACEMENT_MS = 120_000;
/** After-call work still on this long after it should have ended: its job was lost. */
const WRAP_UP_OVERDUE_MS = 10_000;
/** An agent holding more calls than are theirs, untouched this long: a worker died between the take and the call. */
const OVERHELD_MS = 60_000;
/** An open call no callback has touched this long is asked of the provider (its final callback may be lost). */
export const QUIET_CALL_MS = 10 * 60_000;
/** Rows each sweep handles per tick; the rest wait for the next. */
const SWEEP_LIMIT = 100;

/**
 * The `dialer.tick` job (repeating, platform-wide, on the scheduler's clock): what no one campaign's pacer owns.
 * It wakes the pacer of every campaign with leads at a CALL step (a chain of rounds lost with a dead worker starts
 * again), expires the preview offers left undecided too long (of any campaign, running or not), ends as `failed`
 * the placements whose provider answer was lost (the row committed, no SID came; never placed again under the same
 * attempt), asks the provider about open calls no callback has touched for QUIET_CALL_MS (ended as it says when
 * their final callback was lost), ends the after-call work whose job was lost, gives back the agents held by calls
 * that are not theirs, and checks the agents whose sockets' process died without closing them.
 */
@Injectable()
export class DialerTickService {
  private readonly logger = new Logger(DialerTickService.name);

  constructor(
    private readonly pacer: DialerPacerService,
    private readonly pool: DialerPoolRepository,
    private readonly expiry: PreviewExpiryService,
    private readonly calls: DialerCallsRepository,
    private readonly placement: CallPlacementService,
    private readonly agents: DialerAgents,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    private readonly absence: AgentAbsenceService,
    private readonly events: CallEventsService,
  ) {}

  /** Each sweep on its own, each row on its own: one that keeps failing never stalls the others. */
  @OnJob('dialer.tick')
  async tick(): Promise<void> {
    await this.isolated('pacers', async () => {
      for (const c of await this.pool.pacingCampaigns()) await this.pacer.wake(c.tenant_id, c.id);
    });
    await this.isolated('preview offers', () => this.expiry.expireOffers());
    await this.isolated('lost placements', () => this.failLostPlacements());
    await this.isolated('quiet calls', () => this.reconcileQuietCalls());
    await this.isolated('overdue wrap-ups', () => this.endOverdueWrapUps());
    await this.isolated('over-held agents', () => this.releaseOverheldAgents());
    await this.isolated('lapsed agent sockets', () => this.absence.checkLapsed());
  }

  private async isolated(
    what: string,
    run: () => Promise<void>,
    ids: Record<string, string> = {},
  ): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.logger.error({ err, ...ids }, `Dialer tick: ${what} failed; the next tick tries again`);
    }
  }

  private async reconcileQuietCalls(): Promise<void> {
    const before = new Date(this.clock.nowMs() - QUIET_CALL_MS);
    for (const quiet of await this.calls.quietCalls(before, SWEEP_LIMIT)) {
      await this.isolated('a quiet call', () => this.events.reconcileQuiet(quiet.tenant_id, quiet.id), {
        tenant_id: quiet.tenant_id,
        call_id: quiet.id,
      });
    }
  }

  private async failLostPlacements(): Promise<void> {
    const before = new Date(this.clock.nowMs() - LOST_PLACEMENT_MS);
    for (const lost of await this.calls.lostPlacements(before, SWEEP_LIMIT)) {
      await this.isolated(
        'a lost placement',
        async () => {
          const call = await this.calls.find(lost.tenant_id, lost.id);
          if (call) await this.placement.fail(call, 'placement_lost');
        },
        { tenant_id: lost.tenant_id, call_id: lost.id },
      );
    }
  }

  private async endOverdueWrapUps(): Promise<void> {
    const before = new Date(this.clock.nowMs() - WRAP_UP_OVERDUE_MS);
    for (const agent of await this.agents.overdueWrapUps(before, SWEEP_LIMIT)) {
      await this.jobs.enqueue(
        'agents.wrap-up-end',
        { tenant_id: agent.tenant_id, agent_id: agent.id },
        { jobId: `wrap-up-overdue:${agent.id}:${agent.wrap_up_until.getTime()}` },
      );
    }
  }

  private async releaseOverheldAgents(): Promise<void> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - OVERHELD_MS);
    for (const agent of await this.agents.overheld(before, SWEEP_LIMIT))
      await this.isolated('an over-held agent', () => this.releaseOverheld(agent, before, now), {
        tenant_id: agent.tenant_id,
        agent_id: agent.id,
      });
  }

  private async releaseOverheld(
    agent: { tenant_id: string; id: string },
    before: Date,
    now: Date,
  ): Promise<void> {
    const fixed = await this.agents.reconcile(agent.tenant_id, agent.id, before, now);
    if (!fixed) return;
    const freed = fixed.status === 'available' && fixed.previous !== 'available';
    this.logger.warn(
      { tenant_id: agent.tenant_id, agent_id: agent.id, freed, current_calls: fixed.current_calls },
      'Agent held by calls that are not theirs: given back',
    );
    // Available again: what any change to available sets off (their live leg, waiting leads, the pacers).
    if (freed)
      await this.jobs.enqueue('agents.status-changed', {
        tenant_id: agent.tenant_id,
        agent_id: agent.id,
        status: 'available',
      });
  }
}
