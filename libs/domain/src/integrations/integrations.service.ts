import { AppError, Clock, invalidInput, Page, PageWindow, SecretBox } from '@app/common';
import { AppConfig } from '@app/config';
import { IntegrationDeliveryEntity, IntegrationEntity, WebhookDeliveryStatus } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import { TenantEgress } from '../egress/tenant-egress';
import {
  CatalogueEntry,
  catalogueEntry,
  checkConnection,
  INTEGRATION_CATALOGUE,
  keptCredentials,
} from './integration-catalogue';
import { DeliveryRetry } from '../webhooks/delivery-retry';
import { IntegrationContentReader } from './integration-content';
import { integrationJobId, IntegrationSubject } from './integration-events';
import { IntegrationDeliveriesRepository } from './integration-deliveries.repository';
import { IntegrationsRepository } from './integrations.repository';

/** A catalogue entry and the tenant's connection to it (null: never connected). */
export interface IntegrationView {
  entry: CatalogueEntry;
  connection: IntegrationEntity | null;
}

/**
 * The tenant's integrations (seed 004): every catalogue entry with its status; connecting checks and seals the
 * credentials (never shown again but masked), disconnecting drops them. `:id` is the catalogue id (`slack`).
 */
@Injectable()
export class IntegrationsService {
  private readonly box: SecretBox;

  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly deliveries: IntegrationDeliveriesRepository,
    private readonly egress: TenantEgress,
    private readonly redelivery: DeliveryRetry,
    private readonly content: IntegrationContentReader,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  /** The catalogue, in its order, each entry with the tenant's connection. */
  async list(auth: AuthContext, window: PageWindow): Promise<Page<IntegrationView>> {
    const rows = await this.integrations.list(auth.tenantId);
    const views = INTEGRATION_CATALOGUE.map((entry) => ({
      entry,
      connection: rows.find((r) => r.type === entry.id) ?? null,
    }));
    const { limit, offset } = window;
    return new Page(views.slice(offset, offset + limit), views.length, limit, offset);
  }

  async connect(
    auth: AuthContext,
    id: string,
    credentials: unknown,
    config: unknown,
  ): Promise<IntegrationView> {
    const entry = this.entry(id);
    const stored = await this.integrations.withCredentialsOf(auth.tenantId, entry.id);
    if (!stored && credentials === undefined)
      throw invalidInput([{ field: 'credentials', reason: 'is required (nothing is connected to keep)' }]);
    const kept = stored
      ? keptCredentials(
          credentials,
          stored.credentialsHint ?? {},
          JSON.parse(this.box.decrypt(stored.credentialsSealed!)) as Record<string, string>,
        )
      : credentials;
    const checked = checkConnection(entry, kept, config, this.egress);
    const connection = await this.integrations.connect(auth.tenantId, entry.id, {
      dataTypes: checked.dataTypes,
      config: checked.config,
      credentialsSealed: this.box.encrypt(JSON.stringify(checked.credentials)),
      credentialsHint: checked.hint,
      connectedAt: this.clock.now(),
      connectedById: auth.userId,
    });
    await this.activity.record(auth.tenantId, auth, {
      type: 'integration.connected',
      description: `${entry.name} connected for ${checked.dataTypes.join(', ')}`,
      data: { integration_id: connection.id, type: entry.id },
    });
    return { entry, connection };
  }

  /** Disconnects (a no-op for one not connected): its credentials go and nothing more is sent to it. */
  async disconnect(auth: AuthContext, id: string): Promise<IntegrationView> {
    const entry = this.entry(id);
    const was = await this.integrations.findByType(auth.tenantId, entry.id);
    const connection = await this.integrations.disconnect(auth.tenantId, entry.id);
    if (was && was.status !== 'disconnected')
      await this.activity.record(auth.tenantId, auth, {
        type: 'integration.disconnected',
        description: `${entry.name} disconnected`,
        data: { integration_id: was.id, type: entry.id },
      });
    return { entry, connection };
  }

  /** The deliveries to the tenant's connection of a catalogue entry, newest first (none when never connected). */
  async listDeliveries(
    auth: AuthContext,
    id: string,
    window: PageWindow,
    status?: WebhookDeliveryStatus,
  ): Promise<Page<IntegrationDeliveryEntity>> {
    const entry = this.entry(id);
    const connection = await this.integrations.findByType(auth.tenantId, entry.id);
    if (!connection) return new Page([], 0, window.limit, window.offset);
    const [rows, total] = await this.deliveries.findPage(auth.tenantId, window, {
      integrationId: connection.id,
      ...(status && { status }),
    });
    return new Page(rows, total, window.limit, window.offset);
  }

  /**
   * Sends a failed delivery to the tenant's connection once more (DeliveryRetry): its text built again from its
   * subject, as the first attempts did, with the time its event happened that they sent. One to an integration disconnected, or that no longer takes its data type, is
   * a conflict, and so is one about a lead since erased (nothing of them is sent: no text is left to build).
   */
  async retryDelivery(auth: AuthContext, id: string, deliveryId: string): Promise<IntegrationDeliveryEntity> {
    const entry = this.entry(id);
    const connection = await this.integrations.findByType(auth.tenantId, entry.id);
    const delivery = await this.deliveries.findById(auth.tenantId, deliveryId);
    if (!connection || !delivery || delivery.integrationId !== connection.id)
      throw AppError.notFound('Delivery');
    const payload = {
      tenant_id: auth.tenantId,
      integration_id: connection.id,
      data_type: delivery.dataType,
      source: delivery.source as IntegrationSubject['source'],
      subject_id: delivery.subjectId,
      occurred_at: delivery.occurredAt.toISOString(),
    };
    await this.redelivery.retry({
      log: 'integration_deliveries',
      tenantId: auth.tenantId,
      id: deliveryId,
      status: delivery.status,
      receiverClosed: closedTo(entry, connection, delivery),
      contentKept: async (tx) => (await this.content.of(tx, payload)) !== null,
      job: { payload, jobId: integrationJobId(connection.id, delivery.subjectId) },
    });
    return (await this.deliveries.findById(auth.tenantId, deliveryId)) ?? delivery;
  }

  private entry(id: string): CatalogueEntry {
    const entry = catalogueEntry(id);
    if (!entry) throw AppError.notFound('Integration');
    return entry;
  }
}

/** Why a connection takes no delivery now: disconnected, or no longer taking the delivery's data type. */
function closedTo(
  entry: CatalogueEntry,
  connection: IntegrationEntity,
  delivery: IntegrationDeliveryEntity,
): AppError | null {
  if (connection.status === 'disconnected')
    return AppError.conflict(`${entry.name} is disconnected: connect it before sending a delivery again`, {
      status: 'disconnected',
    });
  if (!(connection.dataTypes as string[]).includes(delivery.dataType))
    return AppError.conflict(
      `${entry.name} no longer takes ${delivery.dataType}: add it to its data_types before sending this again`,
      { data_type: delivery.dataType },
    );
  return null;
}
