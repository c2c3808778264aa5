import type { Provider } from '@nestjs/common';
import { CampaignAnalyticsService } from './campaign-analytics.service';
import { CampaignExportService } from './campaign-export.service';
import { CampaignProgress } from './campaign-progress.service';
import { CampaignReportService } from './campaign-report.service';

/** Campaign analytics, export and progress events (issue 5 item 7): exported services. */
export const CAMPAIGN_ANALYTICS_SERVICES: Provider[] = [
  CampaignAnalyticsService,
  CampaignExportService,
  CampaignReportService,
  CampaignProgress,
];

export const CAMPAIGN_ANALYTICS_PROVIDERS: Provider[] = [...CAMPAIGN_ANALYTICS_SERVICES];
