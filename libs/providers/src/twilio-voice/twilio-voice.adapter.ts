import type { Twilio } from 'twilio';
import type { CallInstance, CallListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/call';
import type { ParticipantListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/conference/participant';
import { systemNow, type Now } from '../now';
import { ProviderError } from '../provider-error';
import {
  ByteRangeRequest,
  parseContentRange,
  rangeHeader,
  RangeNotSatisfiableError,
  unsatisfiedLength,
} from '../byte-range';
import {
  CallChange,
  CallRecord,
  PlaceCallRequest,
  PlacedCall,
  RecordingMedia,
  TelephonyPort,
} from '../telephony.port';
import type { TwilioCredentials } from '../twilio/twilio-credentials';
import { TwilioAccount } from '../twilio/twilio-account';
import type { TwilioRequestClient } from '../twilio/twilio-request.client';

export interface TwilioVoiceAdapterOptions {
  /** The platform clock's time (defaults to the system time); reads a 429's `Retry-After` date. */
  now?: Now;
}

/** Every call progress event: Twilio posts only `completed` unless asked. */
export const TWILIO_CALL_PROGRESS_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

/** A conference participant's status (`queued`, `connecting`...) as a call status. */
const PARTICIPANT_STATUS: Record<string, string> = {
  queued: 'queued',
  connecting: 'initiated',
  ringing: 'ringing',
  connected: 'in-progress',
  complete: 'completed',
  failed: 'failed',
};

/**
 * Voice calls through the `twilio` SDK (REST API 2010-04-01): outbound calls with asynchronous answering-machine
 * detection, redirects, conference participants. Built from one tenant's credentials and holds no other state, so
 * it may be cached by credential id. Errors are `ProviderError`s; the SDK never retries (a call placed twice rings
 * a person twice).
 */
export class TwilioVoiceAdapter extends TelephonyPort {
  readonly provider = 'twilio' as const;
  private readonly account: TwilioAccount;
  private readonly credentials: TwilioCredentials;

  constructor(credentials: TwilioCredentials, options: TwilioVoiceAdapterOptions = {}) {
    super();
    this.account = new TwilioAccount(credentials, options.now ?? systemNow);
    this.credentials = credentials;
  }

  /** `POST /Accounts/{AccountSid}/Calls.json`. */
  async placeCall(request: PlaceCallRequest): Promise<PlacedCall> {
    const options: CallListInstanceCreateOptions = {
      to: request.to,
      from: request.from,
      url: request.answer_url,
      method: 'POST',
      ...callbackOptions(request),
    };
    if (request.machine_detection) {
      options.machineDetection = request.machine_detection;
      options.asyncAmd = 'true';
      if (request.amd_callback_url) {
        options.asyncAmdStatusCallback = request.amd_callback_url;
        options.asyncAmdStatusCallbackMethod = 'POST';
      }
    }
    const created = await this.account.call((client) => client.calls.create(options));
    return { call_sid: created.sid, status: created.status };
  }

  /** `POST /Accounts/{AccountSid}/Calls/{Sid}.json` with exactly one of `Twiml`, `Url` or `Status`. */
  async updateCall(callSid: string, change: CallChange): Promise<void> {
    const given = [change.twiml, change.url, change.status].filter((v) => v !== undefined);
    if (given.length !== 1) {
      throw ProviderError.unsupported('twilio', 'A call update takes exactly one of twiml, url or status');
    }
    const sid = pathParam(callSid, 'call SID');
    await this.account.call((client) =>
      client
        .calls(sid)
        .update(
          change.twiml !== undefined
            ? { twiml: change.twiml }
            : change.url !== undefined
              ? { url: change.url, method: 'POST' }
              : { status: change.status },
        ),
    );
  }

  /** `GET /Accounts/{AccountSid}/Calls/{Sid}.json`; null when Twilio does not know the call (404). */
  async fetchCall(callSid: string): Promise<CallRecord | null> {
    const sid = pathParam(callSid, 'call SID');
    try {
      return toRecord(await this.account.call((client) => client.calls(sid).fetch()));
    } catch (error) {
      if (error instanceof ProviderError && error.httpStatus === 404) return null;
      throw error;
    }
  }

  /**
   * `POST /Accounts/{AccountSid}/Conferences/{FriendlyName}/Participants.json`: Twilio takes the friendly name in
   * place of the conference SID, and creates the conference when it does not exist yet. The callee goes straight
   * into the conference, so `answer_url` is not used (Twilio fetches no TwiML for a participant; whisper with
   * `announce`). The participant starts the conference, ends it when it leaves, and enters without a beep: the
   * agent leg's settings.
   */
  async addParticipant(conferenceName: string, request: PlaceCallRequest): Promise<PlacedCall> {
    if (!conferenceName) throw ProviderError.unsupported('twilio', 'A conference name is required');
    const options: ParticipantListInstanceCreateOptions = {
      from: request.from,
      to: request.to,
      startConferenceOnEnter: true,
      endConferenceOnExit: true,
      beep: 'false',
      ...callbackOptions(request),
    };
    if (request.machine_detection) {
      options.machineDetection = request.machine_detection;
      if (request.amd_callback_url) {
        options.amdStatusCallback = request.amd_callback_url;
        options.amdStatusCallbackMethod = 'POST';
      }
    }
    const created = await this.account.call((client) =>
      client.conferences(encodeURIComponent(conferenceName)).participants.create(options),
    );
    return { call_sid: created.callSid, status: PARTICIPANT_STATUS[created.status] ?? created.status };
  }

  /** `POST .../Conferences/{Sid}/Participants/{CallSid}.json` with `AnnounceUrl`: plays to that participant alone. */
  async announce(conferenceSid: string, callSid: string, announceUrl: string): Promise<void> {
    await this.account.call((client) =>
      this.participant(client, conferenceSid, callSid).update({ announceUrl, announceMethod: 'POST' }),
    );
  }

  /** `POST .../Conferences/{Sid}/Participants/{CallSid}.json` with `Muted`. */
  async setMuted(conferenceSid: string, callSid: string, muted: boolean): Promise<void> {
    await this.account.call((client) => this.participant(client, conferenceSid, callSid).update({ muted }));
  }

  /** `DELETE .../Conferences/{Sid}/Participants/{CallSid}.json`; a participant already gone (404) is not an error. */
  async removeParticipant(conferenceSid: string, callSid: string): Promise<void> {
    await this.ignoringNotFound((client) => this.participant(client, conferenceSid, callSid).remove());
  }

  /** `DELETE /Accounts/{AccountSid}/Recordings/{Sid}.json`; a recording already gone (404) is not an error. */
  async deleteRecording(recordingSid: string): Promise<void> {
    const sid = pathParam(recordingSid, 'recording SID');
    await this.ignoringNotFound((client) => client.recordings(sid).remove());
  }

  /**
   * `GET /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.mp3` (Twilio's recording media URL: `.mp3` answers
   * `audio/mpeg`) with the account's basic auth, streamed; null when Twilio has no such recording (404). A `range`
   * is asked of Twilio as a Range header: its 206 is the part (Content-Range), its 416 RangeNotSatisfiableError,
   * and a 200 the whole.
   */
  async fetchRecording(recordingSid: string, range?: ByteRangeRequest): Promise<RecordingMedia | null> {
    const sid = pathParam(recordingSid, 'recording SID');
    const { account_sid: accountSid, auth_token: authToken } = this.credentials;
    const client = await this.account.sdk();
    const host = client.getHostname('api.twilio.com', client.edge, client.region);
    const uri = `https://${host}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Recordings/${sid}.mp3`;
    const http = client.httpClient as TwilioRequestClient;
    try {
      const media = await http.media(
        uri,
        { username: accountSid, password: authToken },
        range && rangeHeader(range),
      );
      if (media.status === 416)
        throw new RangeNotSatisfiableError(unsatisfiedLength(media.headers['content-range']));
      const length = Number.parseInt(String(media.headers['content-length'] ?? ''), 10);
      const type = media.headers['content-type'];
      const served = media.status === 206 ? parseContentRange(media.headers['content-range']) : undefined;
      if (media.status === 206 && !served) {
        media.body.destroy();
        throw ProviderError.invalidResponse('twilio', 'A partial recording answer without a Content-Range');
      }
      return {
        content_type: typeof type === 'string' && type.startsWith('audio/') ? type : 'audio/mpeg',
        content_length: Number.isFinite(length) ? length : null,
        ...(served ? { range: served } : {}),
        body: media.body,
      };
    } catch (error) {
      if (error instanceof ProviderError && error.httpStatus === 404) return null;
      throw error;
    }
  }

  private participant(client: Twilio, conferenceSid: string, callSid: string) {
    return client
      .conferences(pathParam(conferenceSid, 'conference SID'))
      .participants(pathParam(callSid, 'call SID'));
  }

  private async ignoringNotFound(fn: (client: Twilio) => Promise<unknown>): Promise<void> {
    try {
      await this.account.call(fn);
    } catch (error) {
      if (error instanceof ProviderError && error.httpStatus === 404) return;
      throw error;
    }
  }
}

/** The status, recording and timeout options a call and a participant share. */
function callbackOptions(request: PlaceCallRequest) {
  return {
    statusCallback: request.status_callback_url,
    statusCallbackMethod: 'POST',
    statusCallbackEvent: TWILIO_CALL_PROGRESS_EVENTS,
    ...(request.timeout_seconds !== undefined ? { timeout: request.timeout_seconds } : {}),
    ...(request.record
      ? {
          record: true,
          recordingChannels: 'dual',
          ...(request.recording_callback_url
            ? {
                recordingStatusCallback: request.recording_callback_url,
                recordingStatusCallbackMethod: 'POST',
              }
            : {}),
        }
      : {}),
  };
}

/** A SID for a URL path: never empty, never a `/`, `?` or `#` that would address another resource. Sends nothing. */
function pathParam(value: string, what: string): string {
  if (!value || /[/?#]/.test(value)) throw ProviderError.unsupported('twilio', `Invalid ${what}: "${value}"`);
  return value;
}

function toRecord(call: CallInstance): CallRecord {
  const duration = Number.parseInt(call.duration ?? '', 10);
  return {
    call_sid: call.sid,
    status: call.status,
    to: call.to,
    from: call.from,
    duration: Number.isFinite(duration) ? duration : null,
    start_time: isoOrNull(call.startTime),
    end_time: isoOrNull(call.endTime),
    price: numberOrNull(call.price),
    price_unit: call.priceUnit || null,
  };
}

/** Twilio's decimal strings (`"-0.01400"`); null for a missing or unreadable one. */
function numberOrNull(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function isoOrNull(value: unknown): string | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : null;
}
