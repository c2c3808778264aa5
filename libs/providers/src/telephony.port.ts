export interface PlaceCallRequest {
  to: string;
  from: string;
  answer_url: string;
  status_callback_url: string;
  machine_detection?: 'Enable' | 'DetectMessageEnd';
  amd_callback_url?: string;
  record?: boolean;
  timeout_seconds?: number;
}

export interface PlacedCall {
  call_sid: string;
  status: string;
}

/** The telephony port: the Twilio voice adapter and the telephony simulator implement it. */
export abstract class TelephonyPort {
  abstract placeCall(request: PlaceCallRequest): Promise<PlacedCall>;
  abstract updateCall(
    callSid: string,
    change: { twiml?: string; url?: string; status?: 'completed' | 'canceled' },
  ): Promise<void>;
  abstract addParticipant(conferenceName: string, request: PlaceCallRequest): Promise<PlacedCall>;
  abstract announce(conferenceSid: string, callSid: string, announceUrl: string): Promise<void>;
  abstract setMuted(conferenceSid: string, callSid: string, muted: boolean): Promise<void>;
  abstract removeParticipant(conferenceSid: string, callSid: string): Promise<void>;
}
