import type { Provider } from '@nestjs/common';
import { ClassificationFollowUps } from './classification-follow-ups';
import { ClassificationJobsService } from './classification-jobs.service';
import { ClassificationService } from './classification.service';
import { ReclassifyService } from './reclassify.service';

/** Reply classification and lead scoring (issue 7 item 2): exported services. */
export const CLASSIFICATION_SERVICES: Provider[] = [
  ClassificationService,
  ClassificationJobsService,
  ReclassifyService,
];

export const CLASSIFICATION_PROVIDERS: Provider[] = [...CLASSIFICATION_SERVICES, ClassificationFollowUps];
