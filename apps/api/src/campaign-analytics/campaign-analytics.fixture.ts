import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Test data for campaign analytics, written straight into Postgres (the scheduler is not involved): a campaign,
 * its steps, leads with their enrollments, and messages with known statuses and times.
 */
export interface LeadSpec {
  key: string;
  first_name: string;
  last_name?: string;
  status?: string;
  opted_out_channels?: string[];
  enrollment: { status: string; stop_reason?: string; replied_at?: string; current_step?: number };
}

export interface MessageSpec {
  lead: string;
  /** A step position, or null: a manual message of the campaign. */
  step: number | null;
  channel: string;
  status: string;
  at: string;
  opened_at?: string;
  read_at?: string;
  campaign?: string;
  /** A failed message's error: a provider's code, or why the platform withdrew it (`campaign:cancelled`). */
  error_code?: string;
}

export interface InboundSpec {
  lead: string;
  channel: string;
  at: string;
  content: string;
  /** The classifier's label for it (reply_classifications), as the worker stores it; none: not classified yet. */
  label?: string;
}

export interface CampaignSpec {
  name: string;
  status: string;
  started_at?: string | null;
  completed_at?: string | null;
  steps?: string[];
}

export class AnalyticsFixture {
  readonly leads = new Map<string, string>();
  private readonly steps = new Map<string, string[]>();
  private readonly conversations = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly db: DataSource,
    readonly tenantId: string,
  ) {}

  async campaign(spec: CampaignSpec): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO campaigns (tenant_id, name, status, started_at, completed_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING id`,
      [this.tenantId, spec.name, spec.status, spec.started_at ?? null, spec.completed_at ?? null],
    );
    const stepIds: string[] = [];
    for (const [position, type] of (spec.steps ?? []).entries()) {
      const [step] = await this.db.query(
        `INSERT INTO campaign_steps (tenant_id, campaign_id, position, type, content, delay_minutes)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          this.tenantId,
          id,
          position,
          type,
          type === 'DELAY' ? null : 'Hi {{first_name}}',
          type === 'DELAY' ? 1440 : null,
        ],
      );
      stepIds.push(step.id);
    }
    this.steps.set(id, stepIds);
    return id;
  }

  /** Creates the lead if new, and enrolls it (enrolled at `enrolledAt`, one second apart to fix the order). */
  async enroll(campaignId: string, spec: LeadSpec, enrolledAt: string): Promise<string> {
    let leadId = this.leads.get(spec.key);
    if (!leadId) {
      const n = ++this.seq;
      [{ id: leadId }] = await this.db.query(
        `INSERT INTO leads (tenant_id, first_name, last_name, email, phone, phone_normalized, status, opted_out_channels)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7) RETURNING id`,
        [
          this.tenantId,
          spec.first_name,
          spec.last_name ?? 'Test',
          `${spec.key.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`,
          `+1415555${String(1000 + n).padStart(4, '0')}`,
          spec.status ?? 'new',
          spec.opted_out_channels ?? [],
        ],
      );
      this.leads.set(spec.key, leadId!);
    }
    const e = spec.enrollment;
    await this.db.query(
      `INSERT INTO campaign_enrollments
         (tenant_id, campaign_id, lead_id, status, stop_reason, replied_at, current_step, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        this.tenantId,
        campaignId,
        leadId,
        e.status,
        e.stop_reason ?? null,
        e.replied_at ?? null,
        e.current_step ?? 0,
        enrolledAt,
      ],
    );
    return leadId!;
  }

  private async conversation(leadId: string, channel: string): Promise<string> {
    const key = `${leadId}:${channel}`;
    let id = this.conversations.get(key);
    if (!id) {
      [{ id }] = await this.db.query(
        `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, lead_id, channel) DO UPDATE SET updated_at = now() RETURNING id`,
        [this.tenantId, leadId, channel],
      );
      this.conversations.set(key, id!);
    }
    return id!;
  }

  async outbound(campaignId: string, m: MessageSpec): Promise<void> {
    const leadId = this.leads.get(m.lead)!;
    const stepId = m.step === null ? null : this.steps.get(campaignId)![m.step];
    await this.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel, sender,
                             content, provider, status, idempotency_key, opened_at, read_at, created_at, error_code)
       VALUES ($1, $2, $3, $4, $5, 'outbound', $6, $7, 'Hello', 'simulator', $8, $9, $10, $11, $12, $13)`,
      [
        this.tenantId,
        await this.conversation(leadId, m.channel),
        leadId,
        campaignId,
        stepId,
        m.channel,
        m.step === null ? 'agent' : 'system',
        m.status,
        `test:${randomUUID()}`,
        m.opened_at ?? null,
        m.read_at ?? null,
        m.at,
        m.error_code ?? null,
      ],
    );
  }

  async inbound(m: InboundSpec): Promise<string> {
    const leadId = this.leads.get(m.lead)!;
    const conversationId = await this.conversation(leadId, m.channel);
    const [{ id }] = await this.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                             status, idempotency_key, created_at)
       VALUES ($1, $2, $3, 'inbound', $4, 'lead', $5, 'simulator', 'received', $6, $7) RETURNING id`,
      [this.tenantId, conversationId, leadId, m.channel, m.content, `in:${randomUUID()}`, m.at],
    );
    if (m.label) {
      await this.db.query(
        `INSERT INTO reply_classifications (tenant_id, message_id, lead_id, conversation_id, label, confidence, reason)
         VALUES ($1, $2, $3, $4, $5, 0.9, 'test')`,
        [this.tenantId, id, leadId, conversationId, m.label],
      );
    }
    return id as string;
  }
}

/** `2025-02-01T10:00:00.000Z` plus hours. */
export const T0 = Date.parse('2025-02-01T10:00:00.000Z');
export const at = (hours: number): string => new Date(T0 + hours * 3_600_000).toISOString();

/** A long inbound text, to see snippets cut. */
export const LONG_TEXT = `${'word '.repeat(100)}end`;

/**
 * "Spring Launch" (WHATSAPP, DELAY, EMAIL), started at T0, with eight leads A-H whose figures the tests know:
 * sent 7, delivered 3, read 1, failed 1, unknown 1, open base 5, opened 2, reached 4, replied 2 (B by status, E by
 * an inbound after its first send; A wrote before its first send), opted out 2 (F stopped, H opted out of
 * WhatsApp after its send; G opted out of SMS, never messaged on it), queued 2 (G, H), qualified 3 (A, E, G).
 */
export async function springLaunch(f: AnalyticsFixture, name = 'Spring Launch'): Promise<string> {
  const id = await f.campaign({
    name,
    status: 'active',
    started_at: at(0),
    steps: ['WHATSAPP', 'DELAY', 'EMAIL'],
  });
  const leads: LeadSpec[] = [
    {
      key: 'A',
      first_name: 'Ann',
      status: 'qualified',
      enrollment: { status: 'completed', current_step: 2 },
    },
    {
      key: 'B',
      first_name: 'Ben',
      status: 'contacted',
      enrollment: { status: 'replied', replied_at: at(2) },
    },
    { key: 'C', first_name: 'Cid', enrollment: { status: 'failed' } },
    { key: 'D', first_name: 'Dee', enrollment: { status: 'waiting' } },
    {
      key: 'E',
      first_name: 'Eve',
      status: 'qualified',
      enrollment: { status: 'completed', current_step: 2 },
    },
    {
      key: 'F',
      first_name: 'Fay',
      opted_out_channels: ['whatsapp'],
      enrollment: { status: 'stopped', stop_reason: 'opted_out' },
    },
    {
      key: 'G',
      first_name: '=HYPERLINK("x")',
      last_name: 'Gus',
      status: 'qualified',
      opted_out_channels: ['sms'],
      enrollment: { status: 'queued' },
    },
    { key: 'H', first_name: 'Hal', opted_out_channels: ['whatsapp'], enrollment: { status: 'in_progress' } },
  ];
  for (const [i, lead] of leads.entries())
    await f.enroll(id, lead, new Date(T0 - 3_600_000 + i * 1000).toISOString());
  const out: MessageSpec[] = [
    { lead: 'A', step: 0, channel: 'whatsapp', status: 'read', at: at(1), read_at: at(1.5) },
    { lead: 'A', step: 2, channel: 'email', status: 'sent', at: at(24), opened_at: at(25) },
    { lead: 'B', step: 0, channel: 'whatsapp', status: 'delivered', at: at(1) },
    { lead: 'B', step: null, channel: 'whatsapp', status: 'sent', at: at(3) },
    { lead: 'C', step: 0, channel: 'whatsapp', status: 'failed', at: at(1) },
    { lead: 'D', step: 0, channel: 'whatsapp', status: 'unknown', at: at(1) },
    { lead: 'E', step: 0, channel: 'whatsapp', status: 'sent', at: at(1) },
    { lead: 'E', step: 2, channel: 'email', status: 'sent', at: at(24) },
    { lead: 'F', step: 0, channel: 'whatsapp', status: 'delivered', at: at(1) },
    { lead: 'H', step: 0, channel: 'whatsapp', status: 'queued', at: at(1) },
  ];
  for (const m of out) await f.outbound(id, m);
  await f.inbound({ lead: 'A', channel: 'whatsapp', at: at(0.5), content: 'Who is this?' });
  await f.inbound({ lead: 'B', channel: 'whatsapp', at: at(2), content: 'Yes, tell me more about pricing' });
  await f.inbound({ lead: 'D', channel: 'whatsapp', at: at(0.5), content: LONG_TEXT });
  await f.inbound({
    lead: 'E',
    channel: 'email',
    at: at(25),
    content: 'Thanks, call me next week\n\nBest, E',
  });
  await f.inbound({ lead: 'H', channel: 'whatsapp', at: at(-24), content: 'An old question' });
  return id;
}
