import { NotificationEntity, NotificationType, SqlRunner, tenantQuery } from '@app/db';
import { LiveEvents, NotificationEvent } from '@app/events';
import { Injectable } from '@nestjs/common';
import { IntegrationEvents } from '../integrations/integration-events';
import { NotificationsRepository } from './notifications.repository';

/** What a notification says: the same for each of its recipients. */
export interface NotificationContent {
  type: NotificationType;
  title: string;
  message: string;
  data: Record<string, unknown>;
  /** The lead it is about: its erasure scrubs the names the notification holds. */
  leadId?: string | null;
}

/** The live event of a notification as it stands (seed 004's item). */
export function notificationEvent(n: NotificationEntity): NotificationEvent {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    message: n.message,
    data: n.data,
    status: n.readAt ? 'read' : 'unread',
    created_at: n.createdAt.toISOString(),
  };
}

/**
 * Writes notifications inside the transaction of the change they tell of (so a rolled-back change leaves none,
 * and a retried job that finds its change committed writes none again), then, once that commits, raises each as
 * the `notification` live event to its user's own sockets (through Redis: any API process's clients hear it),
 * and hands it to the tenant's integrations (a qualified lead, an import finished: Slack...).
 */
@Injectable()
export class NotificationWriter {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly live: LiveEvents,
    private readonly integrations: IntegrationEvents,
  ) {}

  async create(
    tx: SqlRunner,
    tenantId: string,
    userIds: readonly string[],
    content: NotificationContent,
    now: Date,
  ): Promise<NotificationEntity[]> {
    const users = [...new Set(userIds)];
    if (!users.length) return [];
    const rows = await tenantQuery<Record<string, unknown>>(
      tx,
      tenantId,
      `INSERT INTO notifications (tenant_id, user_id, type, title, message, data, lead_id, created_at)
       SELECT $1, u.id, $3, $4, $5, $6::jsonb, $7, $8
         FROM users u WHERE u.tenant_id = $1 AND u.id = ANY($2::uuid[])
       RETURNING ${this.notifications.rowColumns}`,
      [
        users,
        content.type,
        content.title.slice(0, 200),
        content.message,
        JSON.stringify(content.data),
        content.leadId ?? null,
        now,
      ],
    );
    return rows.map((row) => this.notifications.fromRow(row));
  }

  /** The tenant's active admins and managers: who hears of what concerns no one in particular. */
  async staff(tx: SqlRunner, tenantId: string): Promise<string[]> {
    const rows = await tenantQuery<{ id: string }>(
      tx,
      tenantId,
      `SELECT id FROM users WHERE tenant_id = $1 AND is_active AND role IN ('admin', 'manager') ORDER BY id`,
      [],
    );
    return rows.map((r) => r.id);
  }

  /** After the commit: each notification to its user's sockets, and the events they tell of to integrations. */
  announce(created: readonly NotificationEntity[]): void {
    for (const n of created) this.live.toUser(n.userId, 'notification', notificationEvent(n));
    // Never rejects (an event it cannot queue is logged), and not waited for: the notification is told either way.
    if (created.length) void this.integrations.notified(created);
  }
}
