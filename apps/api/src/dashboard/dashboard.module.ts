import { Module } from '@nestjs/common';
import { AnalyticsOverviewController } from './analytics-overview.controller';
import { DashboardController } from './dashboard.controller';

/** The dashboards: `dashboard/stats`, `dashboard/call-volume`, `dashboard/message-distribution` (seed 003), `analytics/overview` (seed 003) and `analytics/dashboard` (seed 004). */
@Module({ controllers: [DashboardController, AnalyticsOverviewController] })
export class DashboardModule {}
