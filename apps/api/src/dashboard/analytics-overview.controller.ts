import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import { DashboardService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardPeriodQueryDto } from './dto/dashboard-query.dto';
import { AnalyticsOverviewDto, LeadDashboardDto } from './dto/dashboard.dto';

/** Seed 003's analytics overview and seed 004's lead dashboard. */
@ApiTags('analytics')
@Controller('analytics')
@Authenticated()
@Roles('manager')
export class AnalyticsOverviewController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('overview')
  @ApiOperation({
    summary:
      "The period's calls, messages, appointments and response time (seed 003; default the last 30 days)",
    description:
      "Appointments count by their start, over the period's whole local days (today's later ones included). Customer satisfaction (seed 003) is not tracked by Reachline: `customer_satisfaction` is always null.",
  })
  @ApiEnvelope(AnalyticsOverviewDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  overview(@CurrentAuth() auth: AuthContext, @Query() query: DashboardPeriodQueryDto) {
    return this.dashboard.overview(auth.tenantId, query.period ?? 'month');
  }

  @Get('dashboard')
  @ApiOperation({
    summary: 'Leads, qualification, conversion and revenue, with this month against the last (seed 004)',
    description:
      "Revenue is the value of the converted leads; months are the tenant's (its time zone). Archived leads are left out.",
  })
  @ApiEnvelope(LeadDashboardDto)
  leads(@CurrentAuth() auth: AuthContext) {
    return this.dashboard.leads(auth.tenantId);
  }
}
