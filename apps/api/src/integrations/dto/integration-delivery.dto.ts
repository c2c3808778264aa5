import { PageQueryDto } from '@app/common';
import { INTEGRATION_DATA_TYPES, WEBHOOK_DELIVERY_STATUSES } from '@app/db';
import type { IntegrationDeliveryEntity, WebhookDeliveryStatus } from '@app/db';
import { INTEGRATION_EVENTS } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class IntegrationDeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: WEBHOOK_DELIVERY_STATUSES,
    example: 'failed',
    description: 'Only the deliveries in this status (`pending`: between two attempts)',
  })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

export class IntegrationAttemptDto {
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) at!: string;
  @ApiProperty({
    type: Number,
    example: 404,
    nullable: true,
    description: "The receiver's HTTP status; null when none came",
  })
  status_code!: number | null;
  @ApiProperty({ example: 84 }) duration_ms!: number;
  @ApiProperty({
    type: String,
    example: 'The receiver answered 404 (no_service)',
    nullable: true,
    description: "Why it failed, in our words (Slack's error code when it gave one)",
  })
  error!: string | null;
}

export class IntegrationDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'message.received', description: 'The event, as a Zapier hook receives it' })
  event!: string;
  @ApiProperty({ enum: INTEGRATION_DATA_TYPES, example: 'messages' }) data_type!: string;
  @ApiProperty({
    enum: ['message', 'notification'],
    example: 'message',
    description:
      "What the text was built from: a lead's message, or a notification (a qualified lead, an import)",
  })
  source!: string;
  @ApiProperty({ format: 'uuid', description: 'The message or notification' }) subject_id!: string;
  @ApiProperty({
    example: '2026-11-22T05:59:58.000Z',
    description:
      "When the event happened: the `timestamp` every attempt sends (a Zapier hook), a retry's too",
  })
  occurred_at!: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES, example: 'delivered' }) status!: string;
  @ApiProperty({ example: 1 }) attempt_count!: number;
  @ApiProperty({ type: Number, example: 200, nullable: true }) last_status_code!: number | null;
  @ApiProperty({ type: String, example: null, nullable: true }) last_error!: string | null;
  @ApiProperty({ type: [IntegrationAttemptDto] }) attempts!: IntegrationAttemptDto[];
  @ApiProperty({ type: String, example: '2026-11-22T06:00:00.000Z', nullable: true }) delivered_at!:
    string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z', description: 'Its first attempt' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z', description: 'Its last attempt' }) updated_at!: string;

  static from(d: IntegrationDeliveryEntity): IntegrationDeliveryDto {
    return {
      id: d.id,
      event: INTEGRATION_EVENTS[d.dataType] ?? d.dataType,
      data_type: d.dataType,
      source: d.source,
      subject_id: d.subjectId,
      occurred_at: d.occurredAt.toISOString(),
      status: d.status,
      attempt_count: d.attemptCount,
      last_status_code: d.lastStatusCode,
      last_error: d.lastError,
      attempts: d.attempts,
      delivered_at: d.deliveredAt?.toISOString() ?? null,
      created_at: d.createdAt.toISOString(),
      updated_at: d.updatedAt.toISOString(),
    };
  }
}
