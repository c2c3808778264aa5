import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { MessageEntity } from './message.entity';
import { TenantEntity } from './tenant.entity';

/**
 * A file that came with an inbound message (an email's attachment): stored when its webhook is received, under
 * an id derived from the message and its place in it (a redelivery stores it once), and given its message when
 * the worker records that. One never given a message (a bounce's, or a delivery whose event was not applied; an
 * upload never sent) is swept after a while through `ix_message_attachments_unlinked` (partial: neither a message
 * nor a campaign). The bytes are kept
 * uncompressed (storage EXTERNAL): files arrive compressed already.
 */
@Entity('message_attachments')
@Index('ix_message_attachments_message', ['tenantId', 'messageId'])
@Index('ix_message_attachments_unlinked', { synchronize: false })
@Index('ix_message_attachments_campaign', { synchronize: false })
@Check('ck_message_attachments_origin', `"origin" IN ('inbound', 'upload')`)
export class MessageAttachmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_message_attachments' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_message_attachments_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid', nullable: true }) messageId!: string | null;
  @ManyToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_message_attachments_message' })
  message?: MessageEntity;
  /** `inbound`: it came with a lead's message; `upload`: a user uploaded it to send (only these are ever sent). */
  @Column({ type: 'varchar', length: 8, default: 'inbound' }) origin!: 'inbound' | 'upload';
  /** An upload a campaign's steps send (`options.attachment_ids`): listed on each message, owned by none. */
  @Column({ type: 'uuid', nullable: true }) campaignId!: string | null;
  @ManyToOne(() => CampaignEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_message_attachments_campaign' })
  campaign?: CampaignEntity;
  @Column({ type: 'varchar', length: 255, nullable: true }) filename!: string | null;
  @Column({ type: 'varchar', length: 255 }) contentType!: string;
  /** The part's Content-ID, when the email's HTML shows it inline (`cid:`). */
  @Column({ type: 'varchar', length: 255, nullable: true }) contentId!: string | null;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'bytea' }) content!: Buffer;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
