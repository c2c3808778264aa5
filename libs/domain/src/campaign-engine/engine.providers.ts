import type { Provider } from '@nestjs/common';
import { CampaignBackPressure } from './campaign-back-pressure';
import { CampaignCompletions } from './campaign-completions';
import { CampaignEndings } from './campaign-endings';
import { CampaignResends } from './campaign-resends';
import { CampaignRetriesService } from './campaign-retries.service';
import { CampaignSchedulerService } from './campaign-scheduler.service';
import { CampaignStepJob } from './campaign-step-job';
import { CampaignStepRunner } from './campaign-step-runner.service';
import { EnrollmentsRepository } from './enrollments.repository';
import { HeldMessages } from './held-messages';

/** The campaign scheduler in the worker (issue 5 items 4-5): exported services. */
export const CAMPAIGN_ENGINE_SERVICES: Provider[] = [
  CampaignSchedulerService,
  CampaignStepRunner,
  CampaignRetriesService,
  HeldMessages,
  CampaignBackPressure,
];

export const CAMPAIGN_ENGINE_PROVIDERS: Provider[] = [
  ...CAMPAIGN_ENGINE_SERVICES,
  EnrollmentsRepository,
  CampaignCompletions,
  CampaignResends,
  CampaignEndings,
  CampaignStepJob,
];
