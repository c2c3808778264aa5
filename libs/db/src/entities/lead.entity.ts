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
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';
import { numericTransformer } from './numeric-column';
import { LEAD_TYPE_MAX, type LeadPriority, type LeadStatus } from './lead-values';

/** An address a lead's identity held, as archiving kept it. */
export interface ArchivedIdentity {
  channel: 'phone' | 'whatsapp' | 'email';
  address: string;
}

export { LEAD_PRIORITIES, LEAD_STATUSES, LEAD_TYPE_MAX } from './lead-values';
export type { LeadPriority, LeadStatus } from './lead-values';

@Entity('leads')
@Check('ck_leads_priority', `"priority" IN ('low', 'normal', 'high')`)
@Check('ck_leads_status', `"status" IN ('new', 'contacted', 'qualified', 'converted', 'lost')`)
@Check('ck_leads_score', `"score" BETWEEN 0 AND 100`)
@Index('uq_leads_tenant_id', ['tenantId', 'id'], { unique: true })
@Index('ix_leads_tenant_live_created', { synchronize: false })
@Index('ix_leads_tenant_archived', { synchronize: false })
@Index('ix_leads_tenant_status', ['tenantId', 'status'])
@Index('ix_leads_tenant_score', ['tenantId', 'score'])
@Index('ix_leads_tenant_next_call', ['tenantId', 'priority', 'nextCallAt'])
@Index('ix_leads_tenant_owner', ['tenantId', 'ownerId'])
/** Migration 1769020000001, partial (qualified): a user's qualified leads, for their achievements. */
@Index('ix_leads_tenant_owner_qualified', { synchronize: false })
@Index('ix_leads_tenant_tag_keys', { synchronize: false })
@Index('ix_leads_tenant_search', { synchronize: false })
export class LeadEntity {
  /** Time-ordered (UUIDv7) when the application sets it, which it does; the database's default is a fallback. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_leads' })
  id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_leads_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'varchar', length: 100, nullable: true }) firstName!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) lastName!: string | null;
  @Column({ type: 'varchar', length: 320, nullable: true }) email!: string | null;
  /** As given. */
  @Column({ type: 'varchar', length: 64, nullable: true }) phone!: string | null;
  /** E.164. */
  @Column({ type: 'varchar', length: 20, nullable: true }) phoneNormalized!: string | null;
  @Column({ type: 'char', length: 2, nullable: true }) country!: string | null;
  /** Set explicitly; else the lead's local time comes from `timezones`. */
  @Column({ type: 'varchar', length: 64, nullable: true }) timezone!: string | null;
  /** The zones the phone number (else the country) can be in. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) timezones!: string[];
  @Column({ type: 'varchar', length: 200, nullable: true }) company!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) position!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) source!: string | null;
  /** What kind of lead (seed 001's carrier, shipper, broker...): free-form, trimmed, at most LEAD_TYPE_MAX. */
  @Column({ type: 'varchar', length: LEAD_TYPE_MAX, nullable: true }) type!: string | null;
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  value!: number | null;
  @Column({ type: 'varchar', length: 8, default: 'normal' }) priority!: LeadPriority;
  @Column({ type: 'varchar', length: 16, default: 'new' }) status!: LeadStatus;
  @Column({ type: 'smallint', default: 0 }) score!: number;
  @Column({ type: 'varchar', length: 32, nullable: true }) classification!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) qualificationStatus!: string | null;
  /** The last classification's confidence (0..1) and reason (issue 7). */
  @Column({ type: 'real', nullable: true }) classificationConfidence!: number | null;
  @Column({ type: 'text', nullable: true }) classificationReason!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) classifiedAt!: Date | null;
  /** Set by a manual `PATCH leads/:id` of classification (or score): the classifier no longer changes it. */
  @Column({ type: 'boolean', default: false }) classificationOverridden!: boolean;
  @Column({ type: 'boolean', default: false }) scoreOverridden!: boolean;
  /** When the lead asked for a meeting (a `meeting_request` reply): the flag the team acts on. */
  @Column({ type: 'timestamptz', nullable: true }) meetingRequestedAt!: Date | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'jsonb', default: () => "'{}'" }) customFields!: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  @Column({ type: 'uuid', nullable: true }) ownerId!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_leads_owner' })
  owner?: UserEntity;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) optedOutChannels!: string[];
  /**
   * Channels opted out of by STOP that the do-not-contact list cannot hold (no phone or email to list: a Telegram
   * chat); kept by every refresh of `optedOutChannels`, lifted by START.
   */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) unlistedOptOuts!: string[];
  /** When the lead sent the STOP / START last applied, per channel: an earlier one applied late changes nothing. */
  @Column({ type: 'jsonb', nullable: true }) optKeywordAt!: Record<string, string> | null;
  @Column({ type: 'boolean', default: false }) doNotCall!: boolean;
  @Column({ type: 'integer', default: 0 }) callAttempts!: number;
  @Column({ type: 'timestamptz', nullable: true }) lastCallAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) nextCallAt!: Date | null;
  /** No campaign dials the lead before this: the lockout after an abandoned call, whichever campaign made it. */
  @Column({ type: 'timestamptz', nullable: true }) callLockedUntil!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  /**
   * The phone, WhatsApp and email identities archiving freed (`{ channel, address }`), kept only for an erasure to
   * list on the do-not-contact list (a WhatsApp number the lead wrote from is none of its fields). Null while live.
   */
  @Column({ type: 'jsonb', nullable: true, select: false }) archivedIdentities?: ArchivedIdentity[] | null;
  /** The import that last created or updated this lead: tells a later row of the same file it is a duplicate. */
  @Column({ type: 'uuid', nullable: true }) lastImportId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
