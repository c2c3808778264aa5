import type { Provider } from '@nestjs/common';
import { CampaignEnrollmentService } from './campaign-enrollment.service';
import { CampaignLifecycleService } from './campaign-lifecycle.service';
import { CampaignTransitionEffects } from './campaign-transition-effects';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';

/** Campaign CRUD, lifecycle and enrollment (issue 5 items 1-3): exported services. */
export const CAMPAIGN_SERVICES: Provider[] = [
  CampaignsService,
  CampaignLifecycleService,
  CampaignEnrollmentService,
  CampaignsRepository,
];

export const CAMPAIGN_PROVIDERS: Provider[] = [...CAMPAIGN_SERVICES, CampaignTransitionEffects];
