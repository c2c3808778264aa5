import { Clock } from '@app/common';
import { fastTransaction } from '@app/db';
import type { CallKind } from '@app/db';
import { ProviderError } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ContactPolicyService, PolicyVerdict } from '../contact-policy/contact-policy.service';
import { VoiceChannel } from '../voice/voice-channels.service';
import { CallEndingsService, EndedCall } from './call-endings.service';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerLeases } from './dialer-leases';
import { DialCampaign, DialCandidate, DialerPoolRepository } from './dialer-pool.repository';

/** What happened to one lead the pacer tried to dial. */
export type PlacementResult = 'placed' | 'refused' | 'held' | 'taken' | 'cps' | 'failed';

const HOUR_MS = 3_600_000;

/**
 * Places one dial: the contact policy at the moment of dialing (do-not-contact, opt-outs, calling hours in every
 * zone of the lead, DESIGN §7.1-2), the account's calls per second, then the call row and the lead's attempt in
 * one transaction before the provider is asked (at most one call per enrollment and attempt), then the provider.
 */
@Injectable()
export class CallPlacementService {
  private readonly logger = new Logger(CallPlacementService.name);

  constructor(
    private readonly pool: DialerPoolRepository,
    private readonly calls: DialerCallsRepository,
    private readonly policy: ContactPolicyService,
    private readonly leases: DialerLeases,
    private readonly endings: CallEndingsService,
    private readonly clock: Clock,
  ) {}

  /** May this lead be called now? Refused leads leave the pool (or wait for the window); answers whether to go on. */
  async admit(campaign: DialCampaign, candidate: DialCandidate): Promise<boolean> {
    const now = this.clock.now();
    const verdict = await this.verdict(campaign, candidate.lead_id);
    if (verdict.allowed) return true;
    if (verdict.rule === 'outside_window') {
      const at = verdict.next_open_at ?? new Date(now.getTime() + 24 * HOUR_MS);
      await this.pool.holdUntil(campaign.tenant_id, candidate, at, now);
    } else {
      const status = verdict.rule === 'no_address' ? 'failed' : 'dnc';
      await this.pool.refuse(campaign.tenant_id, candidate, status, verdict.rule, now);
    }
    return false;
  }

  /** The contact policy on the lead for a call now: do-not-contact, opt-outs, the campaign's hours in its zones. */
  async verdict(campaign: DialCampaign, leadId: string): Promise<PolicyVerdict> {
    const { verdict } = await this.policy.evaluate(campaign.tenant_id, leadId, 'voice', {
      window: {
        hours: {
          start: campaign.calling_hours_start,
          end: campaign.calling_hours_end,
          days: campaign.calling_days,
        },
        zone: campaign.zone,
      },
    });
    return verdict;
  }

  /** Takes the lead for its next attempt and writes its call row (no provider call yet); null when taken already. */
  async reserve(
    campaign: DialCampaign,
    channel: VoiceChannel,
    candidate: DialCandidate,
    extra: { kind: CallKind; agent_id?: string; metadata?: Record<string, unknown> },
  ): Promise<DialerCall | null> {
    const now = this.clock.now();
    return this.pool.db.transaction(async (tx) => {
      if (!(await this.pool.take(tx, campaign.tenant_id, candidate, now))) return null;
      const call = await this.calls.insert(
        campaign.tenant_id,
        {
          kind: extra.kind,
          direction: 'outbound',
          campaign_id: campaign.id,
          lead_id: candidate.lead_id,
          enrollment_id: candidate.enrollment_id,
          attempt: candidate.attempts + 1,
          agent_id: extra.agent_id ?? null,
          from_number: campaign.caller_id ?? channel.from,
          to_number: candidate.phone,
          // AMD as the campaign has it now: the call is placed, answered and bridged by this, whatever later edits.
          metadata: { ...extra.metadata, ...(extra.kind === 'dialer' ? { amd: campaign.amd_enabled } : {}) },
        },
        now,
        tx,
      );
      if (!call)
        throw new Error(
          `Call of enrollment ${candidate.enrollment_id} attempt ${candidate.attempts + 1} exists`,
        );
      return call;
    });
  }

