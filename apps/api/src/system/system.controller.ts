import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, Clock, ErrorCode, Page, pageWindow } from '@app/common';
import { ActivityService, ChannelConfigsService, HealthService, LlmConfigService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityDto, ActivityQueryDto, SystemStatusDto } from './dto/system.dto';
import { humanUptime } from './uptime';

@ApiTags('system')
@Controller('system')
@Authenticated()
@Roles('manager')
export class SystemController {
  constructor(
    private readonly health: HealthService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly channels: ChannelConfigsService,
    private readonly llm: LlmConfigService,
  ) {}

  @Get('status')
  @ApiOperation({
    summary: 'Status of each component (seed 003); providers add their own lines as they land',
  })
  @ApiEnvelope(SystemStatusDto)
  async status(@CurrentAuth() auth: AuthContext): Promise<SystemStatusDto> {
    const [report, { providers, channels }, llm] = await Promise.all([
      this.health.check(),
      this.channels.states(auth.tenantId),
      this.llm.status(auth.tenantId),
    ]);
    const now = this.clock.now();
    const uptime = this.health.uptimeSeconds(now);
    return {
      ...report.checks,
      // One line per messaging provider: the embedded simulator always, the others once a channel uses them.
      simulator: 'online',
      ...providers,
      whatsapp_api: channels.whatsapp,
      call_system: channels.voice,
      // The tenant's LLM as configured (the model is not called).
      llm,
      last_updated: now.toISOString(),
      uptime: humanUptime(uptime),
      uptime_seconds: uptime,
    };
  }

  @Get('activity')
  @ApiOperation({
    summary:
      "The tenant's recent activity: logins, user, key and settings changes, and (seed 003) each call that ended (outbound_call, inbound_call) and each message a lead sent (whatsapp_message, sms_message, telegram_message, email_message)",
  })
  @ApiPage(ActivityDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async activityFeed(@CurrentAuth() auth: AuthContext, @Query() query: ActivityQueryDto) {
    const window = pageWindow(query);
    const [rows, total] = await this.activity.list(auth.tenantId, window, { type: query.type });
    return new Page(rows.map(ActivityDto.from), total, window.limit, window.offset);
  }
}
