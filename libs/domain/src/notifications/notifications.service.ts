import { AppError, Clock, Page, PageWindow } from '@app/common';
import { NotificationEntity, tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationFilter, NotificationsRepository } from './notifications.repository';

/** The caller's own notifications: nobody, not even an admin, reads or marks another user's. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A page of the caller's notifications, newest first, with `unread_count`: their unread ones, whatever the filter. */
  async list(
    auth: AuthContext,
    filter: NotificationFilter,
    window: PageWindow,
  ): Promise<Page<NotificationEntity>> {
    const { rows, total, unread } = await this.notifications.page(
      auth.tenantId,
      ownerOf(auth),
      filter,
      window,
    );
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

  /**
   * Marks the caller's unread notifications read: answers how many it marked. With `upTo` (one of their
   * notifications, the newest their page showed) only those listed at or after it that were also written before it
   * (`seq`, the insertion order, at or below its own): one that arrived after the page was loaded stays unread, even
   * when its time is earlier (a job that took its time before writing it, a transaction that committed late); one
   * not theirs is a 404 and marks nothing.
   */
  async markAllRead(auth: AuthContext, upTo?: string): Promise<number> {
    const userId = ownerOf(auth);
    const now = this.clock.now();
    if (!upTo) {
      const [row] = await tenantQuery<{ n: number }>(
        this.db,
        auth.tenantId,
        `WITH marked AS (
           UPDATE notifications SET read_at = $3
            WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL
            RETURNING id)
         SELECT count(*)::int AS n FROM marked`,
        [userId, now],
      );
      return row.n;
    }
    const [row] = await tenantQuery<{ found: boolean; n: number }>(
      this.db,
      auth.tenantId,
      `WITH seen AS (
         SELECT created_at, seq FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND id = $4),
       marked AS (
         UPDATE notifications n SET read_at = $3 FROM seen
          WHERE n.tenant_id = $1 AND n.user_id = $2 AND n.read_at IS NULL
            AND (n.created_at, n.seq) <= (seen.created_at, seen.seq) AND n.seq <= seen.seq
          RETURNING n.id)
       SELECT EXISTS (SELECT 1 FROM seen) AS found, (SELECT count(*) FROM marked)::int AS n`,
      [userId, now, upTo],
    );
    if (!row.found) throw AppError.notFound('Notification');
    return row.n;
  }
}

/** Notifications are a user's: an API key has none of its own, and is refused rather than shown someone's. */
function ownerOf(auth: AuthContext): string {
  if (!auth.userId) throw AppError.forbidden('Notifications belong to a user: an API key has none');
  return auth.userId;
}
