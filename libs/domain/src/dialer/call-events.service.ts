import { Clock, isUuid } from '@app/common';
import { fastSql, FINAL_CALL_STATUSES, SqlRunner, tenantQuery } from '@app/db';
import type { CallDisposition, CallStatus } from '@app/db';
import { callStatusEvent, LiveEvents } from '@app/events';
import { hangupTwiml, VoiceAmdForm, VoiceCallStatusForm, voicemailDropTwiml } from '@app/providers';
import type { VoiceConferenceForm, VoiceRecordingForm } from '@app/providers';
import { JobPayloads, JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementProgress } from '../achievements/achievement-progress.service';
import { erasedEventPayload } from '../inbound/inbound-event';
import { VoiceChannel, VoiceChannelsService } from '../voice/voice-channels.service';
import { AgentBridgeService } from './agent-bridge.service';
import { CallEndingsService, EndedCall } from './call-endings.service';
import { usesAmd } from './call-placement.service';
import { dispositionOf, isMachine } from './call-outcome';
import { DialerAgents } from './dialer-agents';
import { DialerCall, DialerCallsRepository, isFinal, movesForward } from './dialer-calls.repository';
import { DialerPoolRepository } from './dialer-pool.repository';
import { LateConnections } from './late-connections';
import { redirectLiveCall } from './redirect-call';
import type { VoiceEvent } from './voice-events';

/**
 * How long after its answer a call placed with AMD waits for the result: Twilio's detection gives up (`unknown`)
 * after MachineDetectionTimeout (30 s, the default we place with), and its callback comes at once.
 */
export const AMD_RESULT_WAIT_MS = 35_000;

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
/** When an event happened: its callback's arrival (its job may run later, after a backlog or a retry), else now. */
const happenedAt = (receivedAt: Date | undefined, now: Date) =>
  receivedAt && receivedAt.getTime() <= now.getTime() ? receivedAt : now;
/** A provider's timestamp as a date; none for a missing or unreadable one. */
const timeOf = (value: string | null) => {
  const at = value ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
};

/**
 * The `calls.event` job: applies one recorded voice webhook event to its call, under the call's row lock (one
 * event of a call at a time, across workers), then acts: bridge an answered human, drop a voicemail, end a call.
 * A processed event is skipped, so Twilio's retries and a duplicate job do nothing.
 */
@Injectable()
export class CallEventsService {
  private readonly logger = new Logger(CallEventsService.name);
  private readonly sql: SqlRunner;

  constructor(
    private readonly db: DataSource,
    private readonly calls: DialerCallsRepository,
    private readonly agents: DialerAgents,
    private readonly pool: DialerPoolRepository,
    private readonly bridge: AgentBridgeService,
    private readonly endings: CallEndingsService,
    private readonly late: LateConnections,
    private readonly voice: VoiceChannelsService,
    private readonly live: LiveEvents,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    private readonly achievements: AchievementProgress,
  ) {
    this.sql = fastSql(db);
  }

  @OnJob('calls.event')
  async process(payload: JobPayloads['calls.event']): Promise<void> {
    const tenantId = payload.tenant_id;
    const [row] = await tenantQuery<{ payload: VoiceEvent; processed_at: Date | null; received_at: Date }>(
      this.sql,
      tenantId,
      `SELECT payload, processed_at, received_at FROM webhook_events WHERE tenant_id = $1 AND id = $2`,
      [payload.event_id],
    );
    if (!row || row.processed_at) return;
    // The platform clock's time at the webhook (events recorded before it carried one: the row's insert time).
    const receivedAt = row.payload.received_at ? new Date(row.payload.received_at) : row.received_at;
    await this.apply(tenantId, row.payload, receivedAt);
    // The event's lead is its call's (by our id, else by the provider's CallSid): erasure scrubs it through that.
    // A call whose lead was erased before its event was applied keeps nothing of the person in the event either;
    // the call is read under a share lock, so an erasure in progress is waited for (it locks the calls first).
    const callId = isUuid(row.payload.call_id) ? row.payload.call_id : null;
    await tenantQuery(
      this.sql,
      tenantId,
      `WITH by_id AS (
         SELECT c.lead_id, c.metadata ? 'erased_at' AS erased FROM calls c
          WHERE c.tenant_id = $1 AND c.id = $3::uuid FOR SHARE),
       by_sid AS (
         SELECT c.lead_id, c.metadata ? 'erased_at' AS erased FROM calls c
          WHERE c.tenant_id = $1 AND c.call_sid = $4 FOR SHARE),
       call AS (SELECT * FROM by_id UNION ALL SELECT * FROM by_sid LIMIT 1)
       UPDATE webhook_events e
          SET processed_at = now(),
              lead_id = (SELECT lead_id FROM call),
              payload = CASE WHEN coalesce((SELECT erased FROM call), false) THEN ${erasedEventPayload('e')}
                        ELSE e.payload END
        WHERE e.tenant_id = $1 AND e.id = $2 RETURNING e.id`,
      [payload.event_id, callId, row.payload.form.call_sid ?? null],
    );
  }

