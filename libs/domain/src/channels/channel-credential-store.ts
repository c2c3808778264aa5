import { SecretBox } from '@app/common';
import { AppConfig } from '@app/config';
import { Channel, ChannelProvider } from '@app/db';
import { generateTelegramSecretToken } from '@app/providers';
import { ChannelConfigRow } from './channel-configs.repository';

/** The sealed credentials' mark of a row on the platform's Twilio account (AppConfig.twilio). */
const PLATFORM_TWILIO = 'platform_twilio';
const PLATFORM_TWILIO_CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'voice'];

/** 43 url-safe characters: a webhook routing key, or a simulator signing secret (valid as a Telegram token). */
export function newSecret(): string {
  return generateTelegramSecretToken();
}

/**
 * A channel config's credentials: sealed with SecretBox (AES-256-GCM) in the row, and, for a row on the platform's
 * Twilio account, read from the platform's config at each use (never copied into the row).
 */
export class ChannelCredentialStore {
  private readonly box: SecretBox;

  constructor(private readonly config: AppConfig) {
    this.box = new SecretBox(config.encryptionKey);
  }

  seal(credentials: Record<string, unknown>): string {
    return this.box.encrypt(JSON.stringify(credentials));
  }

  /** What a new row is sealed with: the platform's Twilio mark, or a simulator's fresh signing secret. */
  initialCredentials(provider: ChannelProvider): Record<string, unknown> {
    return provider === 'twilio' ? { [PLATFORM_TWILIO]: true } : { signing_secret: newSecret() };
  }

  /** The provider of a channel nobody configured: the platform's Twilio for SMS, WhatsApp and voice, if any. */
  defaultProvider(channel: Channel): ChannelProvider {
    return this.config.twilio && PLATFORM_TWILIO_CHANNELS.includes(channel) ? 'twilio' : 'simulator';
  }

  /** The row runs on the platform's Twilio account (made so by the service's `ensure`). */
  onPlatformTwilio(row: ChannelConfigRow): boolean {
    return row.provider === 'twilio' && this.unsealed(row)[PLATFORM_TWILIO] === true;
  }

  /** The row's credentials; the platform's Twilio account's as the platform's config has them now. */
  credentialsOf(row: ChannelConfigRow): Record<string, unknown> {
    const sealed = this.unsealed(row);
    if (sealed[PLATFORM_TWILIO] !== true) return sealed;
    const twilio = this.config.twilio;
    // The platform's account was removed from the config after the row was made: no credentials to send with.
    if (!twilio) return {};
    return {
      account_sid: twilio.accountSid,
      auth_token: twilio.authToken,
      ...(twilio.from ? { from: twilio.from } : {}),
      ...(twilio.whatsappFrom ? { whatsapp_from: twilio.whatsappFrom } : {}),
      ...(twilio.baseUrl ? { base_url: twilio.baseUrl } : {}),
    };
  }

  private unsealed(row: ChannelConfigRow): Record<string, unknown> {
    return row.credentials_sealed
      ? (JSON.parse(this.box.decrypt(row.credentials_sealed)) as Record<string, unknown>)
      : {};
  }
}
