import { AnyCase, PageMetaDto, PageQueryDto } from '@app/common';
import { NOTIFICATION_TYPES, NotificationEntity, NotificationType } from '@app/db';
import type { NotificationStatusFilter } from '@app/domain';
import { notificationEvent } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

const STATUS_FILTERS: NotificationStatusFilter[] = ['unread', 'read', 'all'];

/** Seed 004: a page of notifications holds 20 unless `limit` says otherwise. */
export const NOTIFICATIONS_DEFAULT_LIMIT = 20;

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUS_FILTERS, default: 'all', example: 'unread', description: 'Any case' })
  @IsOptional()
  @AnyCase()
  @IsIn(STATUS_FILTERS)
  status?: NotificationStatusFilter;

  @ApiPropertyOptional({ enum: NOTIFICATION_TYPES, example: 'lead', description: 'Any case' })
  @IsOptional()
  @AnyCase()
  @IsIn(NOTIFICATION_TYPES)
  type?: NotificationType;

  @ApiPropertyOptional({ default: NOTIFICATIONS_DEFAULT_LIMIT, minimum: 1, maximum: 100, example: 20 })
  declare limit?: number;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES, example: 'lead' }) type!: string;
  @ApiProperty({ example: 'New qualified lead' }) title!: string;
  @ApiProperty({ example: 'John Smith reached a score of 82 and is ready for follow-up' }) message!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { lead_id: '2f1c7a9e-7d4b-4b1e-9a51-0c8d3f6e2b10', lead_name: 'John Smith', score: 82 },
    description: 'What it is about: ids, and for a lead its name (erased with the lead)',
  })
  data!: Record<string, unknown>;
  @ApiProperty({ enum: ['unread', 'read'], example: 'unread' }) status!: string;
  @ApiProperty({ type: String, example: null, nullable: true }) read_at!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;

  static from(n: NotificationEntity): NotificationDto {
    return { ...notificationEvent(n), read_at: n.readAt?.toISOString() ?? null };
  }
}

export class NotificationPageMetaDto extends PageMetaDto {
  @ApiProperty({ example: 3, description: "The caller's unread notifications, whatever the filters" })
  unread_count!: number;
}

export class ReadAllNotificationsBodyDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '2f1c7a9e-7d4b-4b1e-9a51-0c8d3f6e2b10',
    description:
      'The newest notification the caller was shown (the first of their page): only it and those listed after it ' +
      'that were written before it are marked, so one that arrived since stays unread, even one dated earlier. ' +
      'Without it, every unread one is marked',
  })
  @IsOptional()
  @IsUUID()
  up_to?: string;
}

export class ReadAllNotificationsDto {
  @ApiProperty({ example: 3, description: 'How many unread notifications this marked read' }) marked!: number;
}
