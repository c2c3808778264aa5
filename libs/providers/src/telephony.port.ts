import type { ByteRangeRequest, ServedRange } from './byte-range';
import type { Readable } from 'node:stream';

/** Twilio's answering-machine detection answers (`AnsweredBy`). */
export type AnsweredBy =
  | 'human'
  | 'machine_start'
  | 'machine_end_beep'
  | 'machine_end_silence'
  | 'machine_end_other'
  | 'fax'
  | 'unknown';

export interface PlaceCallRequest {
  /** E.164. */
  to: string;
  from: string;
  /** Fetched (POST) when the call is answered; answers TwiML. */
  answer_url: string;
  /** Receives the call's progress: initiated, ringing, answered, completed (and its final status). */
  status_callback_url: string;
  /**
   * Answering-machine detection, asynchronous (Twilio's `AsyncAmd`): the call is answered at once and the result
   * is posted to `amd_callback_url` 2-5 s later. `DetectMessageEnd` waits for the greeting's end (a voicemail drop).
   */
  machine_detection?: 'Enable' | 'DetectMessageEnd';
  amd_callback_url?: string;
  /** Record the call (dual channel); the recording's status goes to `recording_callback_url`. */
  record?: boolean;
  recording_callback_url?: string;
  /** Seconds the call rings before `no-answer` (Twilio's `Timeout`). */
  timeout_seconds?: number;
}

export interface PlacedCall {
  call_sid: string;
  status: string;
}

/** A call as the provider knows it: used to reconcile a placement whose answer was lost. */
export interface CallRecord {
  call_sid: string;
  status: string;
  to: string;
  from: string;
  /** Seconds, once the call ended. */
  duration: number | null;
  start_time: string | null;
  end_time: string | null;
  /**
   * What the call cost, as the provider bills it (Twilio's `price`: negative, a charge): null until the provider has
   * priced it, which Twilio does only some time after the call completed.
   */
  price: number | null;
  /** The currency of `price` (ISO 4217, `USD`). */
  price_unit: string | null;
}

/** A recording's audio as the provider serves it, streamed (never held whole in memory by the adapter). */
export interface RecordingMedia {
  /** `audio/mpeg` for Twilio's `.mp3`, `audio/wav` for the simulator's. */
  content_type: string;
  /** Bytes, when the provider said. */
  content_length: number | null;
  /** Set when `body` is only the range asked for (a 206): which bytes, of how many. */
  range?: ServedRange;
  body: Readable;
}

export interface CallChange {
  /** Replaces what the call is doing with this TwiML (a redirect into a conference, a message then hang-up). */
  twiml?: string;
  /** Or fetches new TwiML from this URL. */
  url?: string;
  /** Ends the call: `completed` if it was answered, `canceled` if it is still ringing. */
  status?: 'completed' | 'canceled';
}

/**
 * The telephony port: the Twilio voice adapter and the telephony simulator implement it. Conferences are addressed
 * by their SID (from a conference status callback); participants by the call SID of their leg.
 */
export abstract class TelephonyPort {
  abstract placeCall(request: PlaceCallRequest): Promise<PlacedCall>;
  abstract updateCall(callSid: string, change: CallChange): Promise<void>;
  abstract fetchCall(callSid: string): Promise<CallRecord | null>;
  /** Calls `request.to` into the conference named `conferenceName` (Twilio's Participants resource). */
  abstract addParticipant(conferenceName: string, request: PlaceCallRequest): Promise<PlacedCall>;
  /** Plays the TwiML at `announceUrl` to one participant alone (Twilio's participant `AnnounceUrl`): the whisper. */
  abstract announce(conferenceSid: string, callSid: string, announceUrl: string): Promise<void>;
  abstract setMuted(conferenceSid: string, callSid: string, muted: boolean): Promise<void>;
  abstract removeParticipant(conferenceSid: string, callSid: string): Promise<void>;
  /** Deletes a recording (erasure, DESIGN §4 / GDPR Art. 17); a recording already gone is not an error. */
  abstract deleteRecording(recordingSid: string): Promise<void>;
  /**
   * The recording's audio, or only `range` of it when given (the provider may answer whole); null when the provider
   * has no such recording (never made, or deleted). A range wholly past its end throws RangeNotSatisfiableError.
   */
  abstract fetchRecording(recordingSid: string, range?: ByteRangeRequest): Promise<RecordingMedia | null>;
}
