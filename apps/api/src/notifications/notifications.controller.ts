import { Authenticated, CurrentAuth } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { NotificationsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NOTIFICATIONS_DEFAULT_LIMIT,
  NotificationDto,
  NotificationPageMetaDto,
  NotificationQueryDto,
  ReadAllNotificationsDto,
} from './dto/notification.dto';

const USER_ONLY = {
  code: ErrorCode.AUTHORIZATION_FAILED,
  when: 'an API key: notifications belong to a user',
} as const;

@ApiTags('notifications')
@Controller('notifications')
@Authenticated()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's notifications, newest first",
    description: 'Only their own. `meta.unread_count` counts their unread ones whatever the filters.',
  })
  @ApiPage(NotificationDto, 'A page of notifications', NotificationPageMetaDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, USER_ONLY)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: NotificationQueryDto) {
    const window = pageWindow({ ...query, limit: query.limit ?? NOTIFICATIONS_DEFAULT_LIMIT });
    const filter = { status: query.status, type: query.type };
    return (await this.notifications.list(auth, filter, window)).map(NotificationDto.from);
  }

  @Put('read-all')
  @ApiOperation({ summary: "Mark all the caller's unread notifications read" })
  @ApiEnvelope(ReadAllNotificationsDto)
  @ApiErrors(USER_ONLY)
  async readAll(@CurrentAuth() auth: AuthContext): Promise<ReadAllNotificationsDto> {
    return { marked: await this.notifications.markAllRead(auth) };
  }

  @Put(':id/read')
  @ApiOperation({
    summary: 'Mark one of the caller’s notifications read',
    description: 'Marking it again keeps its first read time. Another user’s notification answers 404.',
  })
  @ApiEnvelope(NotificationDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, USER_ONLY)
  async read(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('Notification')) id: string) {
    return NotificationDto.from(await this.notifications.markRead(auth, id));
  }
}
