import type { Provider } from '@nestjs/common';

/** Campaign CRUD, lifecycle and enrollment (issue 5 items 1-3): exported services. */
export const CAMPAIGN_SERVICES: Provider[] = [];

export const CAMPAIGN_PROVIDERS: Provider[] = [...CAMPAIGN_SERVICES];
