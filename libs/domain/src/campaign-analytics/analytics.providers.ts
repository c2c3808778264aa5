import type { Provider } from '@nestjs/common';

/** Campaign analytics, export and progress events (issue 5 item 7): exported services. */
export const CAMPAIGN_ANALYTICS_SERVICES: Provider[] = [];

export const CAMPAIGN_ANALYTICS_PROVIDERS: Provider[] = [...CAMPAIGN_ANALYTICS_SERVICES];
