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
import { LeadEntity } from './lead.entity';
import { leadReference } from './lead-reference';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export const CONVERSATION_CHANNELS = ['whatsapp', 'sms', 'telegram', 'email', 'voice'] as const;
export type ConversationChannel = (typeof CONVERSATION_CHANNELS)[number];
export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const AI_MODES = ['auto', 'human'] as const;
export type AiMode = (typeof AI_MODES)[number];

/** One lead on one channel: the inbox's unit. */
@Entity('conversations')
@Check('ck_conversations_channel', `"channel" IN ('whatsapp', 'sms', 'telegram', 'email', 'voice')`)
@Check('ck_conversations_status', `"status" IN ('open', 'closed')`)
@Check('ck_conversations_ai_mode', `"ai_mode" IN ('auto', 'human')`)
@Index('uq_conversations_lead_channel', { synchronize: false })
@Index('ix_conversations_tenant_last_message', ['tenantId', 'lastMessageAt', 'id'])
@Index('ix_conversations_tenant_assigned', ['tenantId', 'assignedUserId'])
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_conversations' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_conversations_tenant' })
  tenant?: TenantEntity;
  /** Null only once the lead was erased: its records stay as counts, without content (never loaded to send). */
  @Column({ type: 'uuid', nullable: true }) leadId!: string;
  @ManyToOne(() => LeadEntity, { onDelete: 'SET NULL' })
  @JoinColumn(leadReference('fk_conversations_lead'))
  lead?: LeadEntity;
  @Column({ type: 'varchar', length: 16 }) channel!: ConversationChannel;
  @Column({ type: 'varchar', length: 16, default: 'open' }) status!: ConversationStatus;
  @Column({ type: 'integer', default: 0 }) unreadCount!: number;
  @Column({ type: 'timestamptz', nullable: true }) lastMessageAt!: Date | null;
  /** When the lead's last message was applied (the platform clock). */
  @Column({ type: 'timestamptz', nullable: true }) lastInboundAt!: Date | null;
  /**
   * When the lead's latest message was sent, as its provider dates it (never later than it was applied): WhatsApp's
   * 24-hour window counts from it (DESIGN §7.4); null before it was recorded, when `last_inbound_at` stands in.
   */
  @Column({ type: 'timestamptz', nullable: true }) lastInboundSentAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) assignedUserId!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_user_id', foreignKeyConstraintName: 'fk_conversations_assigned_user' })
  assignedUser?: UserEntity;
  @Column({ type: 'varchar', length: 8, default: 'auto' }) aiMode!: AiMode;
  /** The person's public handle on the channel, as their last message gave it (Telegram's `@username`). */
  @Column({ type: 'varchar', length: 64, nullable: true }) handle!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
