import type { AnsweredBy } from '../telephony.port';

/**
 * Twilio's call statuses, which are ours too (`calls.status`): a call progress callback reports `initiated`,
 * `ringing`, `in-progress` (the `answered` event) and a final one.
 */
export const TWILIO_CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;
export type TwilioCallStatus = (typeof TWILIO_CALL_STATUSES)[number];

/** Statuses after which a call does nothing more. */
export const TWILIO_FINAL_CALL_STATUSES: ReadonlySet<TwilioCallStatus> = new Set([
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
]);

export const TWILIO_ANSWERED_BY: readonly AnsweredBy[] = [
  'human',
  'machine_start',
  'machine_end_beep',
  'machine_end_silence',
  'machine_end_other',
  'fax',
  'unknown',
];

/** The conference events Twilio posts to a `<Conference statusCallback>` (`StatusCallbackEvent`). */
export const TWILIO_CONFERENCE_EVENTS = [
  'conference-start',
  'conference-end',
  'participant-join',
  'participant-leave',
  'participant-mute',
  'participant-unmute',
  'participant-hold',
  'participant-unhold',
  'participant-modify',
  'participant-speech-start',
  'participant-speech-stop',
  'announcement-end',
  'announcement-fail',
] as const;
export type TwilioConferenceEvent = (typeof TWILIO_CONFERENCE_EVENTS)[number];

export const TWILIO_RECORDING_STATUSES = ['in-progress', 'completed', 'absent', 'failed'] as const;
export type TwilioRecordingStatus = (typeof TWILIO_RECORDING_STATUSES)[number];

/** A call progress callback (`status`) or the answer request (`answer`): same fields. */
export interface VoiceCallStatusForm {
  call_sid: string;
  account_sid: string | null;
  call_status: TwilioCallStatus;
  from: string | null;
  to: string | null;
  /** `outbound-api` for a call we placed, `inbound`, `outbound-dial` for a `<Dial>` leg. */
  direction: string | null;
  parent_call_sid: string | null;
  /** Present on a status callback when detection ran (synchronous AMD); async results come on the AMD form. */
  answered_by: AnsweredBy | null;
  /** Seconds (`CallDuration`), on the final callback. */
  duration: number | null;
  /** Orders the callbacks of one call (`SequenceNumber`, from 0). */
  sequence_number: number | null;
  /** ISO 8601, from the RFC 2822 `Timestamp`. */
  timestamp: string | null;
  /** Twilio's error code on a `failed` call (`ErrorCode`, e.g. 13224 invalid number). */
  error_code: string | null;
}

/** An asynchronous answering-machine detection result. */
export interface VoiceAmdForm {
  call_sid: string;
  account_sid: string | null;
  answered_by: AnsweredBy;
  /** Milliseconds the detection took (`MachineDetectionDuration`). */
  machine_detection_duration: number | null;
}

export interface VoiceConferenceForm {
  conference_sid: string;
  friendly_name: string;
  event: TwilioConferenceEvent;
  account_sid: string | null;
  /** The participant's call (participant and announcement events). */
  call_sid: string | null;
  muted: boolean | null;
  hold: boolean | null;
  coaching: boolean | null;
  end_conference_on_exit: boolean | null;
  start_conference_on_enter: boolean | null;
  /** `conference-end`: why it ended (`Reason`), and whose leaving ended it (`CallSidEndingConference`). */
  reason: string | null;
  call_sid_ending_conference: string | null;
  /** `participant-leave`: the leg's call status (`ParticipantCallStatus`) and why it left (`ReasonParticipantLeft`). */
  participant_call_status: string | null;
  reason_participant_left: string | null;
  sequence_number: number | null;
  timestamp: string | null;
}

