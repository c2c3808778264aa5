import { Module } from '@nestjs/common';
import { CampaignLeadsController } from './campaign-leads.controller';
import { CampaignLifecycleController } from './campaign-lifecycle.controller';
import { CampaignsController } from './campaigns.controller';

/** Campaigns: CRUD, lifecycle and enrollment (issue 5). */
@Module({ controllers: [CampaignsController, CampaignLifecycleController, CampaignLeadsController] })
export class CampaignsModule {}
