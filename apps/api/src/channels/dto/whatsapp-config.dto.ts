import { AnyCase, invalidInput, MaxChars } from '@app/common';
import { CHANNEL_PROVIDERS } from '@app/db';
import type { ChannelProvider } from '@app/db';
import type { ChannelConfigInput } from '@app/domain';
import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, IsUrl, ValidateIf } from 'class-validator';
import { UpdateChannelConfigDto } from './channel-config.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Seed 003's form was used: its fields are there (null included, to be refused). */
const seedForm = (dto: UpdateWhatsAppConfigDto) =>
  dto.api_token !== undefined || dto.webhook_url !== undefined;

/**
 * PUT /api/config/whatsapp: our form (`{ provider, credentials, settings }`, as PUT config/channels/whatsapp), or
 * seed 003's `{ apiToken, webhookUrl }`, which sets the WhatsApp Cloud API access token of the tenant's WhatsApp
 * Cloud config and keeps the rest of it.
 */
export class UpdateWhatsAppConfigDto extends OmitType(UpdateChannelConfigDto, ['provider'] as const) {
  @ApiPropertyOptional({
    enum: CHANNEL_PROVIDERS,
    example: 'whatsapp_cloud',
    description:
      'Required in our form. With api_token or webhook_url (seed 003) it may be left out, and is whatsapp_cloud; any other provider is refused. Any case',
  })
  @ValidateIf((dto: UpdateWhatsAppConfigDto) => !seedForm(dto) || dto.provider !== undefined)
  @AnyCase()
  @IsIn(CHANNEL_PROVIDERS)
  provider!: ChannelProvider;

  @ApiPropertyOptional({
    example: 'EAAGm0PX4ZCpsBA...',
    description:
      "Seed 003 (alias apiToken): the WhatsApp Cloud API access token, stored as credentials.access_token (sealed, shown masked). The config's other credentials (phone_number_id, app_secret, verify_token, graph_api_version) and settings keep their stored values; where the tenant has no WhatsApp Cloud config yet, send them in `credentials`, else the answer is 400 naming each one missing.",
  })
  @ValidateIf((dto: UpdateWhatsAppConfigDto) => dto.api_token !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxChars(1000)
  api_token?: string;

  @ApiPropertyOptional({
    example: 'https://clinic.example.com/webhook/whatsapp',
    description:
      "Seed 003 (alias webhookUrl): read and checked, not stored. The URL Meta calls is the platform's own, built from PUBLIC_BASE_URL with this config's routing key: the answer's `webhooks` lists it, to give Meta.",
  })
  @ValidateIf((dto: UpdateWhatsAppConfigDto) => dto.webhook_url !== undefined)
  @IsString()
  @MaxChars(2000)
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  webhook_url?: string;

  /** What the service applies: our form as it is; seed 003's as a change of the WhatsApp Cloud config. */
  toInput(): ChannelConfigInput {
    if (!seedForm(this))
      return { provider: this.provider, credentials: this.credentials, settings: this.settings };
    if (this.provider !== undefined && this.provider !== 'whatsapp_cloud')
      throw invalidInput([
        {
          field: 'provider',
          reason:
            'must be whatsapp_cloud (or left out) with api_token or webhook_url: they set up the WhatsApp Cloud API',
        },
      ]);
    const sent = this.credentials?.access_token;
    if (this.api_token !== undefined && sent !== undefined && sent !== this.api_token)
      throw invalidInput([
        { field: 'api_token', reason: 'and credentials.access_token have different values: send one' },
      ]);
    return {
      provider: 'whatsapp_cloud',
      credentials: {
        ...this.credentials,
        ...(this.api_token !== undefined ? { access_token: this.api_token } : {}),
      },
      settings: this.settings,
      keepCredentials: true,
    };
  }
}