  /** Waits for the account's next call slot (at most a second); false when none is near: try next round. */
  async slot(channel: VoiceChannel): Promise<boolean> {
    const slot = await this.leases.cpsSlot(channel.tenantId, channel.cps);
    if ('retry_in_ms' in slot) return false;
    if (slot.hold_ms > 0) await sleep(slot.hold_ms);
    return true;
  }

  /**
   * Asks the provider to place the reserved call; a refusal ends it `failed` (the retry policy decides). Once the
   * provider took it, or may have (its answer was lost), it is placed whatever happens to our write of its SID: the
   * provider's callbacks name the call by our id and record the SID, so it is never failed here (and redialed)
   * while it rings.
   */
  async dial(campaign: DialCampaign, channel: VoiceChannel, call: DialerCall): Promise<boolean> {
    const amd = call.kind === 'dialer' && usesAmd(call, campaign);
    if (!call.from_number) {
      // Neither the campaign nor the account has a caller id: never placed from another number (the lead's own).
      this.logger.warn({ tenant_id: call.tenant_id, call_id: call.id }, 'Call not placed: no caller id');
      await this.fail(call, 'no_caller_id');
      return false;
    }
    let placed: { call_sid: string };
    try {
      placed = await channel.port.placeCall({
        to: call.to_number as string,
        from: call.from_number,
        answer_url: channel.urls.answer(call.id),
        status_callback_url: channel.urls.status(call.id),
        ...(amd
          ? {
              machine_detection: campaign.voicemail_message_url ? 'DetectMessageEnd' : 'Enable',
              amd_callback_url: channel.urls.amd(call.id),
            }
          : {}),
        ...(campaign.record_calls
          ? { record: true, recording_callback_url: channel.urls.recording(call.id) }
          : {}),
        timeout_seconds: campaign.ring_timeout_seconds,
      });
    } catch (err) {
      const uncertain = err instanceof ProviderError ? err.mayHaveBeenSent : true;
      if (uncertain) {
        // The provider may have taken it (a timeout, a 5xx): its callbacks name it by our id and record it if it
        // rings; if it never was placed, the dialer tick's sweep of lost placements fails it. Ended here, a call
        // that did ring would be hung up as the person answered, and the lead dialed again.
        this.logger.warn(
          { err, tenant_id: call.tenant_id, call_id: call.id },
          'Call placement outcome unknown: left to its callbacks, else to the sweep of lost placements',
        );
        return false;
      }
      this.logger.warn({ err, tenant_id: call.tenant_id, call_id: call.id }, 'Call not placed');
      await this.fail(call, 'placement_refused');
      return false;
    }
    const now = this.clock.now();
    try {
      await this.calls.update(
        call.tenant_id,
        call.id,
        { call_sid: placed.call_sid, start_time: now },
        now,
        undefined,
        'AND call_sid IS NULL',
      );
    } catch (err) {
      this.logger.error(
        { err, tenant_id: call.tenant_id, call_id: call.id, call_sid: placed.call_sid },
        'Call placed, its SID not recorded: its callbacks will record it',
      );
    }
    return true;
  }

  /** Ends a call that was never placed (or whose placement is unknown) as `failed`, settled in the same transaction. */
  async fail(call: DialerCall, reason: string): Promise<void> {
    const now = this.clock.now();
    const ended: EndedCall = { ...call, status: 'failed', disposition: 'failed', end_time: now, duration: 0 };
    const settlement = await fastTransaction(this.calls.db, async (runner) => {
      const done = await this.calls.update(
        call.tenant_id,
        call.id,
        {
          status: 'failed',
          disposition: 'failed',
          end_time: now,
          duration: 0,
          metadata: { failure: reason },
        },
        now,
        runner,
        'AND end_time IS NULL',
      );
      return done ? this.endings.settle(runner, ended, now) : null;
    });
    if (settlement) await this.endings.announce(ended, settlement, now);
  }
}

/** Whether the call is placed with answering machine detection: as its row says (set when it was reserved). */
export function usesAmd(
  call: Pick<DialerCall, 'metadata'>,
  campaign: Pick<DialCampaign, 'amd_enabled'> | null,
): boolean {
  const recorded = call.metadata.amd;
  return typeof recorded === 'boolean' ? recorded : Boolean(campaign?.amd_enabled);
}