  /** Applies one event, received at `receivedAt` (its job may run later: a retry, a backlog). */
  async apply(tenantId: string, event: VoiceEvent, receivedAt?: Date): Promise<void> {
    switch (event.type) {
      case 'status':
        return this.status(tenantId, event.call_id, event.form, receivedAt);
      case 'answer':
        return this.answered(tenantId, event.call_id, event.form, receivedAt);
      case 'agent-answer':
        return this.agentAnswered(tenantId, event.call_id, event.form, receivedAt);
      case 'amd':
        return this.amd(tenantId, event.call_id, event.form);
      case 'conference':
        return this.conference(tenantId, event.form);
      case 'recording':
        return this.recording(tenantId, event.call_id, event.form);
      case 'inbound':
        return this.bridge.connect(tenantId, event.call_id);
    }
  }

  /**
   * A call no callback has touched for a while, asked of the provider: ended as the provider says when it is over
   * (its final callback was lost: the agent it holds, the lead's next attempt and the campaign's completion all wait
   * for it), ended `failed` when the provider has no such call (the voice account changed under it: no callback will
   * ever come), else left to be asked again after another quiet spell.
   */
  async reconcileQuiet(tenantId: string, callId: string): Promise<void> {
    const call = await this.calls.find(tenantId, callId);
    if (!call || call.end_time || !call.call_sid) return;
    const channel = await this.voice.resolve(tenantId);
    const record = await channel.port.fetchCall(call.call_sid);
    if (!record) {
      this.logger.warn(
        { tenant_id: tenantId, call_id: callId },
        'The provider has no such call: ended as failed',
      );
      await this.move(tenantId, callId, call.call_sid, 'failed', { duration: null });
      return;
    }
    const status = record.status as CallStatus | undefined;
    if (status && FINAL_CALL_STATUSES.includes(status)) {
      // It ended when the provider says (not when we asked: a sweep's time inflated its talk time and the agent's
      // totals), never later than now nor before its start; its start is the provider's when we have none.
      await this.move(
        tenantId,
        callId,
        call.call_sid,
        status,
        { duration: record.duration, started_at: timeOf(record.start_time) },
        timeOf(record.end_time),
      );
      return;
    }
    // An agent's leg for one call, still up a quiet spell after that call ended: stranded alone in a conference
    // (its join was applied before the caller's, so strandedAgentLeg could not tell). Its callback ends it.
    if (call.kind === 'agent_leg' && call.parent_call_id) {
      const parent = await this.calls.find(tenantId, call.parent_call_id);
      if (parent?.end_time) {
        await this.hangUpStranded(channel, call.call_sid, tenantId, parent.id);
        return;
      }
    }
    await this.calls.update(tenantId, callId, {}, this.clock.now(), undefined, 'AND end_time IS NULL');
  }

  /** A status moves the call forward only; a final one ends it and sets its disposition. */
  private async status(
    tenantId: string,
    callId: string | null,
    form: VoiceCallStatusForm,
    receivedAt: Date | undefined,
  ): Promise<void> {
    const id = callId ?? (await this.calls.findBySid(tenantId, form.call_sid))?.id;
    if (!id) return;
    await this.move(
      tenantId,
      id,
      form.call_sid,
      form.call_status,
      { duration: form.duration, answered_by: form.answered_by },
      receivedAt,
    );
  }

