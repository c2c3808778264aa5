import { inputValue } from '@app/common';
import { CHART_PERIODS, DASHBOARD_PERIODS } from '@app/domain';
import type { ChartPeriod, DashboardPeriod } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';

/** A chart's period: the hours of today, or the days of the last week or month (the tenant's time zone). */
export class ChartPeriodQueryDto {
  @ApiPropertyOptional({
    enum: CHART_PERIODS,
    default: 'today',
    description: "today: each hour of the tenant's day; week / month: each of the last 7 / 30 days. Any case",
  })
  @IsOptional()
  @Transform(inputValue('report_period', { anyCase: true }))
  @IsIn(CHART_PERIODS)
  period?: ChartPeriod;
}

/** A period counted whole: today so far, or the last 7, 30 or 365 days up to now (the tenant's time zone). */
export class DashboardPeriodQueryDto {
  @ApiPropertyOptional({
    enum: DASHBOARD_PERIODS,
    default: 'month',
    description:
      "today: the tenant's day so far; week / month / year: the last 7 / 30 / 365 days, today included. Any case",
  })
  @IsOptional()
  @Transform(inputValue('report_period', { anyCase: true }))
  @IsIn(DASHBOARD_PERIODS)
  period?: DashboardPeriod;
}
