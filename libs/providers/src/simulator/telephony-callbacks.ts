import { signTwilioRequest, TWILIO_SIGNATURE_HEADER } from '../signatures/twilio-signature';
import type { SimulatorRequest } from './simulator-callbacks';
import type { ConferenceParticipant, SimulatedCall, SimulatedConference } from './telephony-ledger';

export const TWILIO_API_VERSION = '2010-04-01';

/** What our API answered to a simulated provider request. */
export interface TelephonyHttpResponse {
  status: number;
  body: string;
}

/** How the telephony simulator calls our webhook routes (a POST; a network failure throws). */
export type TelephonyHttpPoster = (request: SimulatorRequest) => Promise<TelephonyHttpResponse>;

/** The poster over the global fetch, each request given `timeoutMs` to answer. */
export function fetchTelephonyPoster(timeoutMs = 10_000): TelephonyHttpPoster {
  return async (request) => {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    return { status: res.status, body: await res.text() };
  };
}

/** A form POST to `url`, signed with `X-Twilio-Signature` by the voice channel's secret. */
export function signedTwilioForm(
  url: string,
  params: Record<string, string>,
  signingSecret: string,
): SimulatorRequest {
  return {
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      [TWILIO_SIGNATURE_HEADER]: signTwilioRequest(signingSecret, url, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

/** RFC 2822 as Twilio writes it: `Mon, 30 Nov 2026 10:00:00 +0000`. */
export function twilioTimestamp(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** Where Twilio keeps a recording: `https://api.twilio.com/2010-04-01/Accounts/AC…/Recordings/RE…`. */
export function simulatedRecordingUrl(accountSid: string, recordingSid: string): string {
  return `https://api.twilio.com/${TWILIO_API_VERSION}/Accounts/${accountSid}/Recordings/${recordingSid}`;
}

/** The fields of every request about a call: the answer URL, a redirect, an announcement. */
export function callRequestParams(call: SimulatedCall, callStatus: string): Record<string, string> {
  return {
    CallSid: call.call_sid,
    AccountSid: call.account_sid,
    From: call.request.from,
    To: call.request.to,
    Caller: call.request.from,
    Called: call.request.to,
    Direction: call.direction,
    CallStatus: callStatus,
    ApiVersion: TWILIO_API_VERSION,
  };
}

/** A call status callback; `durationSeconds` on a completed call (CallDuration and Duration). */
export function callStatusParams(
  call: SimulatedCall,
  callStatus: string,
  sequence: number,
  now: Date,
  durationSeconds?: number,
): Record<string, string> {
  return {
    CallSid: call.call_sid,
    AccountSid: call.account_sid,
    From: call.request.from,
    To: call.request.to,
    Direction: call.direction,
    CallStatus: callStatus,
    ApiVersion: TWILIO_API_VERSION,
    Timestamp: twilioTimestamp(now),
    SequenceNumber: String(sequence),
    CallbackSource: 'call-progress-events',
    ...(durationSeconds !== undefined
      ? { CallDuration: String(durationSeconds), Duration: String(durationSeconds) }
      : {}),
    ...(call.direction === 'inbound' ? { Caller: call.request.from, Called: call.request.to } : {}),
  };
}

/** The asynchronous AMD result. */
export function amdParams(call: SimulatedCall): Record<string, string> {
  return {
    CallSid: call.call_sid,
    AccountSid: call.account_sid,
    AnsweredBy: call.plan.answeredBy,
    MachineDetectionDuration: String(call.plan.amdMs),
  };
}

export type ConferenceEvent =
  'conference-start' | 'conference-end' | 'participant-join' | 'participant-leave' | 'announcement-end';

/** Which `statusCallbackEvent` word subscribes to each event. */
export const CONFERENCE_EVENT_SUBSCRIPTION: Record<ConferenceEvent, string> = {
  'conference-start': 'start',
  'conference-end': 'end',
  'participant-join': 'join',
  'participant-leave': 'leave',
  'announcement-end': 'announcement',
};

/** A conference status callback; `participant` is the participant the event is about (or who started/ended it). */
export function conferenceParams(
  conference: SimulatedConference,
  accountSid: string,
  event: ConferenceEvent,
  sequence: number,
  now: Date,
  participant?: ConferenceParticipant,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ConferenceSid: conference.sid,
    FriendlyName: conference.name,
    AccountSid: accountSid,
    StatusCallbackEvent: event,
    ...(participant
      ? {
          CallSid: participant.call_sid,
          Muted: String(participant.muted),
          Hold: 'false',
          Coaching: 'false',
          EndConferenceOnExit: String(participant.end_conference_on_exit),
          StartConferenceOnEnter: String(participant.start_conference_on_enter),
        }
      : {}),
    Timestamp: twilioTimestamp(now),
    SequenceNumber: String(sequence),
    ...extra,
  };
}

/** A recording status callback. */
export function recordingParams(recording: {
  account_sid: string;
  call_sid: string;
  recording_sid: string;
  url: string;
  duration_seconds: number;
  channels: number;
  source: 'OutboundAPI' | 'RecordVerb';
  started_at: Date;
}): Record<string, string> {
  return {
    AccountSid: recording.account_sid,
    CallSid: recording.call_sid,
    RecordingSid: recording.recording_sid,
    RecordingUrl: recording.url,
    RecordingStatus: 'completed',
    RecordingDuration: String(recording.duration_seconds),
    RecordingChannels: String(recording.channels),
    RecordingSource: recording.source,
    RecordingStartTime: twilioTimestamp(recording.started_at),
  };
}