  private async answered(
    tenantId: string,
    callId: string,
    form: VoiceCallStatusForm,
    receivedAt: Date | undefined,
  ): Promise<void> {
    await this.move(tenantId, callId, form.call_sid, 'in-progress', {}, receivedAt);
    const call = await this.calls.find(tenantId, callId);
    if (!call || call.end_time || call.kind !== 'dialer') return;
    const campaign = call.campaign_id ? await this.pool.campaign(tenantId, call.campaign_id) : null;
    // Without AMD an answer is a person: bridge now. With it, the AMD result decides. Whether it was placed with AMD
    // is on the call: the campaign's setting may have changed since.
    if (!usesAmd(call, campaign)) {
      await this.bridge.connect(tenantId, callId);
      return;
    }
    // Should the result's callback be lost, the person is not left on hold alone until they hang up.
    await this.jobs.enqueue(
      'dialer.amd-deadline',
      { tenant_id: tenantId, call_id: callId },
      { delay: AMD_RESULT_WAIT_MS, jobId: `amd-deadline:${callId}` },
    );
  }

  /** No AMD result came for the answered call: it is handled as an `unknown` one (the campaign's amd_actions). */
  @OnJob('dialer.amd-deadline')
  async amdDeadline(payload: JobPayloads['dialer.amd-deadline']): Promise<void> {
    const call = await this.calls.find(payload.tenant_id, payload.call_id);
    if (!call?.call_sid || call.end_time || call.answered_by || call.connected_at) return;
    const form: VoiceAmdForm = {
      call_sid: call.call_sid,
      account_sid: null,
      answered_by: 'unknown',
      machine_detection_duration: null,
    };
    await this.amd(payload.tenant_id, payload.call_id, form, true);
  }

  /**
   * An agent's leg answered: a live leg now waits in their conference; a leg for one lead connects it, and one
   * applied after that call ended puts its end right (LateConnections).
   */
  private async agentAnswered(
    tenantId: string,
    legId: string,
    form: VoiceCallStatusForm,
    receivedAt: Date | undefined,
  ): Promise<void> {
    await this.move(tenantId, legId, form.call_sid, 'in-progress', {}, receivedAt);
    const leg = await this.calls.find(tenantId, legId);
    if (!leg || leg.kind !== 'agent_leg' || !leg.agent_id || leg.end_time) return;
    const now = this.clock.now();
    const at = happenedAt(receivedAt, now);
    if (!leg.parent_call_id) {
      if (!(await this.agents.setLiveLeg(tenantId, leg.agent_id, form.call_sid)))
        await this.unwantedLiveLeg(tenantId, leg.agent_id, form.call_sid);
      return;
    }
    const connected = await this.calls.update(
      tenantId,
      leg.parent_call_id,
      { connected_at: at },
      now,
      undefined,
      `AND connected_at IS NULL AND end_time IS NULL`,
    );
    if (connected) await this.achievements.agentConnected(tenantId, leg.agent_id);
    else await this.late.connect(leg, at, now);
  }

  /** `noResultYet`: only while no result was recorded (a late one that came first is the one acted on). */
  private async amd(
    tenantId: string,
    callId: string,
    form: VoiceAmdForm,
    noResultYet = false,
  ): Promise<void> {
    const now = this.clock.now();
    const call = await this.calls.find(tenantId, callId);
    if (!call || call.end_time) return;
    // Each write only while the call is open: an end that commits meanwhile (its status callback, on another
    // worker) has settled the outcome from what it saw, and a later result changes none of it.
    const open = 'AND end_time IS NULL';
    const recorded = await this.calls.update(
      tenantId,
      callId,
      {
        answered_by: form.answered_by,
        metadata: form.machine_detection_duration === null ? {} : { amd_ms: form.machine_detection_duration },
      },
      now,
      undefined,
      noResultYet ? `${open} AND answered_by IS NULL` : open,
    );
    if (!recorded) return;
    // A call already bridged to an agent (placed without AMD, or connected by an earlier result) is theirs.
    if (call.kind !== 'dialer' || call.connected_at) return;
    const campaign = call.campaign_id ? await this.pool.campaign(tenantId, call.campaign_id) : null;
    const action = amdAction(
      form.answered_by,
      campaign?.amd_actions ?? {},
      !!campaign?.voicemail_message_url,
    );
    if (action === 'agent') {
      await this.bridge.connect(tenantId, callId);
      return;
    }
    const disposition: CallDisposition = isMachine(form.answered_by)
      ? form.answered_by === 'fax'
        ? 'failed'
        : 'voicemail'
      : 'no_answer';
    // Once: a run of this event again after the call was dealt with (its processed mark failed to commit) does not
    // start the voicemail message over. One whose redirect failed redoes it: the mark follows the redirect.
    const acting = `${open} AND NOT (metadata ? 'amd_acted_at')`;
    if (!(await this.calls.update(tenantId, callId, { disposition }, now, undefined, acting))) return;
    if (!call.call_sid) return;
    const channel = await this.voice.resolve(tenantId);
    await redirectLiveCall(
      channel.port,
      call.call_sid,
      action === 'voicemail' && campaign?.voicemail_message_url
        ? voicemailDropTwiml({ audioUrl: campaign.voicemail_message_url })
        : hangupTwiml(),
    );
    await this.calls.update(tenantId, callId, { metadata: { amd_acted_at: now.toISOString() } }, now);
  }

