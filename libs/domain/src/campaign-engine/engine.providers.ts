import type { Provider } from '@nestjs/common';

/** The campaign scheduler in the worker (issue 5 items 4-5): exported services. */
export const CAMPAIGN_ENGINE_SERVICES: Provider[] = [];

export const CAMPAIGN_ENGINE_PROVIDERS: Provider[] = [...CAMPAIGN_ENGINE_SERVICES];
