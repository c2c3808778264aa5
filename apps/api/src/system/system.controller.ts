import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, Clock, ErrorCode, Page, pageWindow } from '@app/common';
import { ActivityService, HealthService } from '@app/domain';
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
  ) {}

  @Get('status')
  @ApiOperation({
    summary: 'Status of each component (seed 003); providers add their own lines as they land',
  })
  @ApiEnvelope(SystemStatusDto)
  async status(): Promise<SystemStatusDto> {
    const report = await this.health.check();
    const now = this.clock.now();
    const uptime = this.health.uptimeSeconds(now);
    return {
      ...report.checks,
      last_updated: now.toISOString(),
      uptime: humanUptime(uptime),
      uptime_seconds: uptime,
    };
  }

  @Get('activity')
  @ApiOperation({ summary: "The tenant's recent activity: logins, user, key and settings changes" })
  @ApiPage(ActivityDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async activityFeed(@CurrentAuth() auth: AuthContext, @Query() query: ActivityQueryDto) {
    const window = pageWindow(query);
    const [rows, total] = await this.activity.list(auth.tenantId, window, { type: query.type });
    return new Page(rows.map(ActivityDto.from), total, window.limit, window.offset);
  }
}