  private async conference(tenantId: string, form: VoiceConferenceForm): Promise<void> {
    if (form.event !== 'participant-join' || !form.call_sid) return;
    const call = await this.calls.findBySid(tenantId, form.call_sid);
    if (!call) return;
    await this.calls.update(
      tenantId,
      call.id,
      { conference_sid: form.conference_sid, conference_name: form.friendly_name },
      this.clock.now(),
    );
    // An agent's live leg is in their conference: it is their live leg now (this join and its agent-answer may be
    // applied in either order, by two workers: a bridge must not find the leg in but not yet theirs, and ring their
    // phone instead), and the lead waiting longest for their group joins them.
    if (call.kind === 'agent_leg' && !call.parent_call_id && call.agent_id && !call.end_time) {
      if (await this.agents.setLiveLeg(tenantId, call.agent_id, form.call_sid))
        await this.bridge.agentFreed(tenantId, call.agent_id);
      else await this.unwantedLiveLeg(tenantId, call.agent_id, form.call_sid);
    }
    if (call.kind === 'agent_leg' && call.parent_call_id && !call.end_time)
      await this.strandedAgentLeg(tenantId, call.parent_call_id, form);
  }

  /**
   * An agent's leg for one call that joins that call's conference after the caller left (they hung up while the
   * whisper played): the conference ended with the caller, and the agent would wait alone in a new one of the same
   * name, their phone held until they hang up (the simulator's agent never does). Told apart by its conference: not
   * the one the caller was in, or the call has ended. It is hung up.
   */
  private async strandedAgentLeg(tenantId: string, callId: string, form: VoiceConferenceForm): Promise<void> {
    const call = await this.calls.find(tenantId, callId);
    if (!call) return;
    const elsewhere = !!call.conference_sid && call.conference_sid !== form.conference_sid;
    if (!call.end_time && !elsewhere) return;
    await this.hangUpStranded(await this.voice.resolve(tenantId), form.call_sid as string, tenantId, callId);
  }

  private async hangUpStranded(channel: VoiceChannel, legSid: string, tenantId: string, callId: string) {
    await channel.port
      .updateCall(legSid, { status: 'completed' })
      .catch((err: unknown) =>
        this.logger.warn({ err, tenant_id: tenantId, call_id: callId }, 'Stranded agent leg not hung up'),
      );
  }

  /**
   * A live leg answered or joined after its agent went offline or on a break (their status job found no leg to
   * end yet): it is hung up, not left open in an empty conference. A leg that ended meanwhile needs nothing.
   */
  private async unwantedLiveLeg(tenantId: string, agentId: string, callSid: string): Promise<void> {
    const agent = await this.agents.find(tenantId, agentId);
    if (!agent || (agent.status !== 'offline' && agent.status !== 'break')) return;
    const channel = await this.voice.resolve(tenantId);
    await channel.port
      .updateCall(callSid, { status: 'completed' })
      .catch((err: unknown) =>
        this.logger.warn({ err, tenant_id: tenantId, agent_id: agentId }, 'Unwanted live leg not hung up'),
      );
  }

  private async recording(tenantId: string, callId: string, form: VoiceRecordingForm): Promise<void> {
    if (form.recording_status !== 'completed') return;
    const call = await this.calls.find(tenantId, callId);
    if (!call) return;
    if (call.metadata.erased_at) {
      // The lead was erased while the call was recorded: the recording is deleted, never kept.
      await (await this.voice.resolve(tenantId)).port.deleteRecording(form.recording_sid);
      return;
    }
    await this.calls.update(
      tenantId,
      callId,
      {
        recording_sid: form.recording_sid,
        recording_url: form.recording_url,
        recording_duration: form.recording_duration,
      },
      this.clock.now(),
    );
  }

