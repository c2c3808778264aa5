import { ManualClock } from '@app/common';
import { ChannelConfigsService } from '@app/domain';
import type { MessagingChannel } from '@app/providers';
import {
  countRows,
  createTenant,
  postLeadReply,
  SchedulerPlatform,
  startSchedulerPlatform,
  TestApi,
  TestTenant,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * Issue 5's "Done means", through the API with the simulator and TWO workers on one platform clock: a campaign
 * built from seed 000's JSON and one in seed 002's form (with our lead ids) run start to finish; the window holds
 * sends at night, pause holds them, resume continues, a reply stops the lead's sequence; analytics and the export
 * report what happened.
 */

const SEED = 'campaign-journey';
const HOUR = 3_600_000;
/** Tuesday 2027-12-07 10:00 in New York: after the wall clock, so messages stamped by the database come before the campaign. */
const MORNING_NY = new Date('2027-12-07T15:00:00Z');

describe('campaign journey in both seed forms, two workers (e2e)', () => {
  const clock = new ManualClock(MORNING_NY);
  let platform: SchedulerPlatform;
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let n = 0;

  beforeAll(async () => {
    platform = await startSchedulerPlatform(clock, {
      SIMULATOR_SEED: SEED,
      // Long enough for a test that moves the platform clock by days.
      JWT_ACCESS_TTL_SECONDS: String(30 * 24 * 3600),
    });
    api = platform.api;
    db = api.app.get(DataSource);
  }, 60_000);

  afterAll(() => platform?.close());

  const http = () => api.http;
  const headers = () => tenant.admin.headers;

  async function lead(
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; phone: string; email: string }> {
    n += 1;
    const res = await http()
      .post('/api/leads')
      .set(headers())
      .send({
        first_name: `Lead${n}`,
        company: 'Acme',
        phone: `+1415555${String(3000 + n).padStart(4, '0')}`,
        email: `lead${n}@example.com`,
        timezone: 'America/New_York',
        ...extra,
      });
    expect(res.status).toBe(201);
    return { id: res.body.data.id, phone: res.body.data.phone_normalized, email: res.body.data.email };
  }

  async function leadWrites(channel: MessagingChannel, from: string, body: string): Promise<void> {
    const resolved = await api.app.get(ChannelConfigsService).resolve(tenant.id, channel);
    const res = await postLeadReply(http(), resolved, {
      publicBaseUrl: platform.publicBaseUrl,
      seed: SEED,
      from,
      body,
      now: clock.now(),
    });
    expect(res.status).toBeLessThan(300);
  }

  const enrollments = async (campaignId: string) => {
    const res = await http().get(`/api/campaigns/${campaignId}/leads?limit=100`).set(headers());
    expect(res.status).toBe(200);
    return res.body.data as {
      lead_id: string;
      status: string;
      current_step: number;
      stop_reason: string | null;
    }[];
  };

  const sent = (campaignId: string) =>
    db.query(
      `SELECT m.lead_id, m.channel, m.content, m.subject, m.status, s.position
         FROM messages m JOIN campaign_steps s ON s.id = m.step_id
        WHERE m.tenant_id = $1 AND m.campaign_id = $2 ORDER BY s.position, m.created_at`,
      [tenant.id, campaignId],
    ) as Promise<
      {
        lead_id: string;
        channel: string;
        content: string;
        subject: string;
        status: string;
        position: number;
      }[]
    >;

  async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    return waitFor(probe, 20_000, what);
  }

  const campaign = async (id: string) => {
    const res = await http().get(`/api/campaigns/${id}`).set(headers());
    expect(res.status).toBe(200);
    return res.body.data as { status: string };
  };

  it("seed 000's multi-step WhatsApp campaign: the template follow-up goes after the DELAY, a reply stops a lead", async () => {
    clock.set(MORNING_NY);
    tenant = await createTenant(http());
    const [a, b, c] = [await lead(), await lead(), await lead()];
    // The leads wrote an hour ago: WhatsApp's 24-hour window is open for the free-form welcome.
    clock.set(MORNING_NY.getTime() - HOUR);
    for (const l of [a, b, c]) await leadWrites('whatsapp', l.phone, 'Hi, I saw your ad');
    // Recorded before the campaign starts: applied later, under load, they would count as replies to it.
    await until('the three messages recorded', async () =>
      (await countRows(db, 'messages', `tenant_id = $1 AND direction = 'inbound'`, [tenant.id])) === 3
        ? true
        : undefined,
    );
    clock.set(MORNING_NY);

    const created = await http()
      .post('/api/campaigns')
      .set(headers())
      .send({
        name: 'Welcome Series',
        target_filter: 'ALL',
        steps: [
          { type: 'WHATSAPP', content: 'Welcome aboard!' },
          { type: 'DELAY', content: '24' },
          // Past the 24-hour window only an approved template may go (DESIGN §7.4).
          { type: 'WHATSAPP', content: 'How are you finding things?', template_name: 'check_in' },
        ],
      });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'draft' });
    const id = created.body.data.id as string;

    const start = await http().post(`/api/campaigns/${id}/start`).set(headers());
    expect(start.status).toBe(200);
    expect(start.body.data.queued).toBe(3);
    const first = await until('the welcome delivered to all three', async () => {
      const rows = await sent(id);
      return rows.filter((r) => r.status === 'read' || r.status === 'delivered').length === 3
        ? rows
        : undefined;
    });
    expect(first.map((r) => r.content)).toEqual(Array(3).fill('Welcome aboard!'));

    clock.advance(2 * HOUR);
    await leadWrites('whatsapp', b.phone, 'Thanks! Can we talk tomorrow?');
    await until('the reply to stop b', async () =>
      (await enrollments(id)).find((e) => e.lead_id === b.id)?.status === 'replied' ? true : undefined,
    );

    clock.set(MORNING_NY.getTime() + 24 * HOUR);
    const all = await until('the follow-up to a and c', async () => {
      const rows = await sent(id);
      return rows.filter((r) => r.position === 2 && r.status !== 'queued').length === 2 ? rows : undefined;
    });
    expect(
      all
        .filter((r) => r.position === 2)
        .map((r) => r.lead_id)
        .sort(),
    ).toEqual([a.id, c.id].sort());
    await until('the campaign to complete', async () =>
      (await campaign(id)).status === 'completed' ? true : undefined,
    );
    const byLead = new Map((await enrollments(id)).map((e) => [e.lead_id, e.status]));
    expect(Object.fromEntries(byLead)).toEqual({
      [a.id]: 'completed',
      [b.id]: 'replied',
      [c.id]: 'completed',
    });

    const analytics = await http().get(`/api/campaigns/${id}/analytics`).set(headers());
    expect(analytics.status).toBe(200);
    expect(analytics.body.data).toMatchObject({ campaign_id: id, total_leads: 3, replied: 1 });
    expect(analytics.body.data.reply_rate).toBeCloseTo(1 / 3, 3);
  });

  it("a template naming {{type|partner}} is saved, and each lead's message says its type, or the default", async () => {
    clock.set(MORNING_NY);
    tenant = await createTenant(http());
    const carrier = await lead({ type: 'carrier' });
    const untyped = await lead();

    const created = await http()
      .post('/api/campaigns')
      .set(headers())
      .send({
        name: 'By type',
        target_filter: 'ALL',
        steps: [{ type: 'SMS', content: 'Hi {{first_name}}, as a {{type|partner}} you get 10% off.' }],
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await http().post(`/api/campaigns/${id}/start`).set(headers())).status).toBe(200);

    const rows = await until('both messages sent', async () => {
      const r = await sent(id);
      return r.filter((m) => m.status !== 'queued').length === 2 ? r : undefined;
    });
    expect(Object.fromEntries(rows.map((r) => [r.lead_id, r.content]))).toEqual({
      [carrier.id]: `Hi Lead${n - 1}, as a carrier you get 10% off.`,
      [untyped.id]: `Hi Lead${n}, as a partner you get 10% off.`,
    });
  });

  it("seed 002's form: held at night, paused and resumed, sent once to each lead, exported", async () => {
    // 22:00 in New York: outside 08:00-21:00.
    const night = new Date('2027-12-08T03:00:00Z');
    clock.set(night);
    tenant = await createTenant(http());
    const leads = [await lead(), await lead({ first_name: null }), await lead()];

    const created = await http()
      .post('/api/campaigns')
      .set(headers())
      .send({
        name: 'My First Outreach',
        subjectLine: 'Hello from MyStartup',
        followUpIntervalDays: 3,
        leadIds: leads.map((l) => l.id),
        template: 'Hi {{firstName|there}}, we noticed you...',
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await http().post(`/api/campaigns/${id}/launch`).set(headers())).status).toBe(200);

    await until('the window to hold all three', async () => {
      const rows = await enrollments(id);
      return rows.every((e) => e.status === 'waiting') ? rows : undefined;
    });
    expect(await sent(id)).toEqual([]);

    expect((await http().post(`/api/campaigns/${id}/pause`).set(headers())).status).toBe(200);
    // Morning comes while paused: nothing goes.
    clock.set('2027-12-08T14:00:00Z');
    await new Promise((r) => setTimeout(r, 600));
    expect(await sent(id)).toEqual([]);
    // An impossible transition changes nothing.
    const again = await http().post(`/api/campaigns/${id}/pause`).set(headers());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    // The subject line changes while paused (seed 002's form keeps no subject on its step): the emails take it.
    const renamed = await http()
      .patch(`/api/campaigns/${id}`)
      .set(headers())
      .send({ subjectLine: 'Hello again from MyStartup' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data.subject_line).toBe('Hello again from MyStartup');

    expect((await http().post(`/api/campaigns/${id}/resume`).set(headers())).status).toBe(200);
    const rows = await until('the first wave', async () => {
      const r = await sent(id);
      return r.filter((m) => m.status === 'sent').length === 3 ? r : undefined;
    });
    expect(rows.map((r) => r.channel)).toEqual(['email', 'email', 'email']);
    expect(rows.map((r) => r.subject)).toEqual(Array(3).fill('Hello again from MyStartup'));
    expect(rows.map((r) => r.content).sort()).toEqual(
      [
        `Hi ${'Lead'}${n - 2}, we noticed you...`,
        'Hi there, we noticed you...',
        `Hi Lead${n}, we noticed you...`,
      ].sort(),
    );
    await until('the campaign to complete', async () =>
      (await campaign(id)).status === 'completed' ? true : undefined,
    );

    const csv = await http().get(`/api/campaigns/${id}/export?format=csv`).set(headers());
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    for (const l of leads) expect(csv.text).toContain(l.id);
    const pdf = await http()
      .get(`/api/campaigns/${id}/export?format=pdf`)
      .set(headers())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
