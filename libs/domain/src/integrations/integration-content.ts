import { LeadEntity, MessageEntity, NotificationEntity } from '@app/db';
import type { JobPayloads } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { inboundNotification } from '../notifications/inbound-notification';
import { leadKept } from '../webhooks/delivery-retry';

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
  /**
   * Read in `tx` with the subject's lead key-share locked until `tx` ends (leadKept, as a webhook retry locks it):
   * an erasure that committed first leaves the lead gone (null), and one that comes later waits for `tx` to end. A
   * sender that posts the text and records the attempt in `tx` sends nothing of a lead after its erasure committed.
   */
  async of(
    tx: EntityManager,
    payload: JobPayloads['integrations.deliver'],
  ): Promise<IntegrationContent | null> {
    const tenantId = payload.tenant_id;
    if (payload.source === 'message') {
      const m = await tx.getRepository(MessageEntity).findOneBy({ tenantId, id: payload.subject_id });
      const lead = m?.leadId ? await this.lead(tx, tenantId, m.leadId) : null;
      if (!m || !lead || m.direction !== 'inbound') return null;
      const address = lead.phoneNormalized ?? lead.email ?? 'a lead';
      const n = inboundNotification(lead, address, m.conversationId, m);
      return { title: n.title, text: n.message, data: idsOf(n.data) };
    }
    const n = await tx.getRepository(NotificationEntity).findOneBy({ tenantId, id: payload.subject_id });
    if (!n || (n.leadId && !(await this.lead(tx, tenantId, n.leadId)))) return null;
    return { title: n.title, text: n.message, data: idsOf(n.data) };
  }

  /** The lead, its row key-share locked until `tx` ends; null once erased (an erasure waited for finds it gone). */
  private async lead(tx: EntityManager, tenantId: string, id: string): Promise<LeadEntity | null> {
    if (!(await leadKept(tx, tenantId, id))) return null;
    return tx.getRepository(LeadEntity).findOneBy({ tenantId, id });
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
