import type { Provider } from '@nestjs/common';
import { IntegrationContentReader } from './integration-content';
import { IntegrationDeliveriesRepository } from './integration-deliveries.repository';
import { IntegrationDeliveryService } from './integration-delivery.service';
import { IntegrationEvents } from './integration-events';
import { IntegrationsRepository } from './integrations.repository';
import { IntegrationsService } from './integrations.service';

/** Integrations (seed 004): exported services. */
export const INTEGRATION_SERVICES: Provider[] = [IntegrationsService];

export const INTEGRATION_PROVIDERS: Provider[] = [
  ...INTEGRATION_SERVICES,
  IntegrationsRepository,
  IntegrationDeliveriesRepository,
  IntegrationEvents,
  IntegrationContentReader,
  IntegrationDeliveryService,
];