export interface VoiceRecordingForm {
  call_sid: string;
  account_sid: string | null;
  recording_sid: string;
  /** Without an extension; Twilio serves `.wav` by default and `.mp3` on request. Null unless completed. */
  recording_url: string | null;
  recording_status: TwilioRecordingStatus;
  /** Seconds. */
  recording_duration: number | null;
  recording_channels: number | null;
  /** `OutboundAPI`, `DialVerb`, `RecordVerb`, `Conference`, `StartCallRecordingAPI`... */
  recording_source: string | null;
  recording_start_time: string | null;
  error_code: string | null;
}

/** A call to one of the tenant's numbers (`voice-inbound`). */
export interface VoiceInboundForm {
  call_sid: string;
  account_sid: string | null;
  from: string;
  to: string;
  call_status: TwilioCallStatus;
  direction: string;
  /** CNAM, when the number has caller-name lookup (`CallerName`). */
  caller_name: string | null;
  forwarded_from: string | null;
}

type Form = Record<string, unknown>;

/** A Twilio call status as ours (the same strings), or undefined for anything else. */
export function twilioCallStatus(value: unknown): TwilioCallStatus | undefined {
  return typeof value === 'string' && (TWILIO_CALL_STATUSES as readonly string[]).includes(value)
    ? (value as TwilioCallStatus)
    : undefined;
}

export function isFinalCallStatus(status: string): boolean {
  return TWILIO_FINAL_CALL_STATUSES.has(status as TwilioCallStatus);
}

export function twilioAnsweredBy(value: unknown): AnsweredBy | undefined {
  return typeof value === 'string' && (TWILIO_ANSWERED_BY as readonly string[]).includes(value)
    ? (value as AnsweredBy)
    : undefined;
}

/** The `answer` and `status` webhooks; null without a `CallSid` and a known `CallStatus`. */
export function parseVoiceCallStatus(form: unknown): VoiceCallStatusForm | null {
  if (!isForm(form)) return null;
  const callSid = field(form, 'CallSid');
  const status = twilioCallStatus(field(form, 'CallStatus'));
  if (!callSid || !status) return null;
  return {
    call_sid: callSid,
    account_sid: field(form, 'AccountSid') ?? null,
    call_status: status,
    from: field(form, 'From') ?? null,
    to: field(form, 'To') ?? null,
    direction: field(form, 'Direction') ?? null,
    parent_call_sid: field(form, 'ParentCallSid') ?? null,
    answered_by: twilioAnsweredBy(field(form, 'AnsweredBy')) ?? null,
    duration: integer(field(form, 'CallDuration')),
    sequence_number: integer(field(form, 'SequenceNumber')),
    timestamp: isoTime(field(form, 'Timestamp')),
    error_code: errorCode(form),
  };
}

/** The `amd` webhook; null without a `CallSid` and a known `AnsweredBy`. */
export function parseVoiceAmd(form: unknown): VoiceAmdForm | null {
  if (!isForm(form)) return null;
  const callSid = field(form, 'CallSid');
  const by = twilioAnsweredBy(field(form, 'AnsweredBy'));
  if (!callSid || !by) return null;
  return {
    call_sid: callSid,
    account_sid: field(form, 'AccountSid') ?? null,
    answered_by: by,
    machine_detection_duration: integer(field(form, 'MachineDetectionDuration')),
  };
}

/**
 * The `conference-status` webhook; null without `ConferenceSid`, `FriendlyName` and a known `StatusCallbackEvent`,
 * or a participant event without its `CallSid`.
 */
