import { Module } from '@nestjs/common';
import { CampaignControlController } from './campaign-control.controller';

/** Human control of a campaign's lead: conversation, manual message, override, cede (issue 5). */
@Module({ controllers: [CampaignControlController] })
export class CampaignControlModule {}
