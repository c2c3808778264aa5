import { TenantRepository, WebhookEndpointEntity, WebhookEventName } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

/** What a change of an endpoint may set. */
export type WebhookEndpointChange = Partial<
  Pick<
    WebhookEndpointEntity,
    'url' | 'events' | 'description' | 'enabled' | 'consecutiveFailures' | 'disabledAt' | 'disabledReason'
  >
>;

@Injectable()
export class WebhookEndpointsRepository extends TenantRepository<WebhookEndpointEntity> {
  constructor(@InjectRepository(WebhookEndpointEntity) repo: Repository<WebhookEndpointEntity>) {
    super(repo);
  }

  /** The tenant's enabled endpoints subscribed to `event`. */
  subscribed(tenantId: string, event: WebhookEventName): Promise<WebhookEndpointEntity[]> {
    return this.scoped(tenantId)
      .andWhere('t.enabled')
      .andWhere(':event = ANY(t.events)', { event })
      .orderBy('t.created_at')
      .getMany();
  }

  /** Whether any enabled endpoint of the tenant takes `event` (checked before a dispatch is queued). */
  async anySubscribed(tenantId: string, event: WebhookEventName): Promise<boolean> {
    return (
      (await this.scoped(tenantId)
        .andWhere('t.enabled')
        .andWhere(':event = ANY(t.events)', { event })
        .getExists()) === true
    );
  }

  /** The endpoint with its sealed secret (never selected otherwise). */
  withSecret(tenantId: string, id: string): Promise<WebhookEndpointEntity | null> {
    return this.scoped(tenantId).addSelect('t.secretSealed').andWhere('t.id = :id', { id }).getOne();
  }

  async change(tenantId: string, id: string, change: WebhookEndpointChange): Promise<void> {
    await this.repo.update(this.where(tenantId, { id }), change);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.repo.delete(this.where(tenantId, { id }));
  }

  count(tenantId: string): Promise<number> {
    return this.scoped(tenantId).getCount();
  }
}