export function parseVoiceConferenceStatus(form: unknown): VoiceConferenceForm | null {
  if (!isForm(form)) return null;
  const conferenceSid = field(form, 'ConferenceSid');
  const friendlyName = field(form, 'FriendlyName');
  const event = field(form, 'StatusCallbackEvent');
  if (!conferenceSid || !friendlyName || !isConferenceEvent(event)) return null;
  const callSid = field(form, 'CallSid') ?? null;
  if (event.startsWith('participant-') && !callSid) return null;
  return {
    conference_sid: conferenceSid,
    friendly_name: friendlyName,
    event,
    account_sid: field(form, 'AccountSid') ?? null,
    call_sid: callSid,
    muted: bool(field(form, 'Muted')),
    hold: bool(field(form, 'Hold')),
    coaching: bool(field(form, 'Coaching')),
    end_conference_on_exit: bool(field(form, 'EndConferenceOnExit')),
    start_conference_on_enter: bool(field(form, 'StartConferenceOnEnter')),
    reason: field(form, 'Reason') ?? null,
    call_sid_ending_conference: field(form, 'CallSidEndingConference') ?? null,
    participant_call_status: field(form, 'ParticipantCallStatus') ?? null,
    reason_participant_left: field(form, 'ReasonParticipantLeft') ?? null,
    sequence_number: integer(field(form, 'SequenceNumber')),
    timestamp: isoTime(field(form, 'Timestamp')),
  };
}

/**
 * The `recording` webhook; null without `CallSid`, `RecordingSid` and a known `RecordingStatus`, or a completed
 * recording without its `RecordingUrl`.
 */
export function parseVoiceRecording(form: unknown): VoiceRecordingForm | null {
  if (!isForm(form)) return null;
  const callSid = field(form, 'CallSid');
  const recordingSid = field(form, 'RecordingSid');
  const status = field(form, 'RecordingStatus');
  if (!callSid || !recordingSid || !(TWILIO_RECORDING_STATUSES as readonly string[]).includes(status ?? '')) {
    return null;
  }
  const url = field(form, 'RecordingUrl') ?? null;
  if (status === 'completed' && !url) return null;
  return {
    call_sid: callSid,
    account_sid: field(form, 'AccountSid') ?? null,
    recording_sid: recordingSid,
    recording_url: url,
    recording_status: status as TwilioRecordingStatus,
    recording_duration: integer(field(form, 'RecordingDuration')),
    recording_channels: integer(field(form, 'RecordingChannels')),
    recording_source: field(form, 'RecordingSource') ?? null,
    recording_start_time: isoTime(field(form, 'RecordingStartTime')),
    error_code: errorCode(form),
  };
}

/** The `voice-inbound` webhook; null without `CallSid`, `From`, `To` and a known `CallStatus`, or not inbound. */
export function parseVoiceInbound(form: unknown): VoiceInboundForm | null {
  if (!isForm(form)) return null;
  const callSid = field(form, 'CallSid');
  const from = field(form, 'From') ?? field(form, 'Caller');
  const to = field(form, 'To') ?? field(form, 'Called');
  const status = twilioCallStatus(field(form, 'CallStatus'));
  const direction = field(form, 'Direction') ?? 'inbound';
  if (!callSid || !from || !to || !status || direction !== 'inbound') return null;
  return {
    call_sid: callSid,
    account_sid: field(form, 'AccountSid') ?? null,
    from,
    to,
    call_status: status,
    direction,
    caller_name: field(form, 'CallerName') ?? null,
    forwarded_from: field(form, 'ForwardedFrom') ?? null,
  };
}

function isConferenceEvent(value: string | undefined): value is TwilioConferenceEvent {
  return value !== undefined && (TWILIO_CONFERENCE_EVENTS as readonly string[]).includes(value);
}

function isForm(value: unknown): value is Form {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A form field's first value as a trimmed string; undefined when absent or empty. */
function field(form: Form, name: string): string | undefined {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  const text = typeof first === 'string' ? first : typeof first === 'number' ? String(first) : undefined;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** `ErrorCode`, where `0` means none. */
function errorCode(form: Form): string | null {
  const code = field(form, 'ErrorCode');
  return code && code !== '0' ? code : null;
}

function integer(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  return Number.parseInt(value, 10);
}

function bool(value: string | undefined): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** An RFC 2822 (`Tue, 10 Jun 2025 12:00:01 +0000`) or ISO time as ISO 8601; null when unreadable. */
function isoTime(value: string | undefined): string | null {
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
