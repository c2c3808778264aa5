import type { Provider } from '@nestjs/common';

/** Human control of automated sends: manual messages, override, cede (issue 5 item 6): exported services. */
export const CAMPAIGN_CONTROL_SERVICES: Provider[] = [];

export const CAMPAIGN_CONTROL_PROVIDERS: Provider[] = [...CAMPAIGN_CONTROL_SERVICES];
