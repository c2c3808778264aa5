import { E164 } from '@app/common';
import { systemNow, type Now } from '../now';
import { ProviderError } from '../provider-error';
import { ByteRangeRequest, resolveRange } from '../byte-range';
import {
  CallChange,
  CallRecord,
  PlaceCallRequest,
  PlacedCall,
  RecordingMedia,
  TelephonyPort,
} from '../telephony.port';
import { silentWav } from './silent-wav';
import { simulatorAccountSid } from './simulator-callbacks';
import { seededHex } from './simulator-plan';
import { fetchTelephonyPoster, TelephonyHttpPoster } from './telephony-callbacks';
import { TelephonyContext, TelephonyEngine } from './telephony-engine';
import {
  ENDED_CALL_STATUSES,
  OutgoingCallback,
  SimulatedCall,
  SimulatedConference,
  TelephonyLedger,
} from './telephony-ledger';
import { simulatedPrice } from './telephony-price';
import { CallPlan, telephonyPlan, TelephonySimulatorSettings } from './telephony-plan';
import { TelephonySimulatorScheduler } from './telephony-scheduler';

export interface SimulatorTelephonyOptions {
  tenantId: string;
  /** The voice channel config's signing secret: the simulator signs every callback with it. */
  signingSecret: string;
  settings: TelephonySimulatorSettings;
  ledger: TelephonyLedger;
  scheduler: TelephonySimulatorScheduler;
  now?: Now;
  /** How callbacks reach our API; fetch with a 10 s timeout by default. */
  post?: TelephonyHttpPoster;
  onDropped?: (callback: OutgoingCallback, httpStatus: number) => void;
}

/** A call to the tenant's number, made by a simulated lead (tests, the demo). */
export interface InboundCallRequest {
  /** The lead's number. */
  from: string;
  /** The tenant's number. */
  to: string;
  /** Our voice-inbound webhook (`/webhooks/twilio/voice-inbound?key=K`): the number's voice URL. */
  voiceInboundUrl: string;
  /** The number's status callback, if any. */
  statusCallbackUrl?: string;
}

const AGENT_ANSWER_PATH = /\/agent-answer$/;

/** Whether a placement is one of our agents' legs: its answer URL is our agent-answer route. */
export function isAgentLeg(answerUrl: string): boolean {
  try {
    return AGENT_ANSWER_PATH.test(new URL(answerUrl).pathname);
  } catch {
    return false;
  }
}

function notFound(what: string): ProviderError {
  return ProviderError.fromHttp('simulator', 404, {
    message: `Simulator 20404: The requested resource ${what} was not found`,
    providerCode: '20404',
  });
}

function invalid(code: string, message: string): ProviderError {
  return ProviderError.fromHttp('simulator', 400, {
    message: `Simulator ${code}: ${message}`,
    providerCode: code,
  });
}

function absoluteUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * The embedded telephony provider (DESIGN §2) for one tenant: a placed call gets a `CA…` SID that follows from the
 * seed and our call id, is remembered in Redis, and moves through Twilio's statuses on the `simulator` queue
 * (`simulator.call` jobs run by `runStep`): it rings, then is answered by a human or a machine (its plan), or ends
 * busy, no-answer or failed; the answer URL's TwiML is acted out (Say, Play, Pause, Hangup, conferences, Record),
 * every callback signed as Twilio signs it. Holds no state of its own.
 */
export class SimulatorTelephonyAdapter extends TelephonyPort {
  readonly provider = 'simulator' as const;
  private readonly engine: TelephonyEngine;
  private readonly ctx: TelephonyContext;

  constructor(options: SimulatorTelephonyOptions) {
    super();
    this.ctx = {
      tenantId: options.tenantId,
      signingSecret: options.signingSecret,
      settings: options.settings,
      ledger: options.ledger,
      scheduler: options.scheduler,
      now: options.now ?? systemNow,
      post: options.post ?? fetchTelephonyPoster(),
      ...(options.onDropped ? { onDropped: options.onDropped } : {}),
    };
    this.engine = new TelephonyEngine(this.ctx);
  }

  get accountSid(): string {
    return simulatorAccountSid(this.ctx.settings.seed, this.ctx.tenantId);
  }

  placeCall(request: PlaceCallRequest): Promise<PlacedCall> {
    return this.place(request);
  }

  /** Calls `request.to`; once answered it joins `conferenceName` (no answer URL, as Twilio's Participants API). */
  async addParticipant(conferenceName: string, request: PlaceCallRequest): Promise<PlacedCall> {
    const live = await this.ctx.ledger.liveConference(this.ctx.tenantId, conferenceName);
    return this.place(request, { name: conferenceName, status_callback: live?.status_callback ?? null });
  }

