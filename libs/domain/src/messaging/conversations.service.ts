import { AppError, Clock, Page, PageWindow } from '@app/common';
import { ConversationEntity, MessageEntity, tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { LiveEvents } from '@app/events';
import { DataSource } from 'typeorm';
import { whatsappWindow, WhatsAppWindow } from '../contact-policy/whatsapp-window';
import { WorkflowHeldSends } from '../workflows/workflow-held-sends';
import { conversationUpdatedEvent } from './conversation-updated-event';
import { ConversationChanges, ConversationFilter, ConversationsRepository } from './conversations.repository';
import { HumanTakeover } from './human-takeover';
import { latestChannel } from './latest-channel';
import { LastMessage, MessagesRepository } from './messages.repository';
import { OutboundMessagesService, SendInput } from './outbound-messages.service';

export interface InboxConversation {
  conversation: ConversationEntity;
  last_message: LastMessage | null;
  whatsapp_window: WhatsAppWindow | null;
}

export type ManualSend = Omit<
  SendInput,
  'lead_id' | 'channel' | 'sender' | 'sender_user_id' | 'policy_exempt'
>;

/** The inbox: conversations as the caller may see them (agents: only those assigned to them), read, assign, send. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly outbound: OutboundMessagesService,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly events: LiveEvents,
    private readonly takeover: HumanTakeover,
    private readonly heldSends: WorkflowHeldSends,
  ) {}

  async list(
    auth: AuthContext,
    window: PageWindow,
    filter: ConversationFilter,
  ): Promise<Page<InboxConversation>> {
    const scope = auth.role === 'agent' ? { only_user_id: auth.userId } : {};
    if (filter.assigned === 'me' && !auth.userId)
      throw AppError.field('assigned', "is me only for a user's token: an API key is no user");
    const assigned = filter.assigned === 'me' ? (auth.userId as string) : filter.assigned;
    const [rows, total] = await this.conversations.list(auth.tenantId, window, {
      ...filter,
      assigned,
      ...scope,
    });
    const last = await this.messages.lastOf(
      auth.tenantId,
      rows.map((c) => c.id),
    );
    return new Page(
      rows.map((c) => this.view(c, last.get(c.id) ?? null)),
      total,
      window.limit,
      window.offset,
    );
  }

  async get(auth: AuthContext, id: string): Promise<InboxConversation> {
    const [c, last] = await Promise.all([this.visible(auth, id), this.messages.lastOf(auth.tenantId, [id])]);
    return this.view(c, last.get(id) ?? null);
  }

  /** A conversation's messages by time, newest first unless `order` is asc (an inbox thread reads oldest first). */
  async messagesOf(
    auth: AuthContext,
    id: string,
    window: PageWindow,
    order?: 'asc' | 'desc',
  ): Promise<Page<MessageEntity>> {
    await this.visible(auth, id);
    const [rows, total] = await this.messages.list(auth.tenantId, window, { conversation_id: id, order });
    return new Page(rows, total, window.limit, window.offset);
  }

  /** A lead's messages on every channel by time, newest first unless `order` is asc. */
  async messagesOfLead(
    auth: AuthContext,
    leadId: string,
    window: PageWindow,
    order?: 'asc' | 'desc',
  ): Promise<Page<MessageEntity>> {
    const [lead] = await tenantQuery(
      this.db,
      auth.tenantId,
      'SELECT id FROM leads WHERE tenant_id = $1 AND id = $2',
      [leadId],
    );
    if (!lead) throw AppError.notFound('Lead');
    const scope = auth.role === 'agent' ? { only_user_id: auth.userId } : {};
    const [rows, total] = await this.messages.list(auth.tenantId, window, {
      lead_id: leadId,
      ...scope,
      order,
    });
    return new Page(rows, total, window.limit, window.offset);
  }

  /**
   * A manual message in the conversation. Like every manual message (OutboundMessagesService), it reopens the
   * conversation, hands it to a human and marks it read, telling every open inbox when that changed how it stands.
   */
  async send(auth: AuthContext, id: string, input: ManualSend): Promise<MessageEntity> {
    const c = await this.visible(auth, id);
    if (c.channel === 'voice')
      throw AppError.conflict(
        'A voice conversation records calls and takes no messages: send to the lead on another channel (POST leads/:id/messages)',
        { channel: 'voice' },
      );
    return this.outbound.send(auth.tenantId, {
      ...input,
      lead_id: c.leadId,
      channel: c.channel,
      sender: 'agent',
      sender_user_id: auth.userId,
    });
  }

  async sendToLead(
    auth: AuthContext,
    leadId: string,
    channel: SendInput['channel'] | undefined,
    input: ManualSend,
  ): Promise<MessageEntity> {
    return this.outbound.send(auth.tenantId, {
      ...input,
      lead_id: leadId,
      channel: channel ?? (await latestChannel(this.db, auth.tenantId, leadId)),
      sender: 'agent',
      sender_user_id: auth.userId,
    });
  }

  /** Marks the conversation read; every open inbox is told only when something was unread. */
  async markRead(auth: AuthContext, id: string): Promise<InboxConversation> {
    await this.visible(auth, id);
    const changed = await this.db.transaction((tx) =>
      this.conversations.markRead(tx, auth.tenantId, id, this.clock.now()),
    );
    const view = await this.get(auth, id);
    return changed ? this.announced(auth, view) : view;
  }

  async update(auth: AuthContext, id: string, changes: ConversationChanges): Promise<InboxConversation> {
    const c = await this.visible(auth, id);
    if (changes.assigned_user_id !== undefined && auth.role === 'agent')
      throw AppError.forbidden('Assigning a conversation needs the manager role');
    const assignee = changes.assigned_user_id;
    const was = await this.db.transaction(async (tx) => {
      if (assignee && !(await this.conversations.lockAssignee(tx, auth.tenantId, assignee)))
        throw AppError.field('assigned_user_id', 'is not an active user of this tenant');
      const before = await this.conversations.update(tx, auth.tenantId, id, changes);
      // The AI mode is the lead's control (DESIGN §7.5), as a manual message and a campaign's override and cede
      // are: `human` takes the lead over from automation; `auto` hands it back only when no campaign still holds it.
      if (changes.ai_mode === 'human')
        await this.takeover.takeOver(tx, auth.tenantId, c.leadId, this.clock.now());
      if (changes.ai_mode === 'auto') {
        const holding = await this.conversations.campaignsHolding(tx, auth.tenantId, c.leadId);
        if (holding.length)
          throw AppError.conflict(
            "A campaign's override holds the lead: cede it there first (POST campaigns/:id/leads/:leadId/cede)",
            { campaign_ids: holding },
          );
      }
      return before;
    });
    if (changes.ai_mode === 'auto') await this.heldSends.release(auth.tenantId, [c.leadId]);
    // Its live events follow it: they reach an agent only in the rooms of the conversations assigned to them. The
    // assignee it leaves is the one the update replaced, not the one read above (another reassignment may be between).
    const reassigned =
      was && changes.assigned_user_id !== undefined && changes.assigned_user_id !== was.assignedUserId;
    if (reassigned) this.events.reassigned(id, was.assignedUserId, changes.assigned_user_id ?? null);
    const now = await this.get(auth, id);
    return was ? this.announced(auth, now, reassigned ? was.assignedUserId : null) : now;
  }

  /**
   * Tells every open inbox of the tenant how the conversation now stands (`conversation.updated`), the assignee it
   * was taken from included.
   */
  private announced(
    auth: AuthContext,
    view: InboxConversation,
    formerAssignee: string | null = null,
  ): InboxConversation {
    const c = view.conversation;
    this.events.toConversation(
      auth.tenantId,
      c.id,
      'conversation.updated',
      conversationUpdatedEvent(c, this.clock.now()),
      formerAssignee,
    );
    return view;
  }

  /** The conversations assigned to a user, whose rooms an agent's sockets join when they connect. */
  async assignedTo(tenantId: string, userId: string): Promise<string[]> {
    return this.conversations.assignedTo(tenantId, userId);
  }

  /**
   * The conversation, if this caller may see it; otherwise (another tenant's, not assigned to an agent) 404. An
   * agent-role API key is no user: it sees no conversation, as `GET conversations` lists it none.
   */
  async visible(auth: AuthContext, id: string): Promise<ConversationEntity> {
    const c = await this.conversations.findWithLead(auth.tenantId, id);
    if (!c || (auth.role === 'agent' && (!auth.userId || c.assignedUserId !== auth.userId)))
      throw AppError.notFound('Conversation');
    return c;
  }

  private view(c: ConversationEntity, last: LastMessage | null): InboxConversation {
    return {
      conversation: c,
      last_message: last,
      whatsapp_window:
        c.channel === 'whatsapp'
          ? whatsappWindow(c.lastInboundSentAt ?? c.lastInboundAt, this.clock.now())
          : null,
    };
  }
}
