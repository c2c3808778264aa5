import { Clock } from '@app/common';
import { tenantQuery } from '@app/db';
import type { LeadEntity } from '@app/db';
import { LeadSummary, LiveEvents } from '@app/events';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementProgress } from '../achievements/achievement-progress.service';
import { instantOf, localTime } from '../contact-policy/send-window';
import { TenantsService } from '../tenants/tenants.service';
import { OutboundWebhooks } from '../webhooks/outbound-webhooks';

/** Leads just created, as `lead.created` carries them. */
export interface CreatedLeads {
  count: number;
  leads: LeadSummary[];
  import_id?: string;
}

/**
 * What the tenant's sockets hear when leads are created (a request, an import's batch, a broadcast's numbers):
 * `lead.created` with them, then `metrics.update` with the tenant's leads created today (its day, its zone; an
 * import's batches through their run's ImportLeadsToday); and
 * what its outbound webhooks get: `lead.created` for each lead created by a request, the inbox or a broadcast (an
 * import's leads are not sent one by one), `lead.updated` for a lead a user changed.
 */
@Injectable()
export class LeadAnnouncements {
  private readonly logger = new Logger(LeadAnnouncements.name);

  constructor(
    private readonly events: LiveEvents,
    private readonly tenants: TenantsService,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly webhooks: OutboundWebhooks,
    private readonly achievements: AchievementProgress,
  ) {}

  /**
   * A user changed the lead (PUT / PATCH leads/:id): its webhooks get `lead.updated`, and its owner's achievements
   * count it when it stands qualified.
   */
  async updated(tenantId: string, lead: LeadEntity): Promise<void> {
    await this.webhooks.emit(tenantId, 'lead.updated', [lead.id]);
    await this.owned(tenantId, [lead]);
  }

  /** Leads made or changed by a request: the achievements of the owners of those that stand qualified. */
  async owned(tenantId: string, leads: readonly LeadEntity[]): Promise<void> {
    const owners = new Set(leads.filter(isQualifiedLead).map((l) => l.ownerId as string));
    for (const owner of owners) await this.achievements.changed(tenantId, owner, ['leads_qualified']);
  }

  /** Leads created by a request, the inbox or a broadcast: told, then the tenant's leads today counted and sent. */
  async created(tenantId: string, created: CreatedLeads): Promise<void> {
    if (!created.count) return;
    const now = this.clock.now();
    await this.told(tenantId, created, now);
    try {
      const value = await this.leadsToday(tenantId, await this.dayStart(tenantId, now));
      this.leadsTodayMoved(tenantId, value, created.count, now);
    } catch (err) {
      // The leads are created and told; a dashboard figure missed now is read again with the next.
      this.logger.warn({ err, tenant_id: tenantId }, 'leads_today not counted: metrics.update not sent');
    }
  }

  /**
   * `lead.created` alone, and the webhooks' for leads not imported: an import's batch leaves its leads today to its
   * run (ImportLeadsToday), which counts it twice a run rather than once a batch.
   */
  async told(tenantId: string, created: CreatedLeads, now: Date): Promise<void> {
    if (!created.count) return;
    this.events.toTenant(tenantId, 'lead.created', { ...created, timestamp: now.toISOString() });
    if (!created.import_id)
      await this.webhooks.emit(
        tenantId,
        'lead.created',
        created.leads.map((l) => l.id),
      );
  }

  /** When the tenant's day (its zone) that holds `now` began. */
  async dayStart(tenantId: string, now: Date): Promise<Date> {
    const zone = (await this.tenants.get(tenantId)).timezone || 'UTC';
    const local = localTime(now, zone);
    return instantOf(zone, local.year, local.month, local.day, 0);
  }

  /** The tenant's live leads created since `dayStart` (worked out here: Postgres reads some zones otherwise). */
  async leadsToday(tenantId: string, dayStart: Date): Promise<number> {
    const [row] = await tenantQuery<{ n: number }>(
      this.db,
      tenantId,
      `SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1 AND archived_at IS NULL AND created_at >= $2`,
      [dayStart],
    );
    return row.n;
  }

  /** `metrics.update`: the tenant's leads today are `value`, `added` of them by the creation of `now`. */
  leadsTodayMoved(tenantId: string, value: number, added: number, now: Date): void {
    this.events.toTenant(tenantId, 'metrics.update', {
      metric: 'leads_today',
      value,
      change: `+${added}`,
      change_type: 'increase',
      timestamp: now.toISOString(),
    });
  }
}

/** As the dashboard and the achievements count a qualified lead (one with an owner, for the latter). */
export function isQualifiedLead(lead: {
  ownerId: string | null;
  status: string;
  qualificationStatus: string | null;
}): boolean {
  return (
    !!lead.ownerId &&
    (lead.status === 'qualified' ||
      lead.status === 'converted' ||
      lead.qualificationStatus === 'qualified' ||
      lead.qualificationStatus === 'meeting_requested')
  );
}
