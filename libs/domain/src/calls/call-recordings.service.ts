import { AppError, ErrorCode } from '@app/common';
import { ByteRangeRequest, RangeNotSatisfiableError, RecordingMedia } from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { providerFailure, ProviderFailureMessages } from '../provider-failure';
import { CallsService } from './calls.service';

const FAILURE_MESSAGES: ProviderFailureMessages = {
  auth: 'The telephony provider refused the voice credentials',
  rate_limited: 'The telephony provider is rate limiting this account; try again later',
  unavailable: 'The telephony provider is unavailable; try again later',
  network: 'The telephony provider could not be reached or did not answer in time',
  rejected: 'The telephony provider refused to serve the recording',
  invalid_response: 'The telephony provider answered something that could not be read',
};

/** A Twilio recording URL names its SID (erasure reads it in SQL): what a row with a URL and no SID still plays. */
export const RECORDING_SID_IN_URL = 'Recordings/(RE[0-9a-fA-F]{32})';
const SID_IN_URL = new RegExp(`/${RECORDING_SID_IN_URL}(?:[./?]|$)`);

interface RecordedCall {
  id: string;
  recording_sid: string | null;
  recording_url: string | null;
}

/** The SID of a call's recording: its recording_sid, else the one its recording_url names; null for none. */
export function recordingSidOf(call: RecordedCall): string | null {
  return call.recording_sid ?? SID_IN_URL.exec(call.recording_url ?? '')?.[1] ?? null;
}

/** The path of a call's recording on our API (`GET /api/calls/:id/recording`); null for a call without one. */
export function recordingPath(call: RecordedCall): string | null {
  return recordingSidOf(call) ? `/api/calls/${call.id}/recording` : null;
}

/**
 * A call's recording streamed from the telephony provider with the tenant's voice credentials, so that a dashboard
 * user can play it without the provider's. The call is read as `GET calls/:id` reads it (the tenant's, and an
 * agent's own), so another tenant's call is the same 404 as an unknown one; a call without a recording (never
 * recorded, or erased) and one the provider no longer has are 404 too. A provider failure is 503
 * SERVICE_UNAVAILABLE with the failure's kind, never a 500.
 */
@Injectable()
export class CallRecordingsService {
  constructor(
    private readonly calls: CallsService,
    private readonly voice: VoiceChannelsService,
  ) {}

  /**
   * With `range` (one byte range, RFC 9110), only those bytes when the provider serves them (`media.range`); a range
   * wholly past the end is 416 RANGE_NOT_SATISFIABLE with details { length } (null when the provider did not say).
   */
  async open(auth: AuthContext, callId: string, range?: ByteRangeRequest): Promise<RecordingMedia> {
    const call = await this.calls.get(auth, callId);
    const sid = recordingSidOf(call);
    if (!sid) throw AppError.notFound('Recording');
    const { port } = await this.voice.resolve(auth.tenantId);
    let media: RecordingMedia | null;
    try {
      media = await port.fetchRecording(sid, range);
    } catch (err) {
      if (err instanceof RangeNotSatisfiableError)
        throw new AppError(
          ErrorCode.RANGE_NOT_SATISFIABLE,
          err.total === null
            ? 'The range asked for starts past the end of the recording'
            : `The range asked for starts past the end of the recording (${err.total} bytes)`,
          { length: err.total },
        );
      throw telephonyFailure(err);
    }
    if (!media) throw AppError.notFound('Recording');
    return media;
  }
}

/** A telephony provider's failure as a 503 naming its kind (as `llmFailure` does for LLMs); anything else as it is. */
export function telephonyFailure(err: unknown): unknown {
  return providerFailure(err, FAILURE_MESSAGES);
}
