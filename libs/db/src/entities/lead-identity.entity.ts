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
import { LeadEntity } from './lead.entity';
import { leadReference } from './lead-reference';

export const IDENTITY_CHANNELS = ['phone', 'email', 'whatsapp', 'telegram'] as const;
export type IdentityChannel = (typeof IDENTITY_CHANNELS)[number];

/** How a message from any channel finds its lead; the unique index keeps one live lead per address. */
@Entity('lead_identities')
@Check('ck_lead_identities_channel', `"channel" IN ('phone', 'email', 'whatsapp', 'telegram')`)
@Index('ix_lead_identities_lead', ['tenantId', 'leadId'])
export class LeadIdentityEntity {
  /**
   * The key is the address itself (one live lead per address): no surrogate id to index on every insert. The
   * tenant has no key of its own: the lead's key holds it (a tenant's deletion reaches identities through its
   * leads), so an import's insert checks one key per row, not two.
   */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_lead_identities' }) tenantId!: string;
  @Column({ type: 'uuid' }) leadId!: string;
  @ManyToOne(() => LeadEntity, { onDelete: 'CASCADE' })
  @JoinColumn(leadReference('fk_lead_identities_lead'))
  lead?: LeadEntity;
  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'pk_lead_identities' })
  channel!: IdentityChannel;
  /** E.164 for phone channels, lower-cased for email. */
  @PrimaryColumn({ type: 'varchar', length: 320, primaryKeyConstraintName: 'pk_lead_identities' })
  address!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