  /**
   * Moves the call to `to` under its row lock when that is forward. A final `to` ends it (disposition, duration, talk
   * time) and settles the end in the same transaction; what follows the end is announced once it committed. The
   * move happened at `receivedAt` (bounded by now and by the call's start); `started_at` is the call's start when
   * the row has none (the provider's, from a look-up).
   */
  private async move(
    tenantId: string,
    callId: string,
    sid: string,
    to: CallStatus,
    extra: { duration?: number | null; answered_by?: string | null; started_at?: Date },
    receivedAt?: Date,
  ): Promise<void> {
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      const call = await this.calls.lock(tx, tenantId, callId);
      if (!call || (call.call_sid && call.call_sid !== sid) || !movesForward(call.status, to)) return null;
      let at = happenedAt(receivedAt, now);
      const start = call.start_time ?? happenedAt(extra.started_at, at);
      if (at.getTime() < start.getTime()) at = start;
      const changes: Record<string, unknown> = { status: to };
      if (!call.call_sid) changes.call_sid = sid;
      if (!call.start_time) changes.start_time = start;
      if (to === 'in-progress' && !call.answer_time) changes.answer_time = at;
      if (extra.answered_by && !call.answered_by) changes.answered_by = extra.answered_by;
      let ended: EndedCall | null = null;
      if (isFinal(to)) {
        // Its agent's answer may not be applied yet (a retried job, a stalled worker): their leg tells.
        let connectedAt = call.connected_at;
        if (!connectedAt && call.agent_id && call.kind !== 'agent_leg') {
          connectedAt = await this.calls.takenAt(tx, tenantId, callId, call.agent_id, at);
          if (connectedAt) changes.connected_at = connectedAt;
        }
        const answeredBy = (changes.answered_by as string | undefined) ?? call.answered_by;
        const disposition = dispositionOf({
          kind: call.kind,
          status: to,
          answered_by: answeredBy,
          connected: !!connectedAt,
          disposition: call.disposition,
        });
        const duration = extra.duration ?? (call.answer_time ? seconds(call.answer_time, at) : 0);
        // Only an answered call completes: one whose answer is not applied yet (a retried job, a slower worker) was
        // answered its duration (Twilio counts it from the answer) before its end, never before a start we know (one
        // we do not know is no later than that answer).
        if (to === 'completed' && !call.answer_time) {
          const answered = new Date(at.getTime() - duration * 1000);
          if (call.start_time && answered < call.start_time) changes.answer_time = call.start_time;
          else changes.answer_time = answered;
          if (!call.start_time && answered < start) changes.start_time = answered;
        }
        const talk = connectedAt ? seconds(connectedAt, at) : null;
        Object.assign(changes, { end_time: at, disposition, duration, talk_time: talk });
        ended = {
          ...call,
          ...changes,
          answered_by: answeredBy,
          disposition,
          end_time: at,
          duration,
          talk_time: talk,
        } as EndedCall;
      }
      await this.calls.update(tenantId, callId, changes, now, tx);
      // An end commits with what it changes (the agent, the lead's next step) or not at all.
      const settlement = ended ? await this.endings.settle(tx, ended, now) : null;
      return { call: { ...call, ...changes } as DialerCall, ended, settlement };
    });
    if (!outcome) return;
    const call = outcome.call;
    this.live.toCall(tenantId, call.agent_id, 'call_status_update', callStatusEvent(call, now));
    if (outcome.ended && outcome.settlement)
      await this.endings.announce(outcome.ended, outcome.settlement, now);
  }
}

/**
 * Issue 6 §6: `human` goes to an agent; a machine that beeped gets the voicemail drop when the campaign has one,
 * else a hang-up; `machine_start`, `fax` and `unknown` do what the campaign's `amd_actions` say (by default:
 * hang up, hang up, agent).
 */
export function amdAction(
  answeredBy: string,
  actions: { machine_start?: string; fax?: string; unknown?: string },
  hasVoicemail: boolean,
): 'agent' | 'voicemail' | 'hangup' {
  const drop = hasVoicemail ? 'voicemail' : 'hangup';
  const configured = (value: string | undefined, fallback: 'agent' | 'voicemail' | 'hangup') => {
    const action = value === 'agent' || value === 'voicemail' || value === 'hangup' ? value : fallback;
    return action === 'voicemail' ? drop : action;
  };
  switch (answeredBy) {
    case 'human':
      return 'agent';
    case 'machine_start':
      return configured(actions.machine_start, 'hangup');
    case 'fax':
      return configured(actions.fax, 'hangup');
    case 'unknown':
      return configured(actions.unknown, 'agent');
    default:
      return drop;
  }
}
