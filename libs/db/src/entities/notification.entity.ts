import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export const NOTIFICATION_TYPES = ['lead', 'message', 'system'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** One user's notification (seed 004's notification centre): what happened, and whether they read it. */
@Entity('notifications')
@Check('ck_notifications_type', `"type" IN ('lead', 'message', 'system')`)
/** A user's list, newest first (migration 1769031000000: ends with seq). */
@Index('ix_notifications_tenant_user_created', ['tenantId', 'userId', 'createdAt', 'seq'])
/** Migrations 1768950000000, 1769031000000: a user's unread ones (the list filtered, the badge's count, read-all). */
@Index('ix_notifications_tenant_user_unread', { synchronize: false })
/** Migration 1768950000000: those about a lead, for its erasure. */
@Index('ix_notifications_tenant_lead', { synchronize: false })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Insertion order: breaks ties between notifications of the same instant (a burst, a still test clock). */
  @Column({
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    generated: 'identity',
    insert: false,
    update: false,
    select: false,
  })
  seq!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_notifications_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notifications_user' })
  user?: UserEntity;
  @Column({ type: 'varchar', length: 16 }) type!: NotificationType;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data!: Record<string, unknown>;
  /** The lead it is about, when one: its erasure scrubs the names this holds (no key: the lead row may go). */
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
