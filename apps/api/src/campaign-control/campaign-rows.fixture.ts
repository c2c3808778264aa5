import type { CampaignStatus, EnrollmentStatus, StepType } from '@app/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface StepRow {
  type: StepType;
  content?: string;
  delay_minutes?: number;
  options?: Record<string, unknown>;
}

export interface EnrollmentFields {
  status?: EnrollmentStatus;
  current_step?: number;
  next_action_at?: Date | null;
  ai_paused?: boolean;
}

export interface MessageFields {
  lead: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  sender: 'lead' | 'agent' | 'ai' | 'system';
  content: string;
  at: Date;
  campaign_id?: string | null;
  step_id?: string | null;
}

/**
 * Campaigns, steps, enrollments, conversations and messages written straight into Postgres: human control is
 * tested without the campaign CRUD API or the scheduler.
 */
export class CampaignRows {
  constructor(
    private readonly db: DataSource,
    private readonly tenantId: string,
  ) {}

  async campaign(
    status: CampaignStatus,
    steps: StepRow[],
    archived = false,
  ): Promise<{ id: string; steps: string[] }> {
    const [row] = await this.db.query(
      `INSERT INTO campaigns (tenant_id, name, status, archived_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [this.tenantId, `Campaign ${randomUUID().slice(0, 8)}`, status, archived ? new Date() : null],
    );
    const ids: string[] = [];
    for (const [position, step] of steps.entries()) {
      const [s] = await this.db.query(
        `INSERT INTO campaign_steps (tenant_id, campaign_id, position, type, content, delay_minutes, options)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          this.tenantId,
          row.id,
          position,
          step.type,
          step.content ?? (step.type === 'DELAY' ? null : 'Hi {{first_name|there}}'),
          step.delay_minutes ?? (step.type === 'DELAY' ? 1440 : null),
          step.options ?? {},
        ],
      );
      ids.push(s.id as string);
    }
    return { id: row.id as string, steps: ids };
  }

  async enroll(campaignId: string, leadId: string, fields: EnrollmentFields = {}): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status, current_step, next_action_at, ai_paused)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        this.tenantId,
        campaignId,
        leadId,
        fields.status ?? 'waiting',
        fields.current_step ?? 0,
        fields.next_action_at ?? null,
        fields.ai_paused ?? false,
      ],
    );
    return row.id as string;
  }

  /** The lead's conversation on the channel (made when missing). */
  async conversation(
    leadId: string,
    channel: string,
    fields: { assigned?: string | null; ai_mode?: 'auto' | 'human' } = {},
  ): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, assigned_user_id, ai_mode, last_message_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (tenant_id, lead_id, channel)
         DO UPDATE SET assigned_user_id = COALESCE(EXCLUDED.assigned_user_id, conversations.assigned_user_id)
       RETURNING id`,
      [this.tenantId, leadId, channel, fields.assigned ?? null, fields.ai_mode ?? 'auto'],
    );
    return row.id as string;
  }

  async message(m: MessageFields): Promise<string> {
    const conversation = await this.conversation(m.lead, m.channel);
    const [row] = await this.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel, sender,
         content, provider, status, idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'simulator', $10, $11, $12, $12) RETURNING id`,
      [
        this.tenantId,
        conversation,
        m.lead,
        m.campaign_id ?? null,
        m.step_id ?? null,
        m.direction,
        m.channel,
        m.sender,
        m.content,
        m.direction === 'inbound' ? 'received' : 'delivered',
        `fixture:${randomUUID()}`,
        m.at,
      ],
    );
    return row.id as string;
  }

  async enrollment(id: string): Promise<Record<string, unknown>> {
    const [row] = await this.db.query('SELECT * FROM campaign_enrollments WHERE id = $1', [id]);
    return row as Record<string, unknown>;
  }

  async aiModes(leadId: string): Promise<Record<string, string>> {
    const rows: { channel: string; ai_mode: string }[] = await this.db.query(
      'SELECT channel, ai_mode FROM conversations WHERE tenant_id = $1 AND lead_id = $2',
      [this.tenantId, leadId],
    );
    return Object.fromEntries(rows.map((r) => [r.channel, r.ai_mode]));
  }
}
