import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

/**
 * What an achievement counts, each from rows the product records per user: their leads (owner) qualified, messages
 * they sent (the provider took them), their replies to a lead who wrote first, the campaigns they created that
 * went live, the calls connected to their agent.
 */
export const ACHIEVEMENT_METRICS = [
  'leads_qualified',
  'messages_sent',
  'inbox_replies',
  'campaigns_launched',
  'calls_connected',
] as const;
export type AchievementMetric = (typeof ACHIEVEMENT_METRICS)[number];
export const ACHIEVEMENT_RARITIES = ['common', 'uncommon', 'rare', 'epic', 'legendary'] as const;
export type AchievementRarity = (typeof ACHIEVEMENT_RARITIES)[number];

/** The platform's fixed catalogue (seed 004's achievements), written by migration 1769020000000, the same for every tenant. */
@Entity('achievements')
@Check('ck_achievements_target', `"target" > 0`)
@Check('ck_achievements_points', `"points" >= 0`)
@Check('ck_achievements_rarity', `"rarity" IN ('common', 'uncommon', 'rare', 'epic', 'legendary')`)
@Check(
  'ck_achievements_metric',
  `"metric" IN ('leads_qualified', 'messages_sent', 'inbox_replies', 'campaigns_launched', 'calls_connected')`,
)
@Index('uq_achievements_key', ['key'], { unique: true })
export class AchievementEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_achievements' }) id!: string;
  /** Stable name (`first_qualified_lead`). */
  @Column({ type: 'varchar', length: 64 }) key!: string;
  @Column({ type: 'varchar', length: 100 }) title!: string;
  @Column({ type: 'varchar', length: 300 }) description!: string;
  @Column({ type: 'varchar', length: 32 }) category!: string;
  @Column({ type: 'varchar', length: 16 }) rarity!: AchievementRarity;
  @Column({ type: 'integer' }) points!: number;
  @Column({ type: 'varchar', length: 32 }) metric!: AchievementMetric;
  /** The count of `metric` that unlocks it. */
  @Column({ type: 'integer' }) target!: number;
  /** The catalogue's order. */
  @Column({ type: 'smallint' }) position!: number;
}

/** A user's unlocked achievement: once per user and achievement (the unique key), never taken back. */
@Entity('user_achievements')
@Index('uq_user_achievements_user', ['tenantId', 'userId', 'achievementId'], { unique: true })
export class UserAchievementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_user_achievements' }) id!: string;
  @Column({ type: 'uuid' }) tenantId!: string;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_user_achievements_tenant' })
  tenant?: TenantEntity;
  @Column({ type: 'uuid' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_achievements_user' })
  user?: UserEntity;
  @Column({ type: 'uuid' }) achievementId!: string;
  @ManyToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id', foreignKeyConstraintName: 'fk_user_achievements_achievement' })
  achievement?: AchievementEntity;
  @Column({ type: 'timestamptz' }) unlockedAt!: Date;
}
