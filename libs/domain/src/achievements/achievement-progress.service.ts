import { Clock } from '@app/common';
import { AchievementMetric, AchievementRarity, NotificationEntity, tenantQuery } from '@app/db';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationWriter } from '../notifications/notification-writer';
import { achievementNotification } from './achievement-notification';
import { countMetrics } from './achievement-metrics';

/** One achievement of the catalogue as it stands for a user. */
export interface AchievementRow {
  id: string;
  key: string;
  title: string;
  description: string;
  category: string;
  rarity: AchievementRarity;
  points: number;
  metric: AchievementMetric;
  target: number;
  unlocked_at: Date | null;
  /** The user's count, up to the target; an unlocked achievement's is its target. */
  current: number;
}

/**
 * A user's achievements, worked out from the rows they count (never a counter kept beside them, so a retried job
 * or a repeated request cannot count twice). Each change that may move a metric of a user asks `changed` once it
 * commits: whatever achievement the user reached is unlocked, once (the unique key on user and achievement: of two
 * concurrent checks one inserts, the other finds it there), with a notification to them written in the same
 * transaction and raised live after it. A check run after its change's commit sees every change committed before,
 * so the last of concurrent changes unlocks; a check lost to a crash is caught up by the user's next change or
 * their next read of their achievements (`standing` unlocks first too).
 */
@Injectable()
export class AchievementProgress {
  private readonly logger = new Logger(AchievementProgress.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {}

  /** After a change that may have moved these metrics of the user's. Never throws: the change is committed. */
  async changed(
    tenantId: string,
    userId: string | null | undefined,
    metrics: readonly AchievementMetric[],
  ): Promise<void> {
    if (!userId) return;
    try {
      await this.evaluate(tenantId, userId, metrics);
    } catch (err) {
      this.logger.warn(
        { err, tenant_id: tenantId, user_id: userId, metrics },
        'Achievements not checked: caught up by the next change or read',
      );
    }
  }

  /** A call was connected to the agent: their user's achievements count it. Never throws. */
  async agentConnected(tenantId: string, agentId: string | null): Promise<void> {
    if (!agentId) return;
    try {
      const [agent] = await tenantQuery<{ user_id: string | null }>(
        this.db,
        tenantId,
        'SELECT user_id FROM agents WHERE tenant_id = $1 AND id = $2',
        [agentId],
      );
      await this.changed(tenantId, agent?.user_id, ['calls_connected']);
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, agent_id: agentId }, 'Achievements not checked');
    }
  }

  /** Every achievement of the catalogue for the user, in order, with what they reached unlocked first. */
  standing(tenantId: string, userId: string): Promise<AchievementRow[]> {
    return this.evaluate(tenantId, userId, null);
  }

  /** `metrics`: those to count (null: all); the others' locked achievements show no progress counted. */
  private async evaluate(
    tenantId: string,
    userId: string,
    metrics: readonly AchievementMetric[] | null,
  ): Promise<AchievementRow[]> {
    const rows = await this.catalogue(tenantId, userId);
    const locked = rows.filter((a) => !a.unlocked_at && (!metrics || metrics.includes(a.metric)));
    if (!locked.length) return rows;
    const caps = new Map<AchievementMetric, number>();
    for (const a of locked) caps.set(a.metric, Math.max(caps.get(a.metric) ?? 0, a.target));
    const counts = await countMetrics(this.db, tenantId, userId, caps);
    for (const a of locked) a.current = Math.min(counts.get(a.metric) ?? 0, a.target);
    const reached = locked.filter((a) => a.current >= a.target);
    if (!reached.length) return rows;
    const now = this.clock.now();
    const told = await this.db.transaction(async (tx) => {
      const inserted = await tenantQuery<{ achievement_id: string }>(
        tx,
        tenantId,
        `INSERT INTO user_achievements (tenant_id, user_id, achievement_id, unlocked_at)
         SELECT $1, u.id, a.id, $4 FROM users u, unnest($3::uuid[]) a(id) WHERE u.tenant_id = $1 AND u.id = $2
         ON CONFLICT (tenant_id, user_id, achievement_id) DO NOTHING
         RETURNING achievement_id`,
        [userId, reached.map((a) => a.id), now],
      );
      const created: NotificationEntity[] = [];
      for (const { achievement_id } of inserted) {
        const a = reached.find((r) => r.id === achievement_id)!;
        created.push(
          ...(await this.notifications.create(tx, tenantId, [userId], achievementNotification(a), now)),
        );
      }
      return created;
    });
    this.notifications.announce(told);
    // Unlocked now, or by a concurrent check a moment before: as the table holds them.
    const stored = new Map((await this.catalogue(tenantId, userId)).map((a) => [a.id, a.unlocked_at]));
    for (const a of reached) a.unlocked_at = stored.get(a.id) ?? null;
    return rows;
  }

  /** The catalogue in order, with the user's unlocks. */
  private async catalogue(tenantId: string, userId: string): Promise<AchievementRow[]> {
    const rows = await tenantQuery<Omit<AchievementRow, 'current'>>(
      this.db,
      tenantId,
      `SELECT a.id, a.key, a.title, a.description, a.category, a.rarity, a.points, a.metric, a.target, ua.unlocked_at
         FROM achievements a
         LEFT JOIN user_achievements ua ON ua.tenant_id = $1 AND ua.user_id = $2 AND ua.achievement_id = a.id
        ORDER BY a.position`,
      [userId],
    );
    return rows.map((r) => ({ ...r, current: r.unlocked_at ? r.target : 0 }));
  }
}
