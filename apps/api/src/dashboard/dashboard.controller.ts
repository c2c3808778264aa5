import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import { DashboardService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChartPeriodQueryDto, DashboardPeriodQueryDto } from './dto/dashboard-query.dto';
import { CallVolumeDto, ChannelShareDto, DashboardStatsDto } from './dto/dashboard.dto';

/** Seed 003's dashboard: today's figures with their trend, call volume, messages per channel. */
@ApiTags('analytics')
@Controller('dashboard')
@Authenticated()
@Roles('manager')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('stats')
  @ApiOperation({
    summary:
      "Today's calls, WhatsApp messages, messages, active conversations and appointments, with their trend (seed 003)",
    description:
      "Today is the tenant's day so far (its time zone); change and trend compare it with the same hours of yesterday.",
  })
  @ApiEnvelope(DashboardStatsDto)
  stats(@CurrentAuth() auth: AuthContext) {
    return this.dashboard.stats(auth.tenantId);
  }

  @Get('call-volume')
  @ApiOperation({
    summary:
      'Calls per hour of today, or per day of the last week or month, with their average length (seed 003)',
  })
  @ApiEnvelope(CallVolumeDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  callVolume(@CurrentAuth() auth: AuthContext, @Query() query: ChartPeriodQueryDto) {
    return this.dashboard.callVolume(auth.tenantId, query.period ?? 'today');
  }

  @Get('message-distribution')
  @ApiOperation({
    summary: 'Messages per channel in the period, for a pie chart (seed 003; default the last 30 days)',
  })
  @ApiEnvelope(ChannelShareDto, { isArray: true })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  messageDistribution(@CurrentAuth() auth: AuthContext, @Query() query: DashboardPeriodQueryDto) {
    return this.dashboard.messageDistribution(auth.tenantId, query.period ?? 'month');
  }
}
