import type { Provider } from '@nestjs/common';
import { LeadSegmentsRepository } from './lead-segments.repository';
import { ProductContextChatService } from './product-context-chat.service';
import { ProductContextRepository } from './product-context.repository';
import { ProductContextService } from './product-context.service';
import { ProductRecommendationsService } from './product-recommendations.service';

/** Product context (issue 7 item 4): exported services. */
export const PRODUCT_CONTEXT_SERVICES: Provider[] = [
  ProductContextService,
  ProductContextChatService,
  ProductRecommendationsService,
  ProductContextRepository,
  LeadSegmentsRepository,
];
