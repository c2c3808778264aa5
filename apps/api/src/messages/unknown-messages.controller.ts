import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow } from '@app/common';
import { UnknownMessagesService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnknownMessageDto } from './dto/unknown-message.dto';

/** DESIGN §7.6: every `unknown` message is visible to admins. */
@ApiTags('messages')
@Controller('messages')
@Authenticated()
export class UnknownMessagesController {
  constructor(private readonly unknown: UnknownMessagesService) {}

  @Get('unknown')
  @Roles('admin')
  @ApiOperation({
    summary: 'Messages whose send outcome is unknown, newest first (admin)',
    description:
      'A send whose provider call may have gone out but whose answer was lost, and that the provider look-up ' +
      'could not find. It is never resent automatically: check with the provider or the lead.',
  })
  @ApiPage(UnknownMessageDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto) {
    return (await this.unknown.list(auth.tenantId, pageWindow(query))).map(UnknownMessageDto.from);
  }
}
