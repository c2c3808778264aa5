import { tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RecentStop {
  lead_id: string;
  name: string | null;
  phone: string;
  reason: string;
  stopped_at: Date;
}

export interface WhatsAppAnalytics {
  /** Outbound WhatsApp messages the provider took (sent, delivered or read). */
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Leads opted out of WhatsApp or on the do-not-contact list for it. */
  stopped: number;
  /** Outbound WhatsApp messages waiting to go (queued or sending). */
  queue: number;
  recent_stops: RecentStop[];
}

/** Seed 000's WhatsApp dashboard, from real counts. */
@Injectable()
export class WhatsAppAnalyticsService {
  constructor(private readonly db: DataSource) {}

  async summary(tenantId: string): Promise<WhatsAppAnalytics> {
    const [counts] = await tenantQuery<Omit<WhatsAppAnalytics, 'recent_stops'>>(
      this.db,
      tenantId,
      `SELECT count(*) FILTER (WHERE status IN ('sent', 'delivered', 'read'))::int AS sent,
              count(*) FILTER (WHERE status IN ('delivered', 'read'))::int AS delivered,
              count(*) FILTER (WHERE status = 'read')::int AS read,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              count(*) FILTER (WHERE status IN ('queued', 'sending'))::int AS queue,
              (SELECT count(*)::int FROM leads l WHERE l.tenant_id = $1 AND l.archived_at IS NULL
                  AND ('whatsapp' = ANY(l.opted_out_channels) OR l.do_not_call)) AS stopped
         FROM messages WHERE tenant_id = $1 AND channel = 'whatsapp' AND direction = 'outbound'`,
    );
    // The stops of the leads `stopped` counts: an entry for a number no live lead has (listed before any lead, or
    // its lead archived) is not one of them, and one whose lead was archived names the live lead that has it now.
    const recent_stops = await tenantQuery<RecentStop>(
      this.db,
      tenantId,
      `SELECT l.id AS lead_id, NULLIF(trim(concat_ws(' ', l.first_name, l.last_name)), '') AS name,
              d.phone_normalized AS phone, d.reason, d.created_at AS stopped_at
         FROM dnc_entries d
         JOIN LATERAL (SELECT * FROM leads x
                        WHERE x.tenant_id = $1 AND x.phone_normalized = d.phone_normalized AND x.archived_at IS NULL
                        ORDER BY x.created_at LIMIT 1) l ON true
        WHERE d.tenant_id = $1 AND d.channel IN ('whatsapp', 'all') AND d.phone_normalized IS NOT NULL
        ORDER BY d.created_at DESC, d.id DESC LIMIT 10`,
    );
    return { ...counts, recent_stops };
  }
}
