import type { ManualClock } from '@app/common';
import {
  createTenant,
  SchedulerPlatform,
  startSchedulerPlatform,
  TestApi,
  TestTenant,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';

/** Tuesday 2026-12-01 10:00 in New York. */
export const MORNING_NY = new Date('2026-12-01T15:00:00Z');

/** The product context the AI writes from in these tests. */
export const PRODUCT = {
  product: 'Brightdesk',
  description: 'A shared inbox for clinics',
  value_propositions: ['it answers patient messages in one place'],
  industries: ['healthcare'],
  ideal_customer: 'Clinic managers',
  tone: 'friendly',
};

export type Json = Record<string, unknown>;

export interface MessageRow {
  id: string;
  lead_id: string;
  sender: string;
  direction: string;
  content: string;
  subject: string | null;
  status: string;
  idempotency_key: string;
  conversation_id: string;
  ai_usage: Json | null;
}

/**
 * The API and two workers on one platform clock through the simulator (startSchedulerPlatform), with what the AI
 * outreach tests share: tenants with a product context, leads in New York, their messages and AI interactions.
 */
export class AiOutreachWorld {
  platform!: SchedulerPlatform;
  api!: TestApi;
  db!: DataSource;
  /** Leads made so far: lead n is `Lead<n>` of `Company<n>`. */
  n = 0;

  constructor(
    readonly clock: ManualClock,
    readonly seed: string,
  ) {}

  async start(): Promise<this> {
    this.platform = await startSchedulerPlatform(this.clock, { SIMULATOR_SEED: this.seed });
    this.api = this.platform.api;
    this.db = this.api.app.get(DataSource);
    return this;
  }

  close(): Promise<void> {
    return this.platform?.close();
  }

  get http() {
    return this.api.http;
  }

  /** A tenant (made at `at`) whose product context is PRODUCT, with `settings` patched in. */
  async tenantWithProduct(settings?: Json, at: Date = MORNING_NY): Promise<TestTenant> {
    this.clock.set(at);
    const t = await createTenant(this.http);
    // The product-context chat route exists, but the local provider's turn does not extract metadata yet.
    await this.db.query(
      `INSERT INTO product_contexts (tenant_id, metadata, status) VALUES ($1, $2, 'confirmed')`,
      [t.id, JSON.stringify(PRODUCT)],
    );
    if (settings) {
      const res = await this.http.patch('/api/tenant').set(t.admin.headers).send({ settings });
      expect(res.status).toBe(200);
    }
    return t;
  }

  /** A tenant as tenantWithProduct makes it, whose LLM is OpenAI at `baseUrl` (a scripted local server). */
  async tenantOnOpenAi(baseUrl: string): Promise<TestTenant> {
    const t = await this.tenantWithProduct();
    const config = await this.http.patch('/api/llm/providers').set(t.admin.headers).send({
      provider: 'openai',
      model: 'gpt-4o-mini',
      api_key: 'sk-test-aioutreach',
      base_url: baseUrl,
    });
    expect(config.status).toBe(200);
    return t;
  }

  async lead(t: TestTenant, extra: Json = {}): Promise<{ id: string; phone: string }> {
    this.n += 1;
    const n = this.n;
    const res = await this.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({
        first_name: `Lead${n}`,
        company: `Company${n}`,
        phone: `+1415555${String(4000 + n).padStart(4, '0')}`,
        email: `ai-lead${n}@example.com`,
        timezone: 'America/New_York',
        ...extra,
      });
    expect(res.status).toBe(201);
    return { id: res.body.data.id, phone: res.body.data.phone_normalized };
  }

  /** The lead's messages in the order written. */
  messagesOf(t: TestTenant, leadId: string): Promise<MessageRow[]> {
    return this.db.query(
      `SELECT id, lead_id, sender, direction, content, subject, status, idempotency_key, conversation_id, ai_usage
         FROM messages WHERE tenant_id = $1 AND lead_id = $2 ORDER BY id`,
      [t.id, leadId],
    ) as Promise<MessageRow[]>;
  }

  async interaction(t: TestTenant, id: string): Promise<Json> {
    const rows = (await this.db.query(`SELECT * FROM ai_interactions WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      id,
    ])) as Json[];
    return rows[0];
  }

  /** Waits for at least `count` AI messages to the lead, all past `queued`. */
  aiMessages(t: TestTenant, leadId: string, count: number, what: string): Promise<MessageRow[]> {
    return waitFor(
      async () => {
        const rows = (await this.messagesOf(t, leadId)).filter((m) => m.sender === 'ai');
        return rows.length >= count && rows.every((m) => m.status !== 'queued') ? rows : undefined;
      },
      20_000,
      what,
    );
  }
}
