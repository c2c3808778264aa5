import { Module } from '@nestjs/common';

/** Human control of a campaign's lead: conversation, manual message, override, cede (issue 5). */
@Module({ controllers: [] })
export class CampaignControlModule {}