  /** A lead calls the tenant's number: our voice-inbound URL is fetched at once and its TwiML acted out. */
  async originateInbound(inbound: InboundCallRequest): Promise<PlacedCall> {
    const { tenantId, settings, ledger } = this.ctx;
    if (!E164.test(inbound.from)) throw invalid('21212', `Invalid From number ${inbound.from}`);
    if (!absoluteUrl(inbound.voiceInboundUrl)) throw invalid('21205', 'The voice URL is not a valid URL');
    const key = `inbound:${inbound.from}:${inbound.to}`;
    const n = await ledger.nextNumber(tenantId, 'placement', key);
    // The caller is a person: it waits for an agent, talks, or leaves a message.
    const humans = { ...settings, mix: { human: 1, machine: 0, no_answer: 0, busy: 0, failed: 0 } };
    const plan = { ...telephonyPlan(humans, `${key}:${n}`), ringMs: 0 };
    const call = this.newCall(`${key}:${n}`, plan, 'inbound', 'lead', {
      to: inbound.to,
      from: inbound.from,
      answer_url: inbound.voiceInboundUrl,
      status_callback_url: inbound.statusCallbackUrl ?? '',
    });
    call.status = 'ringing';
    await ledger.createCall(call);
    await this.engine.schedule(call.call_sid, { kind: 'answer' }, 0);
    return { call_sid: call.call_sid, status: call.status };
  }

  private async place(
    request: PlaceCallRequest,
    joinConference?: { name: string; status_callback: string | null },
  ): Promise<PlacedCall> {
    const { tenantId, settings, ledger } = this.ctx;
    if (!E164.test(request.to ?? '')) throw invalid('21211', `Invalid 'To' Phone Number: ${request.to}`);
    if (!request.from?.trim()) throw invalid('21212', 'Invalid From Number');
    if (!absoluteUrl(request.answer_url)) throw invalid('21205', 'Url is not a valid URL');
    if (!absoluteUrl(request.status_callback_url)) throw invalid('21609', 'Invalid StatusCallback');
    const callId = new URL(request.answer_url).searchParams.get('callId');
    const key = callId ?? request.answer_url;
    const n = await ledger.nextNumber(tenantId, 'placement', key);
    const agent = isAgentLeg(request.answer_url);
    const plan: CallPlan = agent
      ? { outcome: 'human', ringMs: settings.agentAnswerMs, amdMs: 0, answeredBy: 'human', talkMs: 0 }
      : telephonyPlan(settings, key, request.machine_detection);
    const call = this.newCall(`${key}:${n}`, plan, 'outbound-api', agent ? 'agent' : 'lead', request);
    if (joinConference) call.join_conference = joinConference;
    await ledger.createCall(call);
    await this.engine.schedule(call.call_sid, { kind: 'initiated' }, 0);
    return { call_sid: call.call_sid, status: call.status };
  }

  private newCall(
    name: string,
    plan: CallPlan,
    direction: SimulatedCall['direction'],
    party: SimulatedCall['party'],
    request: PlaceCallRequest,
  ): SimulatedCall {
    const { tenantId, settings } = this.ctx;
    return {
      tenant_id: tenantId,
      call_sid: `CA${seededHex(settings.seed, `call:${tenantId}:${name}`)}`,
      account_sid: this.accountSid,
      direction,
      party,
      request,
      plan,
      status: 'queued',
      sequence: 0,
      twiml: null,
      generation: 0,
      verb_index: 0,
      instruction: null,
      conference: null,
      waiting_since: null,
      talk_started_at: null,
      applied: [],
      outbox: [],
      created_at: this.ctx.now().toISOString(),
      answered_at: null,
      ended_at: null,
    };
  }

  /** Acts at once (an immediate step): new TwiML or a URL replaces what the call does; a status ends it. */
  async updateCall(callSid: string, change: CallChange): Promise<void> {
    const call = await this.ctx.ledger.findCall(this.ctx.tenantId, callSid);
    if (!call) throw notFound(`Call ${callSid}`);
    if (change.twiml === undefined && !change.url && !change.status) {
      throw invalid('20001', 'An update needs Twiml, Url or Status');
    }
    if (change.url !== undefined && !absoluteUrl(change.url))
      throw invalid('21205', 'Url is not a valid URL');
    if (ENDED_CALL_STATUSES.has(call.status)) {
      // Ending an ended call changes nothing; redirecting one is Twilio's 21220.
      if (change.status) return;
      throw invalid('21220', 'Call is not in-progress. Cannot redirect.');
    }
    await this.engine.schedule(callSid, { kind: 'update', change }, 0);
  }

