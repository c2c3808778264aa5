import { AppError, Clock, Page, PageWindow } from '@app/common';
import { NotificationEntity, NotificationType, tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { NotificationsRepository } from './notifications.repository';

export type NotificationStatusFilter = 'unread' | 'read' | 'all';

export interface NotificationFilter {
  status?: NotificationStatusFilter;
  type?: NotificationType;
}

/** The caller's own notifications: nobody, not even an admin, reads or marks another user's. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A page of the caller's notifications, newest first (of one instant, the last written first), with `unread_count`: their unread ones, whatever the filter. */
  async list(
    auth: AuthContext,
    filter: NotificationFilter,
    window: PageWindow,
  ): Promise<Page<NotificationEntity>> {
    const userId = ownerOf(auth);
    const status = filter.status ?? 'all';
    const [[rows, total], unread] = await Promise.all([
      this.notifications.findPage(
        auth.tenantId,
        window,
        {
          userId,
          ...(filter.type ? { type: filter.type } : {}),
          ...(status === 'all' ? {} : { readAt: status === 'unread' ? IsNull() : Not(IsNull()) }),
        },
        { createdAt: 'DESC', seq: 'DESC' },
      ),
      this.unreadCount(auth.tenantId, userId),
    ]);
    return new Page(rows, total, window.limit, window.offset, { unread_count: unread });
  }

  /** Marks one of the caller's notifications read; one read already keeps its first read time. */
  async markRead(auth: AuthContext, id: string): Promise<NotificationEntity> {
    const userId = ownerOf(auth);
    const [row] = await tenantQuery<Record<string, unknown>>(
      this.db,
      auth.tenantId,
      `UPDATE notifications SET read_at = coalesce(read_at, $4)
        WHERE tenant_id = $1 AND id = $2 AND user_id = $3
        RETURNING ${this.notifications.rowColumns}`,
      [id, userId, this.clock.now()],
    );
    if (!row) throw AppError.notFound('Notification');
    return this.notifications.fromRow(row);
  }

  /** Marks every unread notification of the caller read: answers how many it marked. */
  async markAllRead(auth: AuthContext): Promise<number> {
    const userId = ownerOf(auth);
    const [row] = await tenantQuery<{ n: number }>(
      this.db,
      auth.tenantId,
      `WITH marked AS (
         UPDATE notifications SET read_at = $3
          WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL
          RETURNING id)
       SELECT count(*)::int AS n FROM marked`,
      [userId, this.clock.now()],
    );
    return row.n;
  }

  private async unreadCount(tenantId: string, userId: string): Promise<number> {
    const [row] = await tenantQuery<{ n: number }>(
      this.db,
      tenantId,
      `SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL`,
      [userId],
    );
    return row.n;
  }
}

/** Notifications are a user's: an API key has none of its own, and is refused rather than shown someone's. */
function ownerOf(auth: AuthContext): string {
  if (!auth.userId) throw AppError.forbidden('Notifications belong to a user: an API key has none');
  return auth.userId;
}
