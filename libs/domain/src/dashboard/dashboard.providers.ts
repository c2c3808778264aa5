import type { Provider } from '@nestjs/common';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

/** What the dashboards export to the API. */
export const DASHBOARD_SERVICES = [DashboardService];

export const DASHBOARD_PROVIDERS: Provider[] = [...DASHBOARD_SERVICES, DashboardRepository];