  async fetchCall(callSid: string): Promise<CallRecord | null> {
    const call = await this.ctx.ledger.findCall(this.ctx.tenantId, callSid);
    if (!call) return null;
    const ended = call.ended_at ? Date.parse(call.ended_at) : null;
    const answered = call.answered_at ? Date.parse(call.answered_at) : null;
    const duration =
      ended === null ? null : answered === null ? 0 : Math.max(0, Math.round((ended - answered) / 1000));
    return {
      call_sid: call.call_sid,
      status: call.status,
      to: call.request.to,
      from: call.request.from,
      duration,
      start_time: call.created_at,
      end_time: call.ended_at,
      price: duration === null ? null : simulatedPrice(duration),
      price_unit: 'USD',
    };
  }

  /** The simulator's whole memory of a call (tests, the demo): its plan, state, TwiML and conference. */
  inspectCall(callSid: string): Promise<SimulatedCall | null> {
    return this.ctx.ledger.findCall(this.ctx.tenantId, callSid);
  }

  inspectConference(conferenceSid: string): Promise<SimulatedConference | null> {
    return this.ctx.ledger.findConference(this.ctx.tenantId, conferenceSid);
  }

  private async participant(conferenceSid: string, callSid: string): Promise<SimulatedConference> {
    const conference = await this.ctx.ledger.findConference(this.ctx.tenantId, conferenceSid);
    if (!conference || conference.status === 'completed') throw notFound(`Conference ${conferenceSid}`);
    if (!conference.participants.some((p) => p.call_sid === callSid)) {
      throw notFound(`Participant ${callSid} of ${conferenceSid}`);
    }
    return conference;
  }

  /** POSTs `announceUrl` (signed) for the participant, plays its TwiML to it alone, and remembers it. */
  async announce(conferenceSid: string, callSid: string, announceUrl: string): Promise<void> {
    if (!absoluteUrl(announceUrl)) throw invalid('21205', 'AnnounceUrl is not a valid URL');
    await this.participant(conferenceSid, callSid);
    await this.engine.schedule(
      callSid,
      { kind: 'announce', conference_sid: conferenceSid, url: announceUrl },
      0,
    );
  }

  async setMuted(conferenceSid: string, callSid: string, muted: boolean): Promise<void> {
    const conference = await this.participant(conferenceSid, callSid);
    await this.ctx.ledger.withLock(`conference:${this.ctx.tenantId}:${conference.name}`, async () => {
      const current = await this.ctx.ledger.findConference(this.ctx.tenantId, conferenceSid);
      const participant = current?.participants.find((p) => p.call_sid === callSid);
      if (!current || !participant) return;
      participant.muted = muted;
      await this.ctx.ledger.saveConference(current);
    });
  }

  /** The participant leaves the conference; its call goes on with the verb after its <Dial> (usually none). */
  async removeParticipant(conferenceSid: string, callSid: string): Promise<void> {
    await this.participant(conferenceSid, callSid);
    await this.engine.schedule(callSid, { kind: 'remove', conference_sid: conferenceSid }, 0);
  }

  async deleteRecording(recordingSid: string): Promise<void> {
    await this.ctx.ledger.deleteRecording(this.ctx.tenantId, recordingSid);
  }

  /**
   * A recording the simulator holds for the tenant, as a silent WAV of its duration (only `range` of it when asked,
   * as Twilio answers a Range); null for one unknown or deleted.
   */
  async fetchRecording(recordingSid: string, range?: ByteRangeRequest): Promise<RecordingMedia | null> {
    const recording = await this.ctx.ledger.findRecording(this.ctx.tenantId, recordingSid);
    if (!recording) return null;
    const whole = silentWav(recording.duration_seconds);
    if (!range) return { content_type: 'audio/wav', content_length: whole.bytes, body: whole.body };
    whole.body.destroy();
    const served = resolveRange(range, whole.bytes);
    const part = silentWav(recording.duration_seconds, served);
    return {
      content_type: 'audio/wav',
      content_length: served.end - served.start + 1,
      range: served,
      body: part.body,
    };
  }

  /** Runs one `simulator.call` job; throws SimulatorCallbackError when our API did not take a callback. */
  runStep(callSid: string, step: number): Promise<void> {
    return this.engine.runStep(callSid, step);
  }
}
