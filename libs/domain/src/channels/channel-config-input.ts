import { AppError, invalidInput } from '@app/common';
import { Channel } from '@app/db';
import { TenantEgress } from '../egress/tenant-egress';
import { ChannelConfigInput } from './channel-config.types';
import { ChannelConfigRow } from './channel-configs.repository';
import { validateCredentials } from './channel-credentials';
import { ChannelCredentialStore, newSecret } from './channel-credential-store';
import { validateSettings } from './channel-settings';

/** A refused field of a PUT, worded as every refused input is ("Invalid input: provider ..."). */
export const invalidField = (field: string, reason: string): AppError => invalidInput([{ field, reason }]);

/** The credentials and settings a PUT makes of the stored config (kept where it sends none, or masked ones). */
export function composeChannelConfig(
  channel: Channel,
  input: ChannelConfigInput,
  current: ChannelConfigRow | null,
  store: ChannelCredentialStore,
  egress: TenantEgress,
): { credentials: Record<string, unknown>; settings: Record<string, unknown> } {
  // The platform's Twilio account is no tenant's to keep: a tenant's own Twilio config sends all of its own.
  const same = current?.provider === input.provider && !store.onPlatformTwilio(current);
  const stored = current && same ? store.credentialsOf(current) : null;
  let credentials: Record<string, unknown>;
  if (input.provider === 'simulator') {
    const given = Object.keys(input.credentials ?? {});
    if (given.length) throw invalidField(`credentials.${given[0]}`, 'is not a credential of simulator');
    credentials = stored ?? { signing_secret: newSecret() };
  } else {
    const sent = input.keepCredentials && stored ? { ...stored, ...input.credentials } : input.credentials;
    credentials = validateCredentials(channel, input.provider, sent ?? {}, stored);
    // Our servers connect to a tenant's SMTP host: never to an internal one (the policy checks again at the send).
    const refused = input.provider === 'smtp' ? egress.hostRefusal(String(credentials.host)) : null;
    if (refused) throw invalidField('credentials.host', refused);
  }
  const settings =
    input.settings === undefined
      ? current && same
        ? current.settings
        : {}
      : validateSettings(input.settings, channel, input.provider);
  return { credentials, settings };
}
