import { AppError } from '@app/common';
import { tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementProgress, AchievementRow } from './achievement-progress.service';

/** Seed 004's answer: every achievement with the user's progress, and their totals. */
export interface AchievementsStanding {
  achievements: AchievementRow[];
  total_unlocked: number;
  total_available: number;
  points: number;
}

/** A user's achievements: the caller's own, or (admins and managers) another user's of their tenant. */
@Injectable()
export class AchievementsService {
  constructor(
    private readonly progress: AchievementProgress,
    private readonly db: DataSource,
  ) {}

  async standing(auth: AuthContext, userId?: string): Promise<AchievementsStanding> {
    const subject = await this.subjectOf(auth, userId);
    const achievements = await this.progress.standing(auth.tenantId, subject);
    const unlocked = achievements.filter((a) => a.unlocked_at);
    return {
      achievements,
      total_unlocked: unlocked.length,
      total_available: achievements.length,
      points: unlocked.reduce((sum, a) => sum + a.points, 0),
    };
  }

  private async subjectOf(auth: AuthContext, userId: string | undefined): Promise<string> {
    if (!userId || userId === auth.userId) {
      if (!auth.userId)
        throw AppError.forbidden(
          'Achievements belong to a user: an API key has none (name one with user_id)',
        );
      return auth.userId;
    }
    if (auth.role === 'agent') throw AppError.forbidden("Another user's achievements need the manager role");
    const [user] = await tenantQuery(
      this.db,
      auth.tenantId,
      'SELECT id FROM users WHERE tenant_id = $1 AND id = $2',
      [userId],
    );
    if (!user) throw AppError.notFound('User');
    return userId;
  }
}
