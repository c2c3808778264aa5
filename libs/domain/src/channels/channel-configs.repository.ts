import { assertTenantId, Channel, ChannelProvider, fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A channel_configs row as stored, sealed credentials included (the entity never selects them). */
export interface ChannelConfigRow {
  id: string;
  tenant_id: string;
  channel: Channel;
  provider: ChannelProvider;
  credentials_sealed: string | null;
  settings: Record<string, unknown>;
  webhook_key: string;
  /** One more with every change of the row (under its lock, so never the same twice): what a cache keys on. */
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface ChannelConfigWrite {
  provider: ChannelProvider;
  credentialsSealed: string | null;
  settings: Record<string, unknown>;
}

const COLUMNS =
  'id, tenant_id, channel, provider, credentials_sealed, settings, webhook_key, version, created_at, updated_at';

/** channel_configs: one row per tenant and channel; the webhook key is unique on the platform. */
@Injectable()
export class ChannelConfigsRepository {
  /** Prepared statements on the pool, for the reads every send and every webhook makes. */
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sql = fastSql(db);
  }

  /** `forUpdate`: locked for the caller's transaction (an edit composed from what it reads). */
  async find(
    tenantId: string,
    channel: Channel,
    runner: SqlRunner = this.sql,
    forUpdate = false,
  ): Promise<ChannelConfigRow | null> {
    const rows = await tenantQuery<ChannelConfigRow>(
      runner,
      tenantId,
      `SELECT ${COLUMNS} FROM channel_configs WHERE tenant_id = $1 AND channel = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [channel],
    );
    return rows[0] ?? null;
  }

  /** The tenant's configured channels (for system/status). */
  list(tenantId: string): Promise<ChannelConfigRow[]> {
    return tenantQuery<ChannelConfigRow>(
      this.db,
      tenantId,
      `SELECT ${COLUMNS} FROM channel_configs WHERE tenant_id = $1 ORDER BY channel`,
    );
  }

  /**
   * When the channel's provider last reached us for the tenant (seed 003's lastSync): the latest message a lead sent
   * on it, or for voice the end (else answer) of the latest call the provider reported. Both walk a tenant-led index
   * from the newest row. A conversation's last message is never older than its last inbound one, so the latest
   * inbound is among the conversations active since the first inbound that walk finds: a second read, given that
   * time, takes only those through the same index.
   */
  async lastSync(tenantId: string, channel: Channel): Promise<Date | null> {
    if (channel === 'voice') {
      const [call] = await tenantQuery<{ at: Date }>(
        this.sql,
        tenantId,
        `SELECT COALESCE(end_time, answer_time) AS at FROM calls
          WHERE tenant_id = $1 AND call_sid IS NOT NULL AND COALESCE(end_time, answer_time) IS NOT NULL
          ORDER BY created_at DESC LIMIT 1`,
      );
      return call?.at ?? null;
    }
    const [newest] = await tenantQuery<{ at: Date }>(
      this.sql,
      tenantId,
      `SELECT last_inbound_at AS at FROM conversations
        WHERE tenant_id = $1 AND channel = $2 AND last_inbound_at IS NOT NULL AND last_message_at IS NOT NULL
        ORDER BY last_message_at DESC LIMIT 1`,
      [channel],
    );
    if (!newest) return null;
    const [latest] = await tenantQuery<{ at: Date }>(
      this.sql,
      tenantId,
      `SELECT max(last_inbound_at) AS at FROM conversations
        WHERE tenant_id = $1 AND channel = $2 AND last_message_at >= $3`,
      [channel, newest.at],
    );
    return latest?.at ?? newest.at;
  }

  /** Adds the row unless the tenant already has one for the channel (then it is left as it is). */
  async insertIfMissing(
    tenantId: string,
    channel: Channel,
    write: ChannelConfigWrite,
    webhookKey: string,
  ): Promise<void> {
    assertTenantId(tenantId);
    await this.db.query(
      `INSERT INTO channel_configs (tenant_id, channel, provider, credentials_sealed, settings, webhook_key)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [tenantId, channel, write.provider, write.credentialsSealed, write.settings, webhookKey],
    );
  }

  async update(
    runner: SqlRunner,
    tenantId: string,
    channel: Channel,
    write: ChannelConfigWrite,
  ): Promise<ChannelConfigRow | null> {
    const rows = await tenantQuery<ChannelConfigRow>(
      runner,
      tenantId,
      `UPDATE channel_configs SET provider = $3, credentials_sealed = $4, settings = $5, version = version + 1,
         updated_at = now()
       WHERE tenant_id = $1 AND channel = $2 RETURNING ${COLUMNS}`,
      [channel, write.provider, write.credentialsSealed, write.settings],
    );
    return rows[0] ?? null;
  }

  /**
   * The row a webhook's routing key names, on the whole platform: the one read a provider webhook makes before it
   * knows its tenant (DESIGN §3), by a random key that only that tenant's provider was given.
   */
  async findByWebhookKey(webhookKey: string): Promise<ChannelConfigRow | null> {
    const rows = (await this.sql.query(`SELECT ${COLUMNS} FROM channel_configs WHERE webhook_key = $1`, [
      webhookKey,
    ])) as ChannelConfigRow[];
    return rows[0] ?? null;
  }
}
