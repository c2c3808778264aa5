import { ManualClock, REDIS } from '@app/common';
import { ChannelConfigsService, MessageStatusService, MessageUploads } from '@app/domain';
import { JobProducer } from '@app/queues';
import type Redis from 'ioredis';
import {
  createTenant,
  getBytes,
  insertCampaignRows,
  postLeadReply,
  SchedulerPlatform,
  startSchedulerPlatform,
  TestApi,
  TestTenant,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * The campaign scheduler (issue 5 item 4) with TWO workers on one platform clock, through the simulator and its
 * signed callbacks: steps in order with their delays, the window in the lead's local time, stop on reply, stop on
 * STOP, pause and resume, retries of failed sends, and the campaign completing by itself. Campaigns are written
 * straight into Postgres here; the API that builds them has its own tests.
 */

const SEED = 'campaign-engine';
const HOUR = 3_600_000;
/** Tuesday 2026-12-01 10:00 in New York (UTC-5). */
const MORNING_NY = new Date('2026-12-01T15:00:00Z');

describe('campaign scheduler, two workers (e2e)', () => {
  const clock = new ManualClock(MORNING_NY);
  let platform: SchedulerPlatform;
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    platform = await startSchedulerPlatform(clock, {
      SIMULATOR_SEED: SEED,
    });
    api = platform.api;
    db = api.app.get(DataSource);
  }, 60_000);

  /** Each test starts at its own time, with a tenant whose tokens are fresh at that time. */
  async function begin(at: Date | string): Promise<void> {
    clock.set(at);
    tenant = await createTenant(api.http);
  }

  afterAll(() => platform?.close());

  async function leads(count: number, extra: Record<string, unknown> = {}): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      phone += 1;
      const res = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .send({
          first_name: i % 2 ? `Lead${phone}` : '',
          company: 'Acme',
          phone: `+1415555${String(2000 + phone).padStart(4, '0')}`,
          timezone: 'America/New_York',
          ...extra,
        });
      expect(res.status).toBe(201);
      ids.push(res.body.data.id);
    }
    return ids;
  }

  async function fanout(campaignId: string): Promise<void> {
    await api.app
      .get(JobProducer)
      .enqueue('campaigns.fanout', { tenant_id: tenant.id, campaign_id: campaignId });
  }

  const campaignMessages = (campaignId: string) =>
    db.query(
      `SELECT m.lead_id, m.content, m.status, m.idempotency_key, s.position
         FROM messages m JOIN campaign_steps s ON s.id = m.step_id
        WHERE m.tenant_id = $1 AND m.campaign_id = $2 ORDER BY s.position, m.lead_id`,
      [tenant.id, campaignId],
    ) as Promise<
      { lead_id: string; content: string; status: string; idempotency_key: string; position: number }[]
    >;

  const enrollments = (campaignId: string) =>
    db.query(
      `SELECT lead_id, status, current_step, attempts, next_action_at, stop_reason
         FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id`,
      [tenant.id, campaignId],
    ) as Promise<
      {
        lead_id: string;
        status: string;
        current_step: number;
        attempts: number;
        next_action_at: Date | null;
        stop_reason: string | null;
      }[]
    >;

  const campaignStatus = async (id: string) =>
    ((await db.query(`SELECT status FROM campaigns WHERE id = $1`, [id])) as { status: string }[])[0].status;

  /**
   * The campaign's queued message of its first step for the lead, as the step left it (attempt 1), with `content`;
   * answers its id and its enrollment's.
   */
  async function queuedStepMessage(
    campaign: { id: string; stepIds: string[] },
    leadId: string,
    content: string | null,
  ): Promise<{ id: string; enrollmentId: string }> {
    const [enrollment] = await db.query(
      `SELECT id FROM campaign_enrollments WHERE campaign_id = $1 AND lead_id = $2`,
      [campaign.id, leadId],
    );
    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [tenant.id, leadId],
    );
    const [message] = await db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel, sender,
         provider, status, idempotency_key, content)
       VALUES ($1, $2, $3, $4, $5, 'outbound', 'sms', 'system', 'simulator', 'queued', $6, $7) RETURNING id`,
      [
        tenant.id,
        conversation.id,
        leadId,
        campaign.id,
        campaign.stepIds[0],
        `campaign:${enrollment.id}:0:1`,
        content,
      ],
    );
    return { id: message.id, enrollmentId: enrollment.id };
  }

  async function waitForMessages(campaignId: string, count: number, status = 'delivered') {
    return waitFor(
      async () => {
        const rows = await campaignMessages(campaignId);
        return rows.filter((r) => r.status === status).length >= count ? rows : undefined;
      },
      20_000,
      `${count} campaign messages ${status}`,
    );
  }

  it('runs every step in order, waits the DELAY on the platform clock, and completes by itself', async () => {
    await begin(MORNING_NY);
    const ids = await leads(6);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: ids,
      steps: [
        { type: 'SMS', content: 'Hi {{first_name|there}}, welcome!' },
        { type: 'DELAY', delay_minutes: 24 * 60 },
        { type: 'SMS', content: 'How is {{company}} doing?' },
      ],
    });
    await fanout(campaign.id);
    const first = await waitForMessages(campaign.id, 6);
    // Half the leads have a first name; the others get the placeholder's default.
    expect(first.filter((m) => m.content === 'Hi there, welcome!')).toHaveLength(3);
    expect(first.filter((m) => /^Hi Lead\d+, welcome!$/.test(m.content))).toHaveLength(3);
    expect(new Set(first.map((m) => m.lead_id)).size).toBe(6);
    await waitFor(
      async () => ((await enrollments(campaign.id)).every((e) => e.status === 'waiting') ? true : undefined),
      10_000,
      'enrollments waiting for the DELAY',
    );
    for (const e of await enrollments(campaign.id)) {
      expect(e.current_step).toBe(2);
      expect(e.next_action_at?.getTime()).toBe(MORNING_NY.getTime() + 24 * HOUR);
    }
    // Nothing more goes before the delay has passed on the platform clock.
    clock.advance(23 * HOUR);
    await new Promise((r) => setTimeout(r, 500));
    expect((await campaignMessages(campaign.id)).length).toBe(6);

    clock.advance(HOUR);
    const all = await waitForMessages(campaign.id, 12);
    expect(all.filter((m) => m.position === 2).every((m) => m.content === 'How is Acme doing?')).toBe(true);
    await waitFor(
      async () => ((await campaignStatus(campaign.id)) === 'completed' ? true : undefined),
      10_000,
      'the campaign to complete',
    );
    expect((await enrollments(campaign.id)).every((e) => e.status === 'completed')).toBe(true);
    // At most once: one message per lead and step.
    const keys = all.map((m) => `${m.lead_id}:${m.position}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a step that renders to nothing for a lead ends that enrollment failed (invalid_message); the others go on', async () => {
    await begin(MORNING_NY);
    // leads(2): the first has no first name, the second has one.
    const ids = await leads(2);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: ids,
      steps: [{ type: 'SMS', content: '{{first_name}}' }],
    });
    await fanout(campaign.id);
    await waitFor(
      async () => ((await campaignStatus(campaign.id)) === 'completed' ? true : undefined),
      20_000,
      'the campaign to complete',
    );
    const byLead = Object.fromEntries((await enrollments(campaign.id)).map((e) => [e.lead_id, e]));
    expect(byLead[ids[0]]).toMatchObject({ status: 'failed', stop_reason: 'invalid_message' });
    expect(byLead[ids[1]]).toMatchObject({ status: 'completed', stop_reason: null });
    expect((await campaignMessages(campaign.id)).map((m) => m.lead_id)).toEqual([ids[1]]);
  });

  it("sends a step's files (options.media_urls) with its message, alone or under its text", async () => {
    await begin(MORNING_NY);
    const [lead] = await leads(1);
    const files = ['https://cdn.example.com/price-list.pdf', 'https://cdn.example.com/map.png'];
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: [lead],
      steps: [
        { type: 'SMS', options: { media_urls: files } },
        { type: 'SMS', content: 'And our brochure', options: { media_urls: [files[0]] } },
      ],
    });
    await fanout(campaign.id);
    const sent = await waitFor(
      async () => {
        const rows = (await db.query(
          `SELECT m.content, m.media_urls FROM messages m JOIN campaign_steps s ON s.id = m.step_id
            WHERE m.tenant_id = $1 AND m.campaign_id = $2 ORDER BY s.position`,
          [tenant.id, campaign.id],
        )) as { content: string | null; media_urls: string[] }[];
        return rows.length === 2 ? rows : undefined;
      },
      20_000,
      'both steps sent',
    );
    expect(sent).toEqual([
      { content: null, media_urls: files },
      { content: 'And our brochure', media_urls: [files[0]] },
    ]);
  });

  it("sends a step's uploaded file (and nothing else) with each lead's message, listed on each, from one copy", async () => {
    await begin(MORNING_NY);
    const ids = await leads(2);
    const pdf = Buffer.from('%PDF-1.4 price list');
    const up = await api.http
      .post('/api/messages/attachments')
      .set(tenant.admin.headers)
      .attach('file', pdf, { filename: 'Price list.pdf', contentType: 'application/pdf' });
    const file = up.body.data as { id: string; filename: string; content_type: string; size: number };
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: ids,
      steps: [{ type: 'SMS', options: { attachment_ids: [file.id] } }],
    });
    // As saving the campaign through the API does (apps/api/src/campaigns/campaign-step-media).
    await db.query(`UPDATE message_attachments SET campaign_id = $2 WHERE id = $1`, [file.id, campaign.id]);
    await fanout(campaign.id);
    await waitForMessages(campaign.id, 2);
    const sent = (await db.query(
      `SELECT id, content, media_urls, attachments FROM messages WHERE tenant_id = $1 AND campaign_id = $2`,
      [tenant.id, campaign.id],
    )) as { id: string; content: string | null; media_urls: string[]; attachments: unknown[] }[];
    expect(sent).toHaveLength(2);
    const link = api.app.get(MessageUploads).links.url(file);
    for (const message of sent) {
      expect(message).toMatchObject({ content: null, media_urls: [link], attachments: [file] });
      const own = await getBytes(
        api.http,
        `/api/messages/${message.id}/attachments/${file.id}`,
        tenant.admin.headers,
      );
      expect({ status: own.status, same: Buffer.compare(own.body as Buffer, pdf) }).toEqual({
        status: 200,
        same: 0,
      });
    }
    const served = await getBytes(api.http, link.replace(api.config.publicBaseUrl, ''), {});
    expect({ status: served.status, same: Buffer.compare(served.body as Buffer, pdf) }).toEqual({
      status: 200,
      same: 0,
    });
    // One copy: no message took it.
    const [row] = await db.query(`SELECT message_id, campaign_id FROM message_attachments WHERE id = $1`, [
      file.id,
    ]);
    expect(row).toEqual({ message_id: null, campaign_id: campaign.id });
  });

  it('a launch enrolled queued: the fan-out queues the jobs of its stamp only, and a second fan-out sends nothing twice', async () => {
    await begin(MORNING_NY);
    const [first, second, other] = await leads(3);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: [first, second, other],
      steps: [{ type: 'SMS', content: 'Launched' }],
      due: null,
    });
    // As a launch writes them (EnrollTarget.queued); `other` was queued at another time (its job is someone else's).
    const stamp = clock.now();
    await db.query(
      `UPDATE campaign_enrollments
          SET status = 'queued', next_action_at = $2,
              updated_at = CASE WHEN lead_id = $3 THEN $2::timestamptz - interval '1 second' ELSE $2 END
        WHERE tenant_id = $1 AND campaign_id = $4`,
      [tenant.id, stamp, other, campaign.id],
    );
    const launched = {
      tenant_id: tenant.id,
      campaign_id: campaign.id,
      launch_queued_at: stamp.toISOString(),
    };
    const producer = api.app.get(JobProducer);
    await producer.enqueue('campaigns.fanout', launched);
    await producer.enqueue('campaigns.fanout', launched);
    await waitForMessages(campaign.id, 2);
    await new Promise((r) => setTimeout(r, 1000));
    const sent = await campaignMessages(campaign.id);
    expect(sent.map((m) => m.lead_id).sort()).toEqual([first, second].sort());
    const states = Object.fromEntries((await enrollments(campaign.id)).map((e) => [e.lead_id, e.status]));
    expect(states).toEqual({ [first]: 'completed', [second]: 'completed', [other]: 'queued' });
  });

  it('holds a send outside the window in the lead local time until it opens, never outside 08:00-21:00', async () => {
    // 21:30 in New York: past the 08:00-21:00 bound whatever the campaign says.
    const evening = new Date('2026-12-02T02:30:00Z');
    await begin(evening);
    const ids = await leads(2);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: ids,
      steps: [{ type: 'SMS', content: 'Good morning' }],
      callingHours: ['07:00:00', '22:00:00'],
    });
    await fanout(campaign.id);
    await waitFor(
      async () => {
        const rows = await enrollments(campaign.id);
        return rows.every((e) => e.status === 'waiting') ? rows : undefined;
      },
      10_000,
      'enrollments held by the window',
    );
    for (const e of await enrollments(campaign.id)) {
      // 08:00 the next morning in New York.
      expect(e.next_action_at?.toISOString()).toBe('2026-12-02T13:00:00.000Z');
      expect(e.current_step).toBe(0);
    }
    expect(await campaignMessages(campaign.id)).toEqual([]);
    clock.set('2026-12-02T13:00:00Z');
    await waitForMessages(campaign.id, 2);
  });

  it('a campaign message that waited past the window (a pause, a throttled backlog) stays queued until it opens', async () => {
    // 20:55 in New York: the message was made in the window; it is sent after 21:00.
    await begin('2026-12-02T01:55:00Z');
    const [leadId] = await leads(1);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: [leadId],
      steps: [{ type: 'SMS', content: 'Good evening' }],
    });
    const message = await queuedStepMessage(campaign, leadId, 'Good evening');
    const status = async () =>
      (await db.query(`SELECT status, error_code FROM messages WHERE id = $1`, [message.id]))[0];
    const send = () =>
      api.app.get(JobProducer).enqueue('messages.send', { tenant_id: tenant.id, message_id: message.id });

    clock.set('2026-12-02T02:10:00Z');
    await send();
    // Its job ran (it holds a retry for the opening) and it stays queued.
    const redis = api.app.get<Redis>(REDIS);
    await waitFor(
      async () => (await redis.exists(api.config.redisKey('messages', 'send-retry', message.id))) === 1,
      10_000,
      'the send to wait for the window',
    );
    expect(await status()).toEqual({ status: 'queued', error_code: null });

    // 08:00 the next morning in New York: its retry sends it.
    clock.set('2026-12-02T13:00:00Z');
    await send();
    await waitFor(async () => (await status()).status === 'delivered', 20_000, 'the message delivered');
  });

  it('a reply stops the lead sequence and marks it replied; STOP stops it as opted out', async () => {
    await begin(MORNING_NY);
    const [replier, stopper, quiet] = await leads(3);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: [replier, stopper, quiet],
      steps: [
        { type: 'SMS', content: 'First' },
        { type: 'DELAY', delay_minutes: 60 },
        { type: 'SMS', content: 'Second' },
      ],
    });
    await fanout(campaign.id);
    await waitForMessages(campaign.id, 3);
    const resolved = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'sms');
    const phoneOf = async (id: string) =>
      (
        (await db.query(`SELECT phone_normalized FROM leads WHERE id = $1`, [id])) as {
          phone_normalized: string;
        }[]
      )[0].phone_normalized;
    for (const [lead, body] of [
      [replier, 'Sounds interesting, tell me more'],
      [stopper, 'STOP'],
    ] as const) {
      const res = await postLeadReply(api.http, resolved, {
        publicBaseUrl: platform.publicBaseUrl,
        seed: SEED,
        from: await phoneOf(lead),
        body,
      });
      expect(res.status).toBeLessThan(300);
    }
    await waitFor(
      async () => {
        const rows = await enrollments(campaign.id);
        return rows.filter((e) => e.status !== 'waiting').length === 2 ? rows : undefined;
      },
      10_000,
      'the replies to stop two sequences',
    );
    clock.advance(2 * HOUR);
    await waitForMessages(campaign.id, 4);
    const byLead = new Map((await enrollments(campaign.id)).map((e) => [e.lead_id, e]));
    expect(byLead.get(replier)).toMatchObject({ status: 'replied' });
    expect(byLead.get(stopper)).toMatchObject({ status: 'stopped', stop_reason: 'opted_out' });
    const second = (await campaignMessages(campaign.id)).filter((m) => m.position === 2);
    expect(second.map((m) => m.lead_id)).toEqual([quiet]);
  });

  it('a reply that stops the last sequence still going completes the campaign', async () => {
    await begin(MORNING_NY);
    const [only] = await leads(1);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: [only],
      steps: [
        { type: 'SMS', content: 'First' },
        { type: 'DELAY', delay_minutes: 60 },
        { type: 'SMS', content: 'Second' },
      ],
    });
    await fanout(campaign.id);
    await waitForMessages(campaign.id, 1);
    const [{ phone_normalized: from }] = (await db.query(`SELECT phone_normalized FROM leads WHERE id = $1`, [
      only,
    ])) as { phone_normalized: string }[];
    const res = await postLeadReply(
      api.http,
      await api.app.get(ChannelConfigsService).resolve(tenant.id, 'sms'),
      {
        publicBaseUrl: platform.publicBaseUrl,
        seed: SEED,
        from,
        body: 'Thanks, I will call you',
      },
    );
    expect(res.status).toBeLessThan(300);
    await waitFor(
      async () => ((await campaignStatus(campaign.id)) === 'completed' ? true : undefined),
      10_000,
      'the campaign to complete',
    );
    expect((await enrollments(campaign.id)).map((e) => e.status)).toEqual(['replied']);
    const [done] = await db.query(`SELECT completed_at FROM campaigns WHERE id = $1`, [campaign.id]);
    expect(done.completed_at).not.toBeNull();
  });

  it('pause holds every send; resume continues at the step where each lead was', async () => {
    await begin(MORNING_NY);
    const ids = await leads(4);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: ids,
      steps: [
        { type: 'SMS', content: 'One' },
        { type: 'DELAY', delay_minutes: 60 },
        { type: 'SMS', content: 'Two' },
      ],
    });
    await fanout(campaign.id);
    await waitForMessages(campaign.id, 4);
    await db.query(`UPDATE campaigns SET status = 'paused' WHERE id = $1`, [campaign.id]);
    clock.advance(2 * HOUR);
    await new Promise((r) => setTimeout(r, 700));
    expect((await campaignMessages(campaign.id)).length).toBe(4);
    expect(
      (await enrollments(campaign.id)).every((e) => e.status === 'waiting' && e.current_step === 2),
    ).toBe(true);
    await db.query(`UPDATE campaigns SET status = 'active' WHERE id = $1`, [campaign.id]);
    await fanout(campaign.id);
    const all = await waitForMessages(campaign.id, 8);
    expect(all.filter((m) => m.position === 2).map((m) => m.content)).toEqual(Array(4).fill('Two'));
  });

  it('retries a send the provider refuses as it is sent (no status callback), under the retry policy', async () => {
    await begin(MORNING_NY);
    const [leadId] = await leads(1);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: [leadId],
      steps: [{ type: 'SMS', content: 'Retry me' }],
      retryPolicy: { max_attempts: 2, delay_minutes: 30 },
      due: null,
    });
    // The step was sent (the enrollment stands past it) as a message the provider will refuse: it has no body.
    const message = await queuedStepMessage(campaign, leadId, null);
    await db.query(
      `UPDATE campaign_enrollments SET current_step = 1, status = 'completed', completed_at = now() WHERE id = $1`,
      [message.enrollmentId],
    );
    await api.app.get(JobProducer).enqueue('messages.send', { tenant_id: tenant.id, message_id: message.id });
    const [e] = await waitFor(
      async () => {
        const rows = await enrollments(campaign.id);
        return rows[0]?.attempts === 1 ? rows : undefined;
      },
      10_000,
      'the refused send retried',
    );
    expect(e).toMatchObject({ status: 'waiting', current_step: 0, attempts: 1 });
    expect(e.next_action_at?.getTime()).toBe(MORNING_NY.getTime() + 30 * 60_000);
    expect((await db.query(`SELECT status FROM messages WHERE id = $1`, [message.id]))[0].status).toBe(
      'failed',
    );
  });

  it('does not retry a send the provider reports failed for good (30005, an unknown handset): the enrollment fails', async () => {
    await begin(MORNING_NY);
    const [lead] = await leads(1);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: [lead],
      steps: [{ type: 'SMS', content: 'Retry me' }],
      retryPolicy: { max_attempts: 3, delay_minutes: 30 },
    });
    await fanout(campaign.id);
    const [sent] = await waitForMessages(campaign.id, 1);
    const [{ id, provider_message_id }] = (await db.query(
      `SELECT id, provider_message_id FROM messages WHERE idempotency_key = $1`,
      [sent.idempotency_key],
    )) as { id: string; provider_message_id: string }[];
    await db.query(`UPDATE messages SET status = 'sent' WHERE id = $1`, [id]);
    expect(
      await api.app.get(MessageStatusService).apply(tenant.id, 'simulator', id, {
        provider_message_id,
        status: 'failed',
        error_code: '30005',
      }),
    ).toBe('applied');
    const [e] = await enrollments(campaign.id);
    expect(e).toMatchObject({ status: 'failed', stop_reason: 'send_failed', attempts: 0 });
    clock.advance(30 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect((await campaignMessages(campaign.id)).map((m) => m.idempotency_key)).toEqual([
      sent.idempotency_key,
    ]);
  });

  it('retries a send the provider reports failed, under a new attempt key, with backoff', async () => {
    await begin(MORNING_NY);
    const [lead] = await leads(1);
    const campaign = await insertCampaignRows(db, tenant.id, {
      leadIds: [lead],
      steps: [{ type: 'SMS', content: 'Retry me' }],
      retryPolicy: { max_attempts: 2, delay_minutes: 30 },
    });
    await fanout(campaign.id);
    const [sent] = await waitForMessages(campaign.id, 1);
    await waitFor(
      async () => ((await campaignStatus(campaign.id)) === 'completed' ? true : undefined),
      10_000,
      'the campaign to complete with its only send',
    );
    const [{ id, provider_message_id }] = (await db.query(
      `SELECT id, provider_message_id FROM messages WHERE idempotency_key = $1`,
      [sent.idempotency_key],
    )) as { id: string; provider_message_id: string }[];
    const status = api.app.get(MessageStatusService);
    // The carrier reports the delivered message undeliverable after all: moving back is refused, so fail a fresh one.
    await db.query(`UPDATE messages SET status = 'sent' WHERE id = $1`, [id]);
    expect(
      await status.apply(tenant.id, 'simulator', id, {
        provider_message_id,
        status: 'failed',
        error_code: '30003',
      }),
    ).toBe('applied');
    expect(await campaignStatus(campaign.id)).toBe('active');
    const [e] = await enrollments(campaign.id);
    expect(e).toMatchObject({ status: 'waiting', current_step: 0, attempts: 1 });
    expect(e.next_action_at?.getTime()).toBe(MORNING_NY.getTime() + 30 * 60_000);
    clock.advance(30 * 60_000);
    await waitForMessages(campaign.id, 1, 'delivered');
    const keys = (await campaignMessages(campaign.id)).map((m) => m.idempotency_key).sort();
    expect(keys).toEqual([sent.idempotency_key, sent.idempotency_key.replace(/:1$/, ':2')]);
    // The retry reopened the campaign; it completes again with it.
    await waitFor(
      async () => ((await campaignStatus(campaign.id)) === 'completed' ? true : undefined),
      10_000,
      'the campaign to complete after its retry',
    );
  });
});
