import type { Now } from '../now';
import type { CallChange } from '../telephony.port';
import {
  amdParams,
  callRequestParams,
  callStatusParams,
  signedTwilioForm,
  TelephonyHttpPoster,
} from './telephony-callbacks';
import { TelephonyConferences } from './telephony-conferences';
import {
  ENDED_CALL_STATUSES,
  OutgoingCallback,
  SimulatedCall,
  SimulatedCallStatus,
  TelephonyEvent,
  TelephonyLedger,
} from './telephony-ledger';
import type { TelephonySimulatorSettings } from './telephony-plan';
import { saveRecording } from './telephony-recordings';
import { scheduleTelephonyStep, TelephonySimulatorScheduler } from './telephony-scheduler';
import { parseTwiml, recordedMessageMs, TwimlVerb, verbDurationMs } from './telephony-twiml';

/** A machine given something without an end (a conference, a long wait) hangs up after this long. */
export const MACHINE_HANGUP_MS = 30_000;
/**
 * ...and never sooner in real time, however fast the simulated clock runs: the platform answers an AMD result with
 * new TwiML in a webhook and a job, and a clock at 1/50 must not turn a machine's 30 s into a race with them.
 */
const MACHINE_HANGUP_MIN_REAL_MS = 5000;

/** What one tenant's simulated telephony provider is made of. */
export interface TelephonyContext {
  tenantId: string;
  /** The voice channel's signing secret: every callback carries `X-Twilio-Signature` made with it. */
  signingSecret: string;
  settings: TelephonySimulatorSettings;
  ledger: TelephonyLedger;
  scheduler: TelephonySimulatorScheduler;
  now: Now;
  post: TelephonyHttpPoster;
  /** Told of each callback our API refused with a 4xx: dropped, as Twilio drops it. */
  onDropped?: (callback: OutgoingCallback, httpStatus: number) => void;
}

