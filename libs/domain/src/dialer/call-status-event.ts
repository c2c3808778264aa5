import type { DialerCall } from './dialer-calls.repository';

/** The `call_status_update` socket event of a call as it stands. */
export function callStatusEvent(call: DialerCall, now: Date) {
  return {
    call_id: call.id,
    call_sid: call.call_sid,
    lead_id: call.lead_id,
    campaign_id: call.campaign_id,
    agent_id: call.agent_id,
    status: call.status,
    answered_by: call.answered_by,
    disposition: call.disposition,
    timestamp: now.toISOString(),
  };
}
