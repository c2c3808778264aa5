import { CHANNEL_PROVIDERS, CHANNELS } from '@app/db';
import type { ChannelProvider } from '@app/db';
import { CHANNEL_STATUSES } from '@app/domain';
import type { ChannelConfigView } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AnyCase } from '@app/common';
import { IsIn, IsObject, IsOptional } from 'class-validator';

export class ChannelWebhookDto {
  @ApiProperty({ enum: ['inbound', 'status', 'verification'], example: 'inbound' }) purpose!: string;
  @ApiProperty({ enum: ['GET', 'POST'], example: 'POST' }) method!: string;
  @ApiProperty({
    example:
      'https://api.example.com/webhooks/twilio/messaging?key=q3V9kZ1bX8mN2pL5rT7wY4uC6eA0sD3fG5hJ8kL1zXc',
  })
  url!: string;
  @ApiProperty({ example: 'Twilio: "A message comes in" of the number or Messaging Service' })
  description!: string;
}

export class ChannelConfigDto {
  @ApiProperty({ enum: CHANNELS, example: 'sms' }) channel!: string;
  @ApiProperty({
    enum: CHANNEL_PROVIDERS,
    example: 'twilio',
    description: 'simulator: the embedded provider every channel uses until another is set',
  })
  provider!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      account_sid: 'AC0123456789abcdef0123456789abcdef',
      auth_token: '********9f3a',
      from: '+14155550100',
    },
    description: 'Identifiers as they are; secrets masked (never more than their last four characters)',
  })
  credentials!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { from: '+14155550100' } })
  settings!: Record<string, unknown>;
  @ApiProperty({
    type: [ChannelWebhookDto],
    description: 'The URLs to give the provider (built from PUBLIC_BASE_URL with this config’s routing key)',
  })
  webhooks!: ChannelWebhookDto[];
  @ApiProperty({
    type: String,
    example: 'https://api.twilio.com',
    nullable: true,
    description:
      "Seed 003's apiUrl: where the platform calls the provider (the Graph API at its version for whatsapp_cloud, smtp(s)://host:port for smtp); null on the simulator",
  })
  api_url!: string | null;
  @ApiProperty({
    type: String,
    example:
      'https://api.example.com/webhooks/twilio/messaging?key=q3V9kZ1bX8mN2pL5rT7wY4uC6eA0sD3fG5hJ8kL1zXc',
    nullable: true,
    description: "Seed 003's webhookUrl: the inbound URL of `webhooks`, to give the provider",
  })
  webhook_url!: string | null;
  @ApiProperty({
    enum: CHANNEL_STATUSES,
    example: 'connected',
    description:
      "simulator: no provider set, the embedded simulator answers; configured: a provider is set and nothing has reached us through it since the config was saved; connected: since then, a lead's message (voice: a call the provider reported) has reached us on this channel",
  })
  status!: string;
  @ApiProperty({
    type: String,
    example: '2026-11-22T09:41:00.000Z',
    nullable: true,
    description:
      "Seed 003's lastSync: when the channel last reached us, the latest message a lead sent on it (voice: the latest call end or answer the provider reported); null before any",
  })
  last_sync!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) updated_at!: string;

  static from(view: ChannelConfigView): ChannelConfigDto {
    return {
      channel: view.channel,
      provider: view.provider,
      credentials: view.credentials,
      settings: view.settings,
      webhooks: view.webhooks,
      api_url: view.api_url,
      webhook_url: view.webhook_url,
      status: view.status,
      last_sync: view.last_sync?.toISOString() ?? null,
      updated_at: view.updated_at.toISOString(),
    };
  }
}

export class UpdateChannelConfigDto {
  @ApiProperty({
    enum: CHANNEL_PROVIDERS,
    example: 'twilio',
    description:
      'sms: twilio | simulator; whatsapp: twilio | whatsapp_cloud | simulator; telegram: telegram | simulator; email: smtp | simulator; voice: twilio | simulator. Any case',
  })
  @AnyCase()
  @IsIn(CHANNEL_PROVIDERS)
  provider!: ChannelProvider;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: {
      account_sid: 'AC0123456789abcdef0123456789abcdef',
      auth_token: 'your_auth_token',
      from: '+14155550100',
    },
    description:
      'twilio: account_sid, auth_token, from and/or messaging_service_sid (for whatsapp, whatsapp_from will do); whatsapp_cloud: access_token, phone_number_id, app_secret, verify_token, graph_api_version (optional, e.g. v26.0; default v25.0); telegram: bot_token, secret_token; smtp: host, port, secure, user, pass, from, inbound_secret, mailgun_signing_key (optional: the Mailgun account HTTP webhook signing key; when set, inbound email posts must carry its signature); simulator: none. A secret left out or sent back masked keeps its stored value while the provider stays the same.',
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { from: '+14155550100', provider_opt_out_replies: true },
    description:
      'Free-form choices of the tenant: `from`, the default sender; for Twilio SMS, `provider_opt_out_replies` ' +
      '(default true: Twilio answers STOP on long codes and toll-free numbers itself, so the platform records the ' +
      'opt-out without a confirmation of its own; false for a short code or with that filtering off). Kept when ' +
      'left out and the provider stays.',
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
}
