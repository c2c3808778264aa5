import type { Provider } from '@nestjs/common';
import { AiAutoReplyService } from './ai-auto-reply.service';
import { AiCampaignSteps } from './ai-campaign-steps.service';
import { AiMessageWriter } from './ai-message-writer.service';
import { AiOutreachRepository } from './ai-outreach.repository';

/** AI-written outreach (issue 7 item 3): AI_MESSAGE campaign steps and auto-replies. Exported services. */
export const AI_OUTREACH_SERVICES: Provider[] = [AiAutoReplyService, AiCampaignSteps, AiMessageWriter];

export const AI_OUTREACH_PROVIDERS: Provider[] = [...AI_OUTREACH_SERVICES, AiOutreachRepository];
