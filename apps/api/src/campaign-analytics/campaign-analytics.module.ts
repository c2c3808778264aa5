import { Module } from '@nestjs/common';
import { CampaignAnalyticsController } from './campaign-analytics.controller';

/** Campaign analytics and export (issue 5). */
@Module({ controllers: [CampaignAnalyticsController] })
export class CampaignAnalyticsModule {}
