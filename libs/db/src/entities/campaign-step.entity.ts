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
import { CampaignEntity } from './campaign.entity';
import { TenantEntity } from './tenant.entity';

export const STEP_TYPES = ['WHATSAPP', 'SMS', 'EMAIL', 'CALL', 'DELAY', 'AI_MESSAGE'] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** One step of a campaign, at its 0-based `position`. A DELAY step waits `delay_minutes`. */
@Entity('campaign_steps')
@Check('ck_campaign_steps_type', `"type" IN ('WHATSAPP', 'SMS', 'EMAIL', 'CALL', 'DELAY', 'AI_MESSAGE')`)
@Index('uq_campaign_steps_position', ['tenantId', 'campaignId', 'position'], { unique: true })
export class CampaignStepEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaign_steps' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_campaign_steps_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid' }) campaignId!: string;
  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_campaign_steps_campaign' })
  campaign?: CampaignEntity;
  @Column({ type: 'smallint' }) position!: number;
  @Column({ type: 'varchar', length: 16 }) type!: StepType;
  /** The message template (`{{first_name|there}}`), or for a CALL step its script / message. */
  @Column({ type: 'text', nullable: true }) content!: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) subject!: string | null;
  /** WhatsApp: an approved template, the only kind allowed outside the 24-hour window (DESIGN §7.4). */
  @Column({ type: 'varchar', length: 200, nullable: true }) templateName!: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) templateLanguage!: string | null;
  @Column({ type: 'integer', nullable: true }) delayMinutes!: number | null;
  /** Channel options: `call_mode` (connect_agent | play_message), template variables... */
  @Column({ type: 'jsonb', default: () => "'{}'" }) options!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
