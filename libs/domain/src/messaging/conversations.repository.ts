import type { PageWindow } from '@app/common';
import {
  AiMode,
  ConversationChannel,
  ConversationEntity,
  ConversationStatus,
  FINAL_ENROLLMENT_SQL,
  SqlRunner,
  TenantRepository,
  tenantQuery,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { HUMAN_HOLDS_LEAD } from './human-hold';

export interface ConversationFilter {
  channel?: ConversationChannel;
  status?: ConversationStatus;
  unread?: boolean;
  /** A user id, or `unassigned`. */
  assigned?: string;
  lead_id?: string;
  /** Agents see only the conversations assigned to them. */
  only_user_id?: string | null;
}

/** How a conversation stands, as a manual message may change it. */
export interface ConversationStanding {
  status: ConversationStatus;
  ai_mode: AiMode;
  unread_count: number;
}

export interface ConversationChanges {
  assigned_user_id?: string | null;
  status?: ConversationStatus;
  ai_mode?: AiMode;
}

/**
 * The lead's conversation on the channel for an outbound message, made when there is none (one per tenant, lead and
 * channel), as a statement answering its `id` (`$1` the tenant, `$2` the lead, `$3` the channel, `$4` the message's
 * time, `$5` whether a human's message takes it over): the message's INSERT takes it as a CTE, one statement for
 * both. A new one starts with humans when a human holds the lead already (HUMAN_HOLDS_LEAD). A human's message
 * reopens a closed one; an automated or AI one leaves it closed (the lead's reply reopens it). `onlyIf`, an SQL
 * condition of the statement's other CTEs: made or moved on only when it holds.
 */
export function outboundConversationSql(onlyIf?: string): string {
  return `INSERT INTO conversations AS c (tenant_id, lead_id, channel, last_message_at, ai_mode)
       SELECT $1::uuid, $2::uuid, $3::varchar, $4::timestamptz, CASE WHEN $5::boolean OR ${HUMAN_HOLDS_LEAD} THEN 'human' ELSE 'auto' END
       ${onlyIf ? `WHERE ${onlyIf}` : ''}
       ON CONFLICT (tenant_id, lead_id, channel) DO UPDATE
         SET last_message_at = GREATEST(c.last_message_at, EXCLUDED.last_message_at),
             status = CASE WHEN $5::boolean THEN 'open' ELSE c.status END,
             ai_mode = CASE WHEN $5::boolean THEN 'human' ELSE c.ai_mode END,
             updated_at = now()
       WHERE c.tenant_id = $1
       RETURNING id`;
}

@Injectable()
export class ConversationsRepository extends TenantRepository<ConversationEntity> {
  constructor(@InjectRepository(ConversationEntity) repo: Repository<ConversationEntity>) {
    super(repo);
  }

  list(
    tenantId: string,
    window: PageWindow,
    filter: ConversationFilter,
  ): Promise<[ConversationEntity[], number]> {
    // An erased lead's conversations stay as counts only, an archived (deleted) one's as history on its lead: the
    // inbox lists neither (a reply to them is refused, and the person's next message opens a new lead's).
    const q = this.scoped(tenantId, 'c').innerJoinAndSelect('c.lead', 'lead', 'lead.archived_at IS NULL');
    if (filter.channel) q.andWhere('c.channel = :channel', { channel: filter.channel });
    if (filter.status) q.andWhere('c.status = :status', { status: filter.status });
    if (filter.unread === true) q.andWhere('c.unread_count > 0');
    if (filter.unread === false) q.andWhere('c.unread_count = 0');
    if (filter.lead_id) q.andWhere('c.lead_id = :leadId', { leadId: filter.lead_id });
    if (filter.assigned === 'unassigned') q.andWhere('c.assigned_user_id IS NULL');
    else if (filter.assigned) q.andWhere('c.assigned_user_id = :assigned', { assigned: filter.assigned });
    if (filter.only_user_id !== undefined) {
      if (filter.only_user_id === null) q.andWhere('false');
      else q.andWhere('c.assigned_user_id = :only', { only: filter.only_user_id });
    }
    return q
      .orderBy('c.lastMessageAt', 'DESC', 'NULLS LAST')
      .addOrderBy('c.id', 'DESC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }

  /**
   * How the lead's conversation on the channel stands (one per tenant, lead and channel), read under its row's lock
   * for the rest of the transaction; undefined when it has none yet.
   */
  async lockOfLead(
    tx: SqlRunner,
    tenantId: string,
    leadId: string,
    channel: ConversationChannel,
  ): Promise<ConversationStanding | undefined> {
    const [row] = await tenantQuery<ConversationStanding>(
      tx,
      tenantId,
      `SELECT status, ai_mode, unread_count FROM conversations
        WHERE tenant_id = $1 AND lead_id = $2 AND channel = $3 FOR NO KEY UPDATE`,
      [leadId, channel],
    );
    return row;
  }

  /**
   * Marks the conversation read: its inbound messages read now, its unread count 0; answers whether anything was
   * unread (a conversation read already is left as it is). Under the conversation's lock, which a message coming in
   * holds from its count's bump to its commit: the count and the messages read agree (a message that comes in
   * meanwhile is unread, and counted).
   */
  async markRead(tx: SqlRunner, tenantId: string, id: string, at: Date): Promise<boolean> {
    await tenantQuery(
      tx,
      tenantId,
      `SELECT id FROM conversations WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE`,
      [id],
    );
    const messages = await tenantQuery(
      tx,
      tenantId,
      `UPDATE messages SET read_at = $3 WHERE tenant_id = $1 AND conversation_id = $2
          AND direction = 'inbound' AND read_at IS NULL RETURNING id`,
      [id, at],
    );
    const conversation = await tenantQuery(
      tx,
      tenantId,
      `UPDATE conversations SET unread_count = 0, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND unread_count <> 0 RETURNING id`,
      [id],
    );
    return messages.length > 0 || conversation.length > 0;
  }

  findWithLead(tenantId: string, id: string): Promise<ConversationEntity | null> {
    return this.repo.findOne({ where: this.where(tenantId, { id }), relations: { lead: true } });
  }

  /**
   * Applies the changes; answers whom the conversation was assigned to just before them, read under the row's lock
   * (two reassignments crossing each see the other's), or undefined when it does not exist or nothing changes.
   */
  async update(
    tx: SqlRunner,
    tenantId: string,
    id: string,
    changes: ConversationChanges,
  ): Promise<{ assignedUserId: string | null } | undefined> {
    const assigning = changes.assigned_user_id !== undefined;
    if (!assigning && changes.status === undefined && changes.ai_mode === undefined) return undefined;
    const [row] = await tenantQuery<{ before: string | null }>(
      tx,
      tenantId,
      `UPDATE conversations c
          SET assigned_user_id = CASE WHEN $3::boolean THEN $4::uuid ELSE c.assigned_user_id END,
              status = coalesce($5::varchar, c.status), ai_mode = coalesce($6::varchar, c.ai_mode),
              updated_at = now()
         FROM (SELECT id, assigned_user_id FROM conversations WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE) old
        -- The key given on both sides: the row to update found by it alone, whatever index the planner would take for
        -- the tenant (a tenant the statistics do not know yet: its conversations once per conversation, 34 s).
        WHERE c.tenant_id = $1 AND c.id = $2 AND c.id = old.id
        RETURNING old.assigned_user_id AS before`,
      [id, assigning, changes.assigned_user_id ?? null, changes.status ?? null, changes.ai_mode ?? null],
    );
    return row ? { assignedUserId: row.before } : undefined;
  }

  /**
   * Whether the user may be assigned conversations (an active user of the tenant), its row then locked for share
   * until the transaction ends. Taken before the conversation's row, as a deactivation takes the user's row before it
   * unassigns their conversations: one waits for the other and sees what it committed, so a user deactivated at the
   * same moment is never left assigned.
   */
  async lockAssignee(tx: SqlRunner, tenantId: string, userId: string): Promise<boolean> {
    const rows = await tenantQuery<{ id: string }>(
      tx,
      tenantId,
      `SELECT id FROM users WHERE tenant_id = $1 AND id = $2 AND is_active FOR SHARE`,
      [userId],
    );
    return rows.length === 1;
  }

  /** The campaigns whose override (or a manual message) holds the lead: its running enrollments paused. */
  async campaignsHolding(tx: SqlRunner, tenantId: string, leadId: string): Promise<string[]> {
    const rows = await tenantQuery<{ campaign_id: string }>(
      tx,
      tenantId,
      `SELECT campaign_id FROM campaign_enrollments
        WHERE tenant_id = $1 AND lead_id = $2 AND ai_paused AND status NOT IN (${FINAL_ENROLLMENT_SQL})
        ORDER BY campaign_id`,
      [leadId],
    );
    return rows.map((r) => r.campaign_id);
  }

  async assignedTo(tenantId: string, userId: string): Promise<string[]> {
    const rows = await tenantQuery<{ id: string }>(
      this.repo.manager,
      tenantId,
      `SELECT id FROM conversations WHERE tenant_id = $1 AND assigned_user_id = $2`,
      [userId],
    );
    return rows.map((r) => r.id);
  }
}
