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
import { MessageEntity } from './message.entity';
import { TenantEntity } from './tenant.entity';

/** The class of one inbound message (issue 7); a reclassification overwrites it. */
@Entity('reply_classifications')
@Check(
  'ck_reply_classifications_label',
  `"label" IN ('interested', 'meeting_request', 'question', 'not_now', 'not_interested', 'out_of_office', 'wrong_person', 'unsubscribe', 'neutral')`,
)
@Check('ck_reply_classifications_confidence', `"confidence" BETWEEN 0 AND 1`)
@Index('uq_reply_classifications_message', ['tenantId', 'messageId'], { unique: true })
@Index('ix_reply_classifications_lead', ['tenantId', 'leadId', 'createdAt'])
export class ReplyClassificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reply_classifications' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_reply_classifications_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid' }) messageId!: string;
  @ManyToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_reply_classifications_message' })
  message?: MessageEntity;
  @Column({ type: 'uuid' }) leadId!: string;
  @ManyToOne(() => LeadEntity, { onDelete: 'CASCADE' })
  @JoinColumn(leadReference('fk_reply_classifications_lead'))
  lead?: LeadEntity;
  @Column({ type: 'uuid' }) conversationId!: string;
  @Column({ type: 'varchar', length: 32 }) label!: string;
  @Column({ type: 'real' }) confidence!: number;
  @Column({ type: 'text' }) reason!: string;
  /** YYYY-MM-DD */
  @Column({ type: 'date', nullable: true }) returnDate!: string | null;
  @Column({ type: 'jsonb', nullable: true }) referral!: {
    name: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) language!: string | null;
  @Column({ type: 'uuid', nullable: true }) interactionId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
