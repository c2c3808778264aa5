import type { DataSource } from 'typeorm';
import { zoneInDaytime } from './daytime-zone';

export interface CampaignRowStep {
  type: 'WHATSAPP' | 'SMS' | 'EMAIL' | 'CALL' | 'DELAY' | 'AI_MESSAGE';
  content?: string;
  delay_minutes?: number;
  template_name?: string;
  options?: Record<string, unknown>;
}

/**
 * A campaign with its steps and enrollments written straight into Postgres, for tests of what runs it (the
 * scheduler) apart from the API that builds it. Enrollments are `pending`, due at `due` (null: not yet).
 */
export async function insertCampaignRows(
  db: DataSource,
  tenantId: string,
  options: {
    steps: CampaignRowStep[];
    leadIds: string[];
    status?: string;
    due?: Date | null;
    callingHours?: [string, string];
    followUpIntervalDays?: number;
    retryPolicy?: Record<string, unknown>;
  },
): Promise<{ id: string; stepIds: string[] }> {
  const [campaign] = (await db.query(
    `INSERT INTO campaigns (tenant_id, name, status, calling_hours_start, calling_hours_end,
       follow_up_interval_days, retry_policy, total_leads, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING id`,
    [
      tenantId,
      `Campaign ${Math.random().toString(36).slice(2, 8)}`,
      options.status ?? 'active',
      options.callingHours?.[0] ?? null,
      options.callingHours?.[1] ?? null,
      options.followUpIntervalDays ?? null,
      JSON.stringify(options.retryPolicy ?? {}),
      options.leadIds.length,
    ],
  )) as { id: string }[];
  const stepIds: string[] = [];
  for (const [position, step] of options.steps.entries()) {
    const [row] = (await db.query(
      `INSERT INTO campaign_steps (tenant_id, campaign_id, position, type, content, delay_minutes, template_name,
         options)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        tenantId,
        campaign.id,
        position,
        step.type,
        step.content ?? null,
        step.delay_minutes ?? null,
        step.template_name ?? null,
        JSON.stringify(step.options ?? {}),
      ],
    )) as { id: string }[];
    stepIds.push(row.id);
  }
  await db.query(
    `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, next_action_at)
     SELECT $1, $2, unnest($3::uuid[]), $4`,
    [tenantId, campaign.id, options.leadIds, options.due === undefined ? new Date(0) : options.due],
  );
  return { id: campaign.id, stepIds };
}

/**
 * A one-SMS campaign (`insertCampaignRows` options) whose lead's sequence is past its step (the enrollment
 * completed), with the step's message written straight into Postgres in `status`: a send as the sender, its
 * callbacks or the campaign's end find it.
 */
export async function insertCampaignStepMessage(
  db: DataSource,
  tenantId: string,
  options: {
    leadId: string;
    status: string;
    content: string | null;
    providerMessageId?: string | null;
    createdAt?: Date;
    campaign?: { status?: string; retryPolicy?: Record<string, unknown> };
  },
): Promise<{ campaignId: string; enrollmentId: string; messageId: string; key: string }> {
  const campaign = await insertCampaignRows(db, tenantId, {
    leadIds: [options.leadId],
    steps: [{ type: 'SMS', content: 'Hello' }],
    ...options.campaign,
  });
  const [[enrollment]] = (await db.query(
    `UPDATE campaign_enrollments SET current_step = 1, status = 'completed', completed_at = now(), next_action_at = NULL
      WHERE campaign_id = $1 RETURNING id`,
    [campaign.id],
  )) as { id: string }[][];
  const [conversation] = (await db.query(
    `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
    [tenantId, options.leadId],
  )) as { id: string }[];
  const key = `campaign:${enrollment.id}:0:1`;
  const [message] = (await db.query(
    `INSERT INTO messages (tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel, sender,
       provider, status, idempotency_key, content, provider_message_id, created_at)
     VALUES ($1, $2, $3, $4, $5, 'outbound', 'sms', 'system', 'simulator', $6, $7, $8, $9, coalesce($10, now()))
     RETURNING id`,
    [
      tenantId,
      conversation.id,
      options.leadId,
      campaign.id,
      campaign.stepIds[0],
      options.status,
      key,
      options.content,
      options.providerMessageId ?? null,
      options.createdAt ?? null,
    ],
  )) as { id: string }[];
  return { campaignId: campaign.id, enrollmentId: enrollment.id, messageId: message.id, key };
}

/**
 * A voice broadcast written straight into Postgres: one CALL step that plays a message, to one new lead at `phone`
 * in a zone where it is daytime. `atCallStep`: its enrollment already at the step (the dialer's pool); else still
 * waiting, so a pacing round finds nothing to dial. Its campaign's id.
 */
export async function insertBroadcastRows(
  db: DataSource,
  tenantId: string,
  phone: string,
  { atCallStep = true }: { atCallStep?: boolean } = {},
): Promise<string> {
  const [lead] = (await db.query(
    `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezone)
     VALUES ($1, 'Bo', $2, $2, $3) RETURNING id`,
    [tenantId, phone, zoneInDaytime()],
  )) as { id: string }[];
  const { id } = await insertCampaignRows(db, tenantId, {
    leadIds: [lead.id],
    steps: [{ type: 'CALL', content: 'Our store opens at nine', options: { call_mode: 'play_message' } }],
  });
  if (atCallStep)
    await db.query(`UPDATE campaign_enrollments SET status = 'in_progress' WHERE campaign_id = $1`, [id]);
  return id;
}
