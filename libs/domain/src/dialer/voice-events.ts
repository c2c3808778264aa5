import type {
  VoiceAmdForm,
  VoiceCallStatusForm,
  VoiceConferenceForm,
  VoiceInboundForm,
  VoiceRecordingForm,
} from '@app/providers';

/**
 * A voice webhook's event as recorded in webhook_events (kind `call`) and applied by `calls.event`: the route it
 * came to, our call id from its URL, and the parsed form.
 */
export type VoiceEvent = (
  | { kind: 'call'; type: 'answer' | 'agent-answer'; call_id: string; form: VoiceCallStatusForm }
  /** `call_id` null: a status callback configured on the number (an inbound call's), found by its CallSid. */
  | { kind: 'call'; type: 'status'; call_id: string | null; form: VoiceCallStatusForm }
  | { kind: 'call'; type: 'amd'; call_id: string; form: VoiceAmdForm }
  | { kind: 'call'; type: 'conference'; call_id: string; form: VoiceConferenceForm }
  | { kind: 'call'; type: 'recording'; call_id: string; form: VoiceRecordingForm }
  | { kind: 'call'; type: 'inbound'; call_id: string; form: VoiceInboundForm }
) & {
  /** When the webhook took it, on the platform clock (its job may run later): the time its call moved. */
  received_at?: string;
};

/** What makes a provider's redelivery of the same event the same (DESIGN §7.7). */
export function voiceEventKey(event: VoiceEvent): string {
  const f = event.form;
  switch (event.type) {
    case 'status':
      return `call:${f.call_sid}:status:${(f as VoiceCallStatusForm).call_status}`;
    case 'conference': {
      const c = f as VoiceConferenceForm;
      return `conf:${c.conference_sid}:${c.event}:${c.call_sid ?? ''}:${c.sequence_number ?? ''}`.slice(
        0,
        255,
      );
    }
    case 'recording': {
      const r = f as VoiceRecordingForm;
      return `rec:${r.recording_sid}:${r.recording_status}`;
    }
    default:
      return `call:${f.call_sid}:${event.type}`;
  }
}
