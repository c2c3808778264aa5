import { AppError, E164, invalidInput, isUuid } from '@app/common';
import type { Channel, ChannelProvider } from '@app/db';
import { TWILIO_SMS_SENDER } from './channel-credentials';

const MAX_SETTINGS_BYTES = 8 * 1024;

/** A refused setting, worded as every refused input is ("Invalid input: settings.from ..."). */
const invalidField = (field: string, reason: string): AppError => invalidInput([{ field, reason }]);

/**
 * A channel config's settings: a flat JSON object of the tenant's choices (`from`, the default sender; per-channel
 * send rates...; for Twilio SMS `provider_opt_out_replies`, false when Twilio does not answer STOP itself; for voice
 * `cps`, the account's calls per second, `agent_group_id`, who takes inbound calls, and `inbound_ring_seconds`, how
 * long a caller waits for one of them). Checked for shape and size; `from` must be a string, `agent_group_id` an id
 * (the service checks it is one of the tenant's groups), `inbound_ring_seconds` whole seconds from 1 to 600.
 */
export function validateSettings(
  settings: Record<string, unknown>,
  channel: Channel,
  provider: ChannelProvider,
): Record<string, unknown> {
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) {
    throw invalidField('settings', 'must be an object');
  }
  if (Buffer.byteLength(JSON.stringify(settings)) > MAX_SETTINGS_BYTES) {
    throw invalidField('settings', `must be at most ${MAX_SETTINGS_BYTES} bytes of JSON`);
  }
  if (settings.from !== undefined && (typeof settings.from !== 'string' || !settings.from.trim())) {
    throw invalidField('settings.from', 'must be a non-empty string');
  }
  // On Twilio it is the number (or, for SMS, the sender id) every send and call goes from.
  if (provider === 'twilio' && typeof settings.from === 'string') {
    const sms = channel === 'sms';
    if (!(sms ? TWILIO_SMS_SENDER : E164).test(settings.from.trim()))
      throw invalidField(
        'settings.from',
        sms ? 'must be an E.164 number or an alphanumeric sender id' : 'must be an E.164 number',
      );
  }
  if (
    settings.provider_opt_out_replies !== undefined &&
    typeof settings.provider_opt_out_replies !== 'boolean'
  ) {
    throw invalidField('settings.provider_opt_out_replies', 'must be true or false');
  }
  if (
    settings.cps !== undefined &&
    (typeof settings.cps !== 'number' || !(settings.cps > 0) || settings.cps > 100)
  ) {
    throw invalidField('settings.cps', 'must be a number of calls per second above 0 and at most 100');
  }
  const ring = settings.inbound_ring_seconds;
  if (ring !== undefined && !(Number.isInteger(ring) && (ring as number) >= 1 && (ring as number) <= 600)) {
    throw invalidField('settings.inbound_ring_seconds', 'must be a whole number of seconds from 1 to 600');
  }
  if (
    settings.agent_group_id !== undefined &&
    settings.agent_group_id !== null &&
    !(typeof settings.agent_group_id === 'string' && isUuid(settings.agent_group_id))
  ) {
    throw invalidField('settings.agent_group_id', 'must be the id of an agent group, or null');
  }
  return settings;
}
