import { Authenticated, CurrentAuth } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { NotificationsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NOTIFICATIONS_DEFAULT_LIMIT,
  NotificationDto,
  NotificationPageMetaDto,
  NotificationQueryDto,
  ReadAllNotificationsBodyDto,
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
  @ApiOperation({
    summary: "Mark the caller's unread notifications read",
    description:
      'With `up_to` (the newest notification the page showed) only those up to it, in the list and in the order ' +
      'they were written, so one that arrived after the page was loaded stays unread, even one dated earlier; ' +
      'without a body, all of them. `up_to` naming no notification of the caller ' +
      '(another user’s, another tenant’s) is a 404 and marks nothing.',
  })
  @ApiBody({
    type: ReadAllNotificationsBodyDto,
    required: false,
    examples: {
      seen: { summary: 'Those the page showed', value: { up_to: '2f1c7a9e-7d4b-4b1e-9a51-0c8d3f6e2b10' } },
      all: { summary: 'Every unread one', value: {} },
    },
  })
  @ApiEnvelope(ReadAllNotificationsDto)
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    { code: ErrorCode.NOT_FOUND, when: 'up_to is no notification of the caller' },
    USER_ONLY,
  )
  async readAll(
    @CurrentAuth() auth: AuthContext,
    @Body() body: ReadAllNotificationsBodyDto,
  ): Promise<ReadAllNotificationsDto> {
    return { marked: await this.notifications.markAllRead(auth, body.up_to) };
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
