import { Module } from '@nestjs/common';

/** Campaign analytics and export (issue 5). */
@Module({ controllers: [] })
export class CampaignAnalyticsModule {}
