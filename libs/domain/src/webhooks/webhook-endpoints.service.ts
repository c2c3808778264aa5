import { AppError, Clock, Page, PageWindow, SecretBox } from '@app/common';
import { AppConfig } from '@app/config';
import { WebhookEndpointEntity, WebhookEventName } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import { TenantEgress } from '../egress/tenant-egress';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { changeEntry, endpointChange } from './webhook-endpoint-change';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { generateWebhookSecret } from './webhook-signature';

/** How many endpoints a tenant may have: each event is POSTed to every one. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export interface WebhookEndpointInput {
  url?: string;
  events?: WebhookEventName[];
  description?: string | null;
  enabled?: boolean;
}

export interface CreatedWebhookEndpoint {
  entity: WebhookEndpointEntity;
  /** The signing secret: answered once, stored sealed. */
  secret: string;
}

/** A tenant's outbound webhook endpoints (seed 004): created with a secret of ours, listed with it masked. */
@Injectable()
export class WebhookEndpointsService {
  private readonly box: SecretBox;

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly egress: TenantEgress,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.encryptionKey);
  }

  async list(auth: AuthContext, window: PageWindow): Promise<Page<WebhookEndpointEntity>> {
    const [rows, total] = await this.endpoints.findPage(auth.tenantId, window);
    return new Page(rows, total, window.limit, window.offset);
  }

  async get(auth: AuthContext, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.endpoints.findById(auth.tenantId, id);
    if (!endpoint) throw AppError.notFound('Webhook');
    return endpoint;
  }

  async create(
    auth: AuthContext,
    input: Required<Pick<WebhookEndpointInput, 'url' | 'events'>> & WebhookEndpointInput,
  ): Promise<CreatedWebhookEndpoint> {
    this.checkUrl(input.url);
    const secret = generateWebhookSecret();
    const entity = await this.endpoints.insertCapped(
      auth.tenantId,
      {
        url: input.url,
        events: [...new Set(input.events)],
        description: input.description || null,
        secretSealed: this.box.encrypt(secret),
        secretHint: secret.slice(-4),
        enabled: input.enabled ?? true,
        createdById: auth.userId,
      },
      MAX_WEBHOOK_ENDPOINTS,
    );
    if (!entity) throw AppError.conflict(`A tenant has at most ${MAX_WEBHOOK_ENDPOINTS} webhooks`);
    await this.activity.record(auth.tenantId, auth, {
      type: 'webhook.created',
      description: `Webhook to ${new URL(entity.url).host} created for ${entity.events.join(', ')}`,
      data: { webhook_id: entity.id },
    });
    return { entity: await this.get(auth, entity.id), secret };
  }

  /**
   * Changes what is sent; enabling an endpoint (again) clears its failure count, disabling it fails its deliveries
   * still pending. A change is written to the activity log (what changed, the URL's host before and after); one
   * that changes nothing writes nothing.
   */
  async update(auth: AuthContext, id: string, input: WebhookEndpointInput): Promise<WebhookEndpointEntity> {
    const endpoint = await this.get(auth, id);
    if (input.url !== undefined) this.checkUrl(input.url);
    const change = endpointChange(endpoint, input, this.clock.now());
    if (!change) return endpoint;
    await this.endpoints.change(auth.tenantId, id, change);
    if (change.enabled === false && change.disabledAt)
      await this.deliveries.failPending(auth.tenantId, id, change.disabledAt);
    const changed = await this.get(auth, id);
    await this.activity.record(auth.tenantId, auth, changeEntry(endpoint, changed, change));
    return changed;
  }

  /**
   * A new signing secret, answered this once. The one it replaces still signs every delivery (a second signature,
   * X-Reachline-Signature-Previous) for `expiresInSeconds`, so receivers switch without missing one; 0 drops it now.
   * A rotation during another's grace period ends that one: only the secret just replaced stays valid.
   */
  async rotateSecret(
    auth: AuthContext,
    id: string,
    expiresInSeconds: number,
  ): Promise<CreatedWebhookEndpoint> {
    const endpoint = await this.get(auth, id);
    const secret = generateWebhookSecret();
    const previousUntil =
      expiresInSeconds > 0 ? new Date(this.clock.nowMs() + expiresInSeconds * 1000) : null;
    const entity = await this.endpoints.rotateSecret(
      auth.tenantId,
      id,
      { sealed: this.box.encrypt(secret), hint: secret.slice(-4) },
      previousUntil,
    );
    if (!entity) throw AppError.notFound('Webhook');
    await this.activity.record(auth.tenantId, auth, {
      type: 'webhook.secret_rotated',
      description: `Signing secret of the webhook to ${new URL(endpoint.url).host} rotated`,
      data: { webhook_id: endpoint.id, previous_secret_expires_at: previousUntil?.toISOString() ?? null },
    });
    return { entity, secret };
  }

  /** DELETE: the endpoint and its delivery log go; deliveries still queued for it are dropped. */
  async remove(auth: AuthContext, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.get(auth, id);
    await this.endpoints.remove(auth.tenantId, id);
    await this.activity.record(auth.tenantId, auth, {
      type: 'webhook.deleted',
      description: `Webhook to ${new URL(endpoint.url).host} deleted`,
      data: { webhook_id: endpoint.id },
    });
    return endpoint;
  }

  /** The secret as the API shows it after creation. */
  static maskedSecret(endpoint: WebhookEndpointEntity): string {
    return `whsec_********${endpoint.secretHint}`;
  }

  /** The rotated-out secret, masked, when one was kept. */
  static maskedPreviousSecret(endpoint: WebhookEndpointEntity): string | null {
    return endpoint.previousSecretHint ? `whsec_********${endpoint.previousSecretHint}` : null;
  }

  /**
   * Only http(s), and not a private, loopback or link-local address unless the operator allows it (EGRESS_ALLOWED).
   * Nor a user name or password in it: fetch refuses such a URL (every delivery would fail), and the URL is shown
   * to every admin in full. Nor a port fetch refuses (0, or one of its bad ports: 25, 6000...).
   */
  private checkUrl(url: string): void {
    const refused = this.egress.refusal(url);
    if (refused) throw AppError.field('url', refused);
    const { username, password, port } = new URL(url);
    if (username || password)
      throw AppError.field('url', 'must not hold a user name or password: the signature authenticates us');
    if (port === '0' || FETCH_BAD_PORTS.has(port))
      throw AppError.field('url', `must not use port ${port}: HTTP clients refuse to connect to it`);
  }
}

/**
 * The ports fetch never connects to (https://fetch.spec.whatwg.org/#bad-port: mail, SSH, IRC...): a webhook on one
 * could never be delivered.
 */
const FETCH_BAD_PORTS = new Set(
  (
    '1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103 104 109 110 111 113 115 117 119 ' +
    '123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531 532 540 548 554 556 563 587 601 636 989 ' +
    '990 993 995 1719 1720 1723 2049 3659 4045 4190 5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080'
  ).split(' '),
);
