import type { PageWindow } from '@app/common';
import {
  fastSql,
  NotificationEntity,
  NotificationType,
  SqlRunner,
  TenantRepository,
  tenantQuery,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

export type NotificationStatusFilter = 'unread' | 'read' | 'all';

export interface NotificationFilter {
  status?: NotificationStatusFilter;
  type?: NotificationType;
}

/** A page of a user's notifications with the two figures the list shows, all as of one instant. */
export interface NotificationPage {
  rows: NotificationEntity[];
  total: number;
  unread: number;
}

const STATUS_SQL: Record<NotificationStatusFilter, string> = {
  all: '',
  unread: ' AND read_at IS NULL',
  read: ' AND read_at IS NOT NULL',
};

@Injectable()
export class NotificationsRepository extends TenantRepository<NotificationEntity> {
  private sql?: SqlRunner;

  constructor(@InjectRepository(NotificationEntity) repo: Repository<NotificationEntity>) {
    super(repo);
  }

  /**
   * A page of the user's notifications, newest first (of one instant, the last written first), with how many the
   * filter matches and how many of theirs are unread, in one statement: one snapshot, so the badge and the page
   * never disagree (a notification written between two reads was counted by one and not the other). An empty
   * page (an offset past the end) still answers both figures, on a row with no notification in it.
   */
  async page(
    tenantId: string,
    userId: string,
    filter: NotificationFilter,
    window: PageWindow,
  ): Promise<NotificationPage> {
    const matching =
      `tenant_id = $1 AND user_id = $2${STATUS_SQL[filter.status ?? 'all']}` +
      (filter.type ? ' AND type = $5' : '');
    const rows = await tenantQuery<Record<string, unknown> & { total: number; unread: number }>(
      (this.sql ??= fastSql(this.repo.manager.connection)),
      tenantId,
      `SELECT f.total, f.unread, p.*
         FROM (SELECT (SELECT count(*) FROM notifications WHERE ${matching})::int AS total,
                      (SELECT count(*) FROM notifications
                        WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL)::int AS unread) f
         LEFT JOIN LATERAL (
           SELECT ${this.rowColumns} FROM notifications WHERE ${matching}
            ORDER BY created_at DESC, seq DESC LIMIT $3 OFFSET $4) p ON true`,
      [userId, window.limit, window.offset, ...(filter.type ? [filter.type] : [])],
    );
    return {
      rows: rows.filter((r) => r.id !== null).map((r) => this.fromRow(r)),
      total: rows[0].total,
      unread: rows[0].unread,
    };
  }
}