/** A callback our API did not take (down, timed out, 5xx, 408, 429): the step's job fails and is retried. */
export class SimulatorCallbackError extends Error {
  constructor(
    readonly callback: OutgoingCallback,
    readonly httpStatus: number | null,
    cause?: unknown,
  ) {
    super(
      `Simulated ${callback.kind} callback ${httpStatus === null ? 'failed' : `answered HTTP ${httpStatus}`}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'SimulatorCallbackError';
  }
}

const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

function describe(verb: TwimlVerb): string {
  if (verb.verb === 'Dial' && verb.conference) return `Dial Conference ${verb.conference.name}`;
  return verb.verb;
}

/**
 * The telephony simulator's state machine: applies one event of a call (holding the call's lock, so a call's steps
 * run one at a time across processes), executes its TwiML, and then makes the requests it owes our API in order
 * (its outbox). A request our API did not take fails the step (retried: the event is not applied twice); a 4xx is
 * dropped as Twilio drops it. Durations are the plan's, scaled by `timeScale` when scheduled.
 */
export class TelephonyEngine {
  readonly conferences: TelephonyConferences;

  constructor(private readonly ctx: TelephonyContext) {
    this.conferences = new TelephonyConferences(ctx, this);
  }

  /** Appends `event` to the call's list and queues its job `delayMs` (unscaled) from now. */
  async schedule(callSid: string, event: TelephonyEvent, delayMs: number): Promise<void> {
    const { ledger, tenantId, scheduler, settings } = this.ctx;
    const step = await ledger.appendEvent(tenantId, callSid, event);
    await scheduleTelephonyStep(
      scheduler,
      { tenant_id: tenantId, call_sid: callSid, step },
      delayMs * settings.timeScale,
    );
  }

  /** Runs the `step`-th event of a call (a `simulator.call` job); a forgotten call is a no-op. */
  async runStep(callSid: string, step: number): Promise<void> {
    const { ledger, tenantId } = this.ctx;
    await ledger.withLock(`call:${tenantId}:${callSid}`, async () => {
      const call = await ledger.findCall(tenantId, callSid);
      if (!call) return;
      if (!call.applied.includes(step)) {
        const event = await ledger.event(tenantId, callSid, step);
        call.applied.push(step);
        if (event) await this.apply(call, event);
        await ledger.saveCall(call);
      }
      await this.flush(call);
    });
  }

  private async apply(call: SimulatedCall, event: TelephonyEvent): Promise<void> {
    const ended = ENDED_CALL_STATUSES.has(call.status);
    switch (event.kind) {
      case 'initiated':
        return this.dial(call);
      case 'unanswered':
        if (call.status === 'queued' || call.status === 'initiated' || call.status === 'ringing') {
          await this.end(call, event.status);
        }
        return;
      case 'answer':
        if (call.status === 'ringing') await this.answer(call);
        return;
      case 'amd':
        if (!ended && call.request.amd_callback_url) {
          call.outbox.push({ kind: 'amd', url: call.request.amd_callback_url, params: amdParams(call) });
        }
        return;
      case 'verb-done':
      case 'record-done':
        if (call.status !== 'in-progress' || call.generation !== event.generation) return;
        if (call.verb_index !== event.index) return;
        if (event.kind === 'record-done') await this.recorded(call);
        call.verb_index += 1;
        return this.execute(call);
      case 'hangup':
        if (call.status === 'in-progress' && this.hangupToken(call, event.reason) === event.token) {
          await this.end(call, 'completed');
        }
        return;
      case 'update':
        return this.change(call, event.change);
      case 'conference-changed':
        if (call.conference?.sid === event.conference_sid) {
          const conference = await this.ctx.ledger.findConference(call.tenant_id, event.conference_sid);
          if (conference) await this.conferences.presence(call, conference);
        }
        return;
      case 'conference-ended':
      case 'remove':
        if (call.conference?.sid !== event.conference_sid || call.status !== 'in-progress') return;
        // The <Dial> is over: the call goes on with the next verb (none: it hangs up).
        if (event.kind === 'remove') await this.conferences.leave(call);
        else this.conferences.forget(call);
        call.verb_index += 1;
        return this.execute(call);
      case 'announce':
        if (call.status === 'in-progress' && call.conference?.sid === event.conference_sid) {
          call.outbox.push({
            kind: 'announce',
            url: event.url,
            params: { ...callRequestParams(call, 'in-progress'), ConferenceSid: event.conference_sid },
            conference_sid: event.conference_sid,
          });
        }
        return;
      case 'announce-end':
        return this.conferences.announcementEnded(call, event.conference_sid);
    }
  }

  /** The token a far-end hang-up timer was set with: a newer talk, wait or document makes an old timer stale. */
  hangupToken(call: SimulatedCall, reason: 'talk' | 'patience' | 'machine'): string | null {
    if (reason === 'talk') return call.talk_started_at;
    if (reason === 'patience') {
      return call.waiting_since ? `${call.generation}:${call.verb_index}:${call.waiting_since}` : null;
    }
    return String(call.generation);
  }

  /** Queues a status callback (when the call has a status callback URL). */
  status(call: SimulatedCall, status: SimulatedCallStatus, durationSeconds?: number): void {
    if (!call.request.status_callback_url) return;
    call.outbox.push({
      kind: 'status',
      url: call.request.status_callback_url,
      params: callStatusParams(call, status, call.sequence, this.ctx.now(), durationSeconds),
    });
    call.sequence += 1;
  }

  private async dial(call: SimulatedCall): Promise<void> {
    if (call.status !== 'queued') return;
    const { plan } = call;
    call.status = 'initiated';
    this.status(call, 'initiated');
    if (plan.outcome === 'busy' || plan.outcome === 'failed') {
      await this.schedule(call.call_sid, { kind: 'unanswered', status: plan.outcome }, plan.ringMs);
      return;
    }
    call.status = 'ringing';
    this.status(call, 'ringing');
    const timeoutMs = (call.request.timeout_seconds ?? 60) * 1000;
    if (plan.outcome === 'no_answer' || plan.ringMs >= timeoutMs) {
      const ringMs = Math.min(plan.ringMs, timeoutMs);
      await this.schedule(call.call_sid, { kind: 'unanswered', status: 'no-answer' }, ringMs);
    } else {
      await this.schedule(call.call_sid, { kind: 'answer' }, plan.ringMs);
    }
  }

  private async answer(call: SimulatedCall): Promise<void> {
    call.status = 'in-progress';
    call.answered_at = this.ctx.now().toISOString();
    call.generation += 1;
    const given = call.answer_twiml ?? this.conferences.joinTwiml(call);
    if (given !== undefined) {
      this.status(call, 'in-progress');
      call.twiml = given;
      call.verb_index = 0;
      await this.execute(call);
    } else {
      // An inbound call's voice URL is fetched while it rings; an outbound call's answer URL once answered.
      call.outbox.push({
        kind: 'answer',
        url: call.request.answer_url,
        params: callRequestParams(call, call.direction === 'inbound' ? 'ringing' : 'in-progress'),
        generation: call.generation,
      });
      this.status(call, 'in-progress');
    }
    if (call.party === 'lead' && call.request.machine_detection && call.request.amd_callback_url) {
      await this.schedule(call.call_sid, { kind: 'amd' }, call.plan.amdMs);
    }
    await this.machineTimer(call);
  }

  /** A machine hangs up MACHINE_HANGUP_MS after each new document unless the document ends first. */
  private async machineTimer(call: SimulatedCall): Promise<void> {
    if (call.party !== 'lead' || call.plan.outcome !== 'machine' || call.status !== 'in-progress') return;
    const token = String(call.generation);
    const simulatedMs = Math.max(MACHINE_HANGUP_MS, MACHINE_HANGUP_MIN_REAL_MS / this.ctx.settings.timeScale);
    await this.schedule(call.call_sid, { kind: 'hangup', reason: 'machine', token }, simulatedMs);
  }

  /** Executes the call's TwiML from its current verb until a verb takes time, the call waits or ends. */
  private async execute(call: SimulatedCall): Promise<void> {
    if (call.twiml === null || call.status !== 'in-progress') return;
    let verbs: TwimlVerb[];
    try {
      verbs = parseTwiml(call.twiml);
    } catch {
      // Twilio answers unreadable TwiML with "an application error has occurred" and hangs up.
      return this.end(call, 'completed');
    }
    while (call.status === 'in-progress') {
      const verb = verbs[call.verb_index];
      if (!verb) return this.end(call, 'completed');
      call.instruction = describe(verb);
      const at = { generation: call.generation, index: call.verb_index };
      switch (verb.verb) {
        case 'Say':
        case 'Play':
        case 'Pause':
          await this.schedule(call.call_sid, { kind: 'verb-done', ...at }, verbDurationMs(verb) ?? 0);
          return;
        case 'Record':
          await this.schedule(call.call_sid, { kind: 'record-done', ...at }, recordedMessageMs(verb));
          return;
        case 'Hangup':
        case 'Reject':
          return this.end(call, 'completed');
        case 'Redirect':
          return this.fetchTwiml(call, new URL(verb.url, call.request.answer_url).toString());
        case 'Dial':
          if (verb.conference) return this.conferences.join(call, verb.conference);
          // Dialling a number is not simulated: the <Dial> ends at once.
          call.verb_index += 1;
      }
    }
  }

  /** New TwiML from a URL (a redirect): what the call did stops; the answer becomes the next document. */
  private async fetchTwiml(call: SimulatedCall, url: string): Promise<void> {
    call.generation += 1;
    call.twiml = null;
    call.verb_index = 0;
    call.instruction = null;
    call.outbox.push({
      kind: 'twiml',
      url,
      params: callRequestParams(call, 'in-progress'),
      generation: call.generation,
    });
    await this.machineTimer(call);
  }

  /** updateCall: new TwiML or a URL replaces what the call does; a status ends it. */
  private async change(call: SimulatedCall, change: CallChange): Promise<void> {
    if (ENDED_CALL_STATUSES.has(call.status)) return;
    if (change.status) return this.end(call, call.status === 'in-progress' ? 'completed' : 'canceled');
    if (call.status !== 'in-progress') {
      // Not answered yet: the answer plays this instead.
      if (change.twiml !== undefined) call.answer_twiml = change.twiml;
      else if (change.url) call.request = { ...call.request, answer_url: change.url };
      return;
    }
    if (call.conference) await this.conferences.leave(call);
    if (change.url) return this.fetchTwiml(call, change.url);
    if (change.twiml === undefined) return;
    call.generation += 1;
    call.twiml = change.twiml;
    call.verb_index = 0;
    await this.machineTimer(call);
    await this.execute(call);
  }

  /** Ends the call: it leaves its conference; the final status; the call's recording when it was recorded. */
  async end(call: SimulatedCall, status: SimulatedCallStatus): Promise<void> {
    if (ENDED_CALL_STATUSES.has(call.status)) return;
    if (call.conference) await this.conferences.leave(call);
    const now = this.ctx.now();
    call.status = status;
    call.ended_at = now.toISOString();
    call.instruction = null;
    const answeredAt = call.answered_at ? new Date(call.answered_at) : null;
    const seconds = answeredAt ? Math.max(0, Math.round((now.getTime() - answeredAt.getTime()) / 1000)) : 0;
    this.status(call, status, status === 'completed' ? seconds : undefined);
    if (answeredAt && call.request.record) {
      await saveRecording(this.ctx, call, {
        name: `${call.call_sid}:call`,
        seconds,
        source: 'OutboundAPI',
        startedAt: answeredAt,
        callbackUrl: call.request.recording_callback_url,
      });
    }
  }

  /** A caller has left its message at a <Record>: the recording and its callback. */
  private async recorded(call: SimulatedCall): Promise<void> {
    const verb = call.twiml ? parseTwiml(call.twiml)[call.verb_index] : undefined;
    if (verb?.verb !== 'Record') return;
    const ms = recordedMessageMs(verb);
    const startedAt = new Date(this.ctx.now().getTime() - ms * this.ctx.settings.timeScale);
    await saveRecording(this.ctx, call, {
      name: `${call.call_sid}:${call.generation}:${call.verb_index}`,
      seconds: Math.round(ms / 1000),
      source: 'RecordVerb',
      startedAt,
      callbackUrl: verb.recordingStatusCallback,
    });
  }

  /** Makes the requests the call owes our API, in order, acting on the TwiML the answering ones return. */
  private async flush(call: SimulatedCall): Promise<void> {
    while (call.outbox.length) {
      const callback = call.outbox[0];
      const request = signedTwilioForm(callback.url, callback.params, this.ctx.signingSecret);
      let response;
      try {
        response = await this.ctx.post(request);
      } catch (error) {
        throw new SimulatorCallbackError(callback, null, error);
      }
      if (retryable(response.status)) throw new SimulatorCallbackError(callback, response.status);
      call.outbox.shift();
      const ok = response.status >= 200 && response.status < 300;
      if (!ok) this.ctx.onDropped?.(callback, response.status);
      await this.answered(call, callback, ok ? response.body : null);
      await this.ctx.ledger.saveCall(call);
    }
  }

  /** Acts on our answer to a request: the TwiML of an answer or redirect, the whisper of an announcement. */
  private async answered(
    call: SimulatedCall,
    callback: OutgoingCallback,
    body: string | null,
  ): Promise<void> {
    if (callback.kind === 'announce') return this.conferences.announced(call, callback, body);
    if (callback.kind !== 'answer' && callback.kind !== 'twiml') return;
    if (call.status !== 'in-progress' || callback.generation !== call.generation) return;
    // No TwiML (a 4xx): Twilio plays an application error and hangs up.
    if (body === null) return this.end(call, 'completed');
    call.twiml = body;
    call.verb_index = 0;
    await this.execute(call);
  }
}
