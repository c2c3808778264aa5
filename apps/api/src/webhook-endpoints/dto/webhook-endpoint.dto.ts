import { CharLength, MaxChars, Optional, Trimmed } from '@app/common';
import { WEBHOOK_EVENTS } from '@app/db';
import type { WebhookEndpointEntity, WebhookEventName } from '@app/db';
import { WebhookEndpointsService } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

/** How long a rotated-out secret still signs deliveries, unless the rotation says. */
export const DEFAULT_PREVIOUS_SECRET_SECONDS = 86_400;
const MAX_PREVIOUS_SECRET_SECONDS = 7 * 86_400;
const ENABLED_DESCRIPTION =
  'false disables the endpoint: an event that happens while it is disabled is dropped, not kept (as Stripe and ' +
  'GitHub do), so enabling it again sends only later events; deliveries still pending when it was disabled end ' +
  '`failed` ("The endpoint is disabled") and can be sent again with POST /api/webhooks/:id/deliveries/:deliveryId/retry ' +
  'once enabled. true enables it again and clears its failure count. The worker also disables an endpoint after ' +
  'WEBHOOK_DISABLE_AFTER deliveries failed for good in a row (see `disabled_reason`).';
const EVENTS_MESSAGE = `each value in events must be one of ${WEBHOOK_EVENTS.join(', ')}`;
const URL_DESCRIPTION =
  'Where events are POSTed: an absolute http(s) URL. Private, loopback and link-local addresses are refused ' +
  'unless the operator allows them (EGRESS_ALLOWED).';

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://crm.example.com/hooks/reachline',
    maxLength: 2000,
    description: URL_DESCRIPTION,
  })
  @Trimmed()
  @IsString()
  @CharLength(1, 2000)
  url!: string;

  @ApiProperty({
    enum: WEBHOOK_EVENTS,
    isArray: true,
    example: ['lead.created', 'message.received'],
    description: 'The events to receive (at least one)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length * 2)
  @IsIn(WEBHOOK_EVENTS, { each: true, message: EVENTS_MESSAGE })
  events!: WebhookEventName[];

  @ApiPropertyOptional({
    type: String,
    example: 'CRM sync',
    maxLength: 200,
    nullable: true,
    description: 'What the endpoint is for; null (or blank) leaves it without one',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxChars(200)
  description?: string | null;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({
    example: 'https://crm.example.com/hooks/reachline',
    maxLength: 2000,
    description: URL_DESCRIPTION,
  })
  @Optional()
  @Trimmed()
  @IsString()
  @CharLength(1, 2000)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true, example: ['lead.updated'] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length * 2)
  @IsIn(WEBHOOK_EVENTS, { each: true, message: EVENTS_MESSAGE })
  events?: WebhookEventName[];

  @ApiPropertyOptional({
    type: String,
    example: 'CRM sync',
    maxLength: 200,
    nullable: true,
    description: 'What the endpoint is for; null (or blank) leaves it without one',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxChars(200)
  description?: string | null;

  @ApiPropertyOptional({ example: true, description: ENABLED_DESCRIPTION })
  @Optional()
  @IsBoolean()
  enabled?: boolean;
}

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({
    example: 86_400,
    default: DEFAULT_PREVIOUS_SECRET_SECONDS,
    minimum: 0,
    maximum: MAX_PREVIOUS_SECRET_SECONDS,
    description:
      'Seconds the secret being replaced still signs deliveries (X-Reachline-Signature-Previous): 24 h by default, ' +
      'at most 7 days; 0 stops it at once',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PREVIOUS_SECRET_SECONDS)
  expires_in?: number;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'https://crm.example.com/hooks/reachline' }) url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['lead.created', 'message.received'] })
  events!: string[];
  @ApiProperty({ type: String, example: 'CRM sync', nullable: true }) description!: string | null;
  @ApiProperty({
    example: 'whsec_********x9Qz',
    description: 'The signing secret, masked: it is shown whole only once',
  })
  secret!: string;
  @ApiProperty({
    type: String,
    example: 'whsec_********7kQa',
    nullable: true,
    description: 'The secret a rotation replaced, masked; null when none was kept',
  })
  previous_secret!: string | null;
  @ApiProperty({
    type: String,
    example: '2026-11-23T06:00:00.000Z',
    nullable: true,
    description:
      'Until when deliveries also carry X-Reachline-Signature-Previous, made with the previous secret (a time ' +
      'past: no longer); null when none',
  })
  previous_secret_expires_at!: string | null;
  @ApiProperty({ example: true, description: ENABLED_DESCRIPTION }) enabled!: boolean;
  @ApiProperty({ example: 0, description: 'Deliveries failed for good since the last one that succeeded' })
  consecutive_failures!: number;
  @ApiProperty({ type: String, example: null, nullable: true }) disabled_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true, description: 'Why the endpoint was disabled' })
  disabled_reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) created_by_id!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) updated_at!: string;

  static from(e: WebhookEndpointEntity): WebhookEndpointDto {
    return {
      id: e.id,
      url: e.url,
      events: e.events,
      description: e.description,
      secret: WebhookEndpointsService.maskedSecret(e),
      previous_secret: WebhookEndpointsService.maskedPreviousSecret(e),
      previous_secret_expires_at: e.previousSecretExpiresAt?.toISOString() ?? null,
      enabled: e.enabled,
      consecutive_failures: e.consecutiveFailures,
      disabled_at: e.disabledAt?.toISOString() ?? null,
      disabled_reason: e.disabledReason,
      created_by_id: e.createdById,
      created_at: e.createdAt.toISOString(),
      updated_at: e.updatedAt.toISOString(),
    };
  }
}

export class CreatedWebhookEndpointDto extends WebhookEndpointDto {
  @ApiProperty({
    example: 'whsec_3q2-7wEVTmK4y1Lr9c0ZbXn8aPfHsUoJdGiQeVtYkx9Qz',
    description:
      'The whole signing secret. Shown this once: store it now. Each delivery carries ' +
      '`X-Reachline-Signature: sha256=<hex HMAC-SHA256 of the raw body with this secret>`.',
  })
  declare secret: string;
}
