import type { NotificationContent } from '../notifications/notification-writer';
import type { AchievementRow } from './achievement-progress.service';

/** The user unlocked an achievement (type system): what it is and what it earned. */
export function achievementNotification(a: AchievementRow): NotificationContent {
  return {
    type: 'system',
    title: `Achievement unlocked: ${a.title}`,
    message: `${a.description} (+${a.points} points)`,
    data: {
      achievement_id: a.id,
      key: a.key,
      category: a.category,
      rarity: a.rarity,
      points: a.points,
    },
  };
}
