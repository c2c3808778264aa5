import { Module } from '@nestjs/common';

/** Campaigns: CRUD, lifecycle and enrollment (issue 5). */
@Module({ controllers: [] })
export class CampaignsModule {}
