import type { Provider } from '@nestjs/common';
import { HumanTakeover } from '../messaging/human-takeover';
import { CampaignControlService } from './campaign-control.service';
import { CampaignConversationRepository } from './campaign-conversation.repository';
import { CampaignTakeover } from './campaign-takeover';
import { EnrollmentControlRepository } from './enrollment-control.repository';

/** Human control of automated sends: manual messages, override, cede (issue 5 item 6): exported services. */
export const CAMPAIGN_CONTROL_SERVICES: Provider[] = [CampaignControlService];

export const CAMPAIGN_CONTROL_PROVIDERS: Provider[] = [
  ...CAMPAIGN_CONTROL_SERVICES,
  EnrollmentControlRepository,
  CampaignConversationRepository,
  CampaignTakeover,
  // A manual message from anywhere overrides the lead's enrollments (OutboundMessagesService calls it).
  { provide: HumanTakeover, useExisting: CampaignTakeover },
];
