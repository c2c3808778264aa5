import type { CallDisposition } from '@app/db';
import type { ActivityEntry } from './activity.service';

const CHANNEL_LABEL: Record<string, string> = {
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  telegram: 'Telegram',
  email: 'Email',
};

/** Seed 003's `whatsapp_message` entry (and its SMS, Telegram and email kin): a lead's message came in. */
export function inboundMessageEntry(
  channel: string,
  from: string,
  ids: { lead_id: string; conversation_id: string; message_id: string },
): ActivityEntry {
  return {
    type: `${channel}_message`,
    description: `${CHANNEL_LABEL[channel] ?? channel} message from ${from}`,
    status: 'received',
    data: ids,
  };
}

const OUTCOME: Record<CallDisposition, string> = {
  answered: 'completed',
  voicemail: 'reached voicemail',
  no_answer: 'not answered',
  busy: 'busy',
  failed: 'failed',
  abandoned: 'abandoned',
  missed: 'missed',
};

/** The call as the activity feed tells it; `status` success when someone (or a machine) answered. */
export interface EndedCallFacts {
  id: string;
  kind: string;
  direction: 'inbound' | 'outbound';
  lead_id: string | null;
  campaign_id: string | null;
  from_number: string | null;
  to_number: string | null;
  disposition: CallDisposition | null;
  connected_at: Date | null;
}

/** Seed 003's `outbound_call` / `inbound_call` entry: a call ended. */
export function callEndedEntry(call: EndedCallFacts): ActivityEntry {
  const outcome = call.disposition ? OUTCOME[call.disposition] : 'ended';
  const answered = !!call.connected_at || call.disposition === 'answered' || call.disposition === 'voicemail';
  const description =
    call.direction === 'inbound'
      ? `Inbound call from ${call.from_number ?? 'an unknown number'} ${outcome}`
      : `Outbound call ${outcome} to ${call.to_number ?? 'an unknown number'}`;
  return {
    type: `${call.direction}_call`,
    description,
    status: answered ? 'success' : 'failure',
    data: {
      call_id: call.id,
      lead_id: call.lead_id,
      campaign_id: call.campaign_id,
      kind: call.kind,
      disposition: call.disposition,
    },
  };
}
