import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ConversationEntity } from './conversation.entity';
import { LeadEntity } from './lead.entity';
import { leadReference } from './lead-reference';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
export const MESSAGE_SENDERS = ['lead', 'agent', 'ai', 'system'] as const;
export type MessageSender = (typeof MESSAGE_SENDERS)[number];
/** Outbound statuses only move forward along this order; `failed` and `unknown` end a send, `received` is inbound. */
export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
  'received',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * One message in or out. An outbound row and its idempotency key commit before the provider is called, so a
 * send happens at most once (DESIGN §7.6); an inbound row is recorded once per provider message id.
 */
@Entity('messages')
@Check('ck_messages_direction', `"direction" IN ('inbound', 'outbound')`)
@Check('ck_messages_sender', `"sender" IN ('lead', 'agent', 'ai', 'system')`)
@Check(
  'ck_messages_status',
  `"status" IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'unknown', 'received')`,
)
@Index('uq_messages_idempotency_key', { synchronize: false })
@Index('uq_messages_provider_message', { synchronize: false })
@Index('ix_messages_tenant_conversation', ['tenantId', 'conversationId', 'createdAt', 'id'])
@Index('ix_messages_tenant_lead', ['tenantId', 'leadId', 'createdAt'])
@Index('ix_messages_tenant_created', ['tenantId', 'createdAt'])
@Index('ix_messages_queued_updated', { synchronize: false })
/** Partial (sending with no provider id): the sweep of sends whose job gave up, across tenants. */
@Index('ix_messages_sending_unsent', { synchronize: false })
@Index('ix_messages_tenant_unknown', { synchronize: false })
/** Partial (external_thread_id IS NOT NULL): an inbound email's In-Reply-To / References find their thread. */
@Index('ix_messages_tenant_thread', { synchronize: false })
/** Partial (campaign_id IS NOT NULL): a campaign's sends by step, for its analytics and funnel. */
@Index('ix_messages_tenant_campaign', { synchronize: false })
/** Partial (campaign_retry_due_at IS NOT NULL): the campaign tick's sweep of failed sends not yet decided on. */
@Index('ix_messages_campaign_retry_due', { synchronize: false })
/** Partial (queued, of a campaign): a campaign does not complete while messages of it wait to be sent. */
@Index('ix_messages_campaign_queued', { synchronize: false })
/** Partial (inbound): whether a lead wrote, for a campaign's live replied total. */
@Index('ix_messages_tenant_lead_inbound', { synchronize: false })
/** Migration 1769020000001, partial (sent by a user): a user's messages, for their achievements. */
@Index('ix_messages_tenant_sender_user', { synchronize: false })
export class MessageEntity {
  /** Time-ordered (UUIDv7), set by the application. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_messages' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_messages_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid' }) conversationId!: string;
  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_messages_conversation' })
  conversation?: ConversationEntity;
  /** Null only once the lead was erased: its records stay as counts, without content (never loaded to send). */
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  @ManyToOne(() => LeadEntity, { onDelete: 'SET NULL' })
  @JoinColumn(leadReference('fk_messages_lead'))
  lead?: LeadEntity;
  /** The campaign and step that sent it (the campaign issue adds their tables). */
  @Column({ type: 'uuid', nullable: true }) campaignId!: string | null;
  @Column({ type: 'uuid', nullable: true }) stepId!: string | null;
  @Column({ type: 'varchar', length: 8 }) direction!: MessageDirection;
  @Column({ type: 'varchar', length: 16 }) channel!: string;
  @Column({ type: 'varchar', length: 8 }) sender!: MessageSender;
  @Column({ type: 'uuid', nullable: true }) senderUserId!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'sender_user_id', foreignKeyConstraintName: 'fk_messages_sender_user' })
  senderUser?: UserEntity;
  /** Null once erased (GDPR). */
  @Column({ type: 'text', nullable: true }) content!: string | null;
  @Column({ type: 'varchar', length: 998, nullable: true }) subject!: string | null;
  /** An inbound email's HTML part as it came (untrusted), up to INBOUND_HTML_MAX_CHARS; null otherwise or once erased. */
  @Column({ type: 'text', nullable: true }) html!: string | null;
  /** An approved template: `{ name, language, variables }`. */
  @Column({ type: 'jsonb', nullable: true }) template!: Record<string, unknown> | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) mediaUrls!: string[];
  /** An inbound message's files (their bytes in message_attachments). */
  @Column({ type: 'jsonb', default: () => "'[]'" }) attachments!: MessageAttachmentRef[];
  @Column({ type: 'varchar', length: 32 }) provider!: string;
  @Column({ type: 'varchar', length: 128, nullable: true }) providerMessageId!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: MessageStatus;
  @Column({ type: 'varchar', length: 32, nullable: true }) errorCode!: string | null;
  @Column({ type: 'text', nullable: true }) errorMessage!: string | null;
  @Column({ type: 'smallint', nullable: true }) segments!: number | null;
  /** Unique per tenant: one send per (enrollment, step, attempt), per manual request, per inbound event. */
  @Column({ type: 'varchar', length: 200 }) idempotencyKey!: string;
  /** Email threading: this message's Message-ID. */
  @Column({ type: 'varchar', length: 255, nullable: true }) externalThreadId!: string | null;
  /** Sends made: each claim before a provider call. */
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  /** Of those, the sends the provider refused for its rate (nothing sent): they do not use up the tries. */
  @Column({ type: 'smallint', default: 0 }) rateLimited!: number;
  @Column({ type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) failedAt!: Date | null;
  /** Still `queued`, not sent before this time (a campaign send's retry, after its backoff). */
  @Column({ type: 'timestamptz', nullable: true }) sendAfter!: Date | null;
  /** A failed campaign send whose retry policy has not decided yet (set as it fails, cleared once decided). */
  @Column({ type: 'timestamptz', nullable: true }) campaignRetryDueAt!: Date | null;
  /** Email: the first open (tracking pixel) and how many opens; the first tracked click and how many. */
  @Column({ type: 'timestamptz', nullable: true }) openedAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) openCount!: number;
  @Column({ type: 'timestamptz', nullable: true }) clickedAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) clickCount!: number;
  /** A message the AI wrote: its interaction, provider, model, prompt version, tokens and cost (issue 7). */
  @Column({ type: 'jsonb', nullable: true }) aiUsage!: AiMessageUsage | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** A file of a message, as the message lists it. */
export interface MessageAttachmentRef {
  id: string;
  filename: string | null;
  content_type: string;
  size: number;
  /** An email's inline part: the id its HTML names it by (`cid:<content_id>`). */
  content_id?: string | null;
}

export interface AiMessageUsage {
  interaction_id: string;
  provider: string;
  model: string;
  prompt_version: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}
