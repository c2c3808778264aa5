import { seededHex } from './simulator-plan';
import { recordingParams, simulatedRecordingUrl } from './telephony-callbacks';
import type { TelephonyContext } from './telephony-engine';
import type { SimulatedCall } from './telephony-ledger';

export interface NewRecording {
  /** What the recording's SID follows from (with the seed and tenant): the call, or the call's <Record> verb. */
  name: string;
  seconds: number;
  /** `OutboundAPI`: the whole call (Record=true, dual channel); `RecordVerb`: a caller's message. */
  source: 'OutboundAPI' | 'RecordVerb';
  startedAt: Date;
  callbackUrl: string | undefined;
}

/** Remembers a recording (`RE…`, under Twilio's recordings URL) and queues its status callback when one was asked. */
export async function saveRecording(
  ctx: TelephonyContext,
  call: SimulatedCall,
  recording: NewRecording,
): Promise<void> {
  const recordingSid = `RE${seededHex(ctx.settings.seed, `recording:${call.tenant_id}:${recording.name}`)}`;
  const url = simulatedRecordingUrl(call.account_sid, recordingSid);
  await ctx.ledger.saveRecording({
    tenant_id: call.tenant_id,
    recording_sid: recordingSid,
    call_sid: call.call_sid,
    url,
    duration_seconds: recording.seconds,
    source: recording.source,
    created_at: ctx.now().toISOString(),
  });
  if (!recording.callbackUrl) return;
  call.outbox.push({
    kind: 'recording',
    url: recording.callbackUrl,
    params: recordingParams({
      account_sid: call.account_sid,
      call_sid: call.call_sid,
      recording_sid: recordingSid,
      url,
      duration_seconds: recording.seconds,
      channels: recording.source === 'OutboundAPI' ? 2 : 1,
      source: recording.source,
      started_at: recording.startedAt,
    }),
  });
}
