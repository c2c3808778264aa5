import { LeadEntity, MessageEntity, NotificationEntity } from '@app/db';
import type { JobPayloads } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inboundNotification } from '../notifications/inbound-notification';

/** What an integration is sent of an event: the team's notification text, and the ids it is about. */
export interface IntegrationContent {
  title: string;
  text: string;
  data: Record<string, unknown>;
}

/**
 * An event's text, read when its job runs (jobs carry ids): a lead's message as its assignee's notification says it,
 * a qualified lead or an import as the notification written for it. Null when the subject or its lead is gone
 * (deleted, erased): nothing is sent, so nothing of an erased person leaves after their erasure.
 */
@Injectable()
export class IntegrationContentReader {
  constructor(private readonly db: DataSource) {}

  async of(payload: JobPayloads['integrations.deliver']): Promise<IntegrationContent | null> {
    const tenantId = payload.tenant_id;
    if (payload.source === 'message') {
      const m = await this.db.getRepository(MessageEntity).findOneBy({ tenantId, id: payload.subject_id });
      const lead = m?.leadId ? await this.lead(tenantId, m.leadId) : null;
      if (!m || !lead || m.direction !== 'inbound') return null;
      const address = lead.phoneNormalized ?? lead.email ?? 'a lead';
      const n = inboundNotification(lead, address, m.conversationId, m);
      return { title: n.title, text: n.message, data: idsOf(n.data) };
    }
    const n = await this.db.getRepository(NotificationEntity).findOneBy({ tenantId, id: payload.subject_id });
    if (!n || (n.leadId && !(await this.lead(tenantId, n.leadId)))) return null;
    return { title: n.title, text: n.message, data: idsOf(n.data) };
  }

  private lead(tenantId: string, id: string): Promise<LeadEntity | null> {
    return this.db.getRepository(LeadEntity).findOneBy({ tenantId, id });
  }
}

/** The ids of a notification's data (and its counts), never the names it holds. */
function idsOf(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).filter(
      ([k]) => k.endsWith('_id') || k === 'channel' || k === 'status' || k === 'score' || k === 'results',
    ),
  );
}
