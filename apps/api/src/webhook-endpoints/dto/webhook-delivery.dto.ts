import { PageQueryDto } from '@app/common';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS } from '@app/db';
import type { WebhookDeliveryEntity, WebhookDeliveryStatus } from '@app/db';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class WebhookDeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: WEBHOOK_DELIVERY_STATUSES,
    example: 'failed',
    description: 'Only the deliveries in this status (`pending`: still to be sent, or between two attempts)',
  })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

export class WebhookAttemptDto {
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) at!: string;
  @ApiProperty({
    type: Number,
    example: 500,
    nullable: true,
    description: "The receiver's HTTP status; null when none came",
  })
  status_code!: number | null;
  @ApiProperty({ example: 84 }) duration_ms!: number;
  @ApiProperty({ type: String, example: 'The receiver answered 500', nullable: true }) error!: string | null;
  @ApiProperty({
    type: String,
    example: '{"ok":false}',
    nullable: true,
    description: 'The first 512 bytes of the answer',
  })
  response_excerpt!: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) webhook_id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, example: 'lead.created' }) event!: string;
  @ApiProperty({ format: 'uuid', description: "The event id (the body's `id`, header X-Reachline-Event-Id)" })
  event_id!: string;
  @ApiProperty({
    example: '2026-11-22T05:59:58.000Z',
    description: "When the event happened: the body's `timestamp`, the same in every attempt, a retry's too",
  })
  occurred_at!: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, example: 'delivered' }) status!: string;
  @ApiProperty({ example: 1 }) attempt_count!: number;
  @ApiProperty({ type: Number, example: 200, nullable: true }) last_status_code!: number | null;
  @ApiProperty({ type: String, example: null, nullable: true }) last_error!: string | null;
  @ApiProperty({ type: [WebhookAttemptDto] }) attempts!: WebhookAttemptDto[];
  @ApiProperty({ type: String, example: '2026-11-22T06:00:00.000Z', nullable: true }) delivered_at!:
    string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({
    example: '2026-11-22T06:00:00.000Z',
    description: 'The last change: an attempt, or a retry asked for',
  })
  updated_at!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      id: '0b8d...',
      event: 'lead.created',
      data: { id: '5f1e...', name: 'Jane Doe' },
      timestamp: '2026-11-22T06:00:00.000Z',
    },
    description: 'The event as sent (without its `signature` field)',
  })
  payload!: Record<string, unknown>;

  static from(d: WebhookDeliveryEntity): WebhookDeliveryDto {
    const payload = JSON.parse(d.body) as Record<string, unknown>;
    return {
      id: d.id,
      webhook_id: d.endpointId,
      event: d.event,
      event_id: d.eventId,
      occurred_at: typeof payload.timestamp === 'string' ? payload.timestamp : d.createdAt.toISOString(),
      status: d.status,
      attempt_count: d.attemptCount,
      last_status_code: d.lastStatusCode,
      last_error: d.lastError,
      attempts: d.attempts,
      delivered_at: d.deliveredAt?.toISOString() ?? null,
      created_at: d.createdAt.toISOString(),
      updated_at: d.updatedAt.toISOString(),
      payload,
    };
  }
}
