import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmailTracking } from './email-tracking';

/**
 * Records opens (the pixel) and clicks (tracked links) of outbound email. The HMAC is checked before anything is
 * read; then the message's tenant is read by its id (a routing read, like a webhook's key) and the row updated.
 */
@Injectable()
export class EmailOpensService {
  readonly tracking: EmailTracking;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.tracking = new EmailTracking(config.encryptionKey, config.publicBaseUrl);
  }

  /** Whether the open was genuine (and so recorded). */
  async opened(messageId: string, token: unknown): Promise<boolean> {
    if (!this.tracking.verify(messageId, token)) return false;
    return this.record(messageId, false);
  }

  /**
   * The link to send the reader on to, when the click is genuine; a click counts as an open too. `record` false
   * (a HEAD: a link checker's probe, nobody reading) answers the same and records nothing.
   */
  async clicked(messageId: string, url: unknown, token: unknown, record = true): Promise<string | null> {
    // Only a link a browser can be sent to (an email sent before links were checked may hold one it cannot).
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return null;
    if (!this.tracking.verify(messageId, token, url)) return null;
    if (record) await this.record(messageId, true);
    return url;
  }

  private async record(messageId: string, click: boolean): Promise<boolean> {
    const [route] = (await this.db.query(
      `SELECT tenant_id FROM messages WHERE id = $1 AND direction = 'outbound' AND channel = 'email'`,
      [messageId],
    )) as { tenant_id: string }[];
    if (!route) return false;
    const now = this.clock.now();
    await tenantQuery(
      this.db,
      route.tenant_id,
      `UPDATE messages
          SET opened_at = COALESCE(opened_at, $3), open_count = open_count + CASE WHEN $4 THEN 0 ELSE 1 END,
              clicked_at = CASE WHEN $4 THEN COALESCE(clicked_at, $3) ELSE clicked_at END,
              click_count = click_count + CASE WHEN $4 THEN 1 ELSE 0 END
        WHERE tenant_id = $1 AND id = $2`,
      [messageId, now, click],
    );
    return true;
  }
}
