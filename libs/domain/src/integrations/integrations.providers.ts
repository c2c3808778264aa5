import type { Provider } from '@nestjs/common';
import { IntegrationsRepository } from './integrations.repository';
import { IntegrationsService } from './integrations.service';

/** Integrations (seed 004): exported services. */
export const INTEGRATION_SERVICES: Provider[] = [IntegrationsService];

export const INTEGRATION_PROVIDERS: Provider[] = [...INTEGRATION_SERVICES, IntegrationsRepository];
