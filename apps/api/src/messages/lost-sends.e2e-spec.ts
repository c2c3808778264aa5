import { QueuedMessagesSweeper, SendingChannels, sendJobId } from '@app/domain';
import { TwilioMessagingAdapter } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import {
  apiOnIsolatedDatabase,
  createTenant,
  createTestWorker,
  createUser,
  expectError,
  TestTenant,
  TestWorker,
  waitFor,
} from '@app/testing';
import type { Queue } from 'bull';
import type Redis from 'ioredis';
import { REDIS } from '@app/common';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  TWILIO_ERROR_20500,
  twilioMessageList,
  twilioMessageResource,
} from '../../../../libs/providers/test/fixtures/twilio.fixtures';

/**
 * Sends whose fate was lost (DESIGN §7.6): every `unknown` message is listed for admins, and a message whose
 * enqueue was lost after its row committed is swept back into the queue (a repeating job that two workers add
 * once) and sent once.
 */
describe('lost sends: unknown messages and the queued sweep (e2e)', () => {
  let workers: TestWorker[] = [];
  let tenant: TestTenant;
  let twilio: FakeHttpServer;
  let queue: Queue;

  let port: TwilioMessagingAdapter;

  // Before the API's hooks: afterAll hooks run in the order declared, and the workers stop before its database goes.
  afterAll(() => Promise.all(workers.map((w) => w.close())));
  // The sweep reads every tenant's queued messages: on the shared test database it would send other files' too.
  const on = apiOnIsolatedDatabase({ MESSAGES_SWEEP_EVERY_MS: '300', MESSAGES_SWEEP_AGE_MS: '60000' });
  beforeAll(async () => {
    const worker = () =>
      createTestWorker({
        config: on.api.config,
        configure: (b) =>
          b.overrideProvider(SendingChannels).useValue({
            resolve: () => Promise.resolve({ provider: 'twilio', port, webhookKey: 'test-key' }),
            providerOf: () => Promise.resolve('twilio'),
          }),
      });
    workers = [await worker(), await worker()];
    queue = workers[0].app.get(JobProducer).queue(QueueName.OutboundMessages);
    tenant = await createTenant(on.api.http);
  });
  beforeEach(async () => {
    twilio = await FakeHttpServer.start();
    port = new TwilioMessagingAdapter({
      account_sid: ACCOUNT_SID,
      auth_token: AUTH_TOKEN,
      from: '+14155552345',
      base_url: twilio.url,
    });
  });
  afterEach(() => twilio.close());

  const posts = () => twilio.requests.filter((r) => r.method === 'POST').length;

  async function leadWithMessage(phone: string, body: string): Promise<{ leadId: string; id: string }> {
    const lead = await on.api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Lou', phone });
    expect(lead.status).toBe(201);
    const sent = await on.api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body });
    expect(sent.status).toBe(201);
    return { leadId: lead.body.data.id as string, id: sent.body.data.id as string };
  }

  const statusOf = async (id: string) =>
    ((await on.db.query('SELECT status FROM messages WHERE id = $1', [id])) as { status: string }[])[0]
      ?.status;

  it('two workers starting add the sweep once (one repeat key)', async () => {
    const repeatable = await queue.getRepeatableJobs();
    expect(repeatable).toEqual([expect.objectContaining({ name: 'messages.sweep', every: 300 })]);
  });

  it('lists every unknown message for admins, newest first, paginated; other roles and tenants see none', async () => {
    twilio.reply({ status: 500, body: TWILIO_ERROR_20500 }, { status: 200, body: twilioMessageList([]) });
    const { leadId, id } = await leadWithMessage('+14155550401', 'Lost in transit');
    await waitFor(async () => ((await statusOf(id)) === 'unknown' ? true : undefined), 10_000, 'unknown');

    const res = await on.api.http.get('/api/messages/unknown').set(tenant.admin.headers);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ total: 1, limit: 50, offset: 0 });
    expect(res.body.data).toEqual([
      {
        id,
        conversation_id: expect.any(String),
        lead: { id: leadId, name: 'Lou', phone: '+14155550401', email: null },
        channel: 'sms',
        // The provider the send went through (the workers' channels are Twilio's here), recorded by its claim.
        provider: 'twilio',
        attempts: 1,
        content: 'Lost in transit',
        error_code: 'outcome_unknown',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    ]);
    const page2 = await on.api.http.get('/api/messages/unknown?limit=1&offset=1').set(tenant.admin.headers);
    expect(page2.body).toMatchObject({ data: [], meta: { total: 1, limit: 1, offset: 1 } });

    const manager = await createUser(on.api.http, tenant, 'manager');
    expectError(
      await on.api.http.get('/api/messages/unknown').set(manager.headers),
      403,
      'AUTHORIZATION_FAILED',
    );
    const other = await createTenant(on.api.http);
    const theirs = await on.api.http.get('/api/messages/unknown').set(other.admin.headers);
    expect(theirs.body).toMatchObject({ data: [], meta: { total: 0 } });
    expect(posts()).toBe(1);
  });

  it('re-enqueues a message left queued with no job, only once however many sweeps run', async () => {
    twilio.reply({ status: 201, body: twilioMessageResource({ sid: 'SM0123456789abcdef0123456789abcd41' }) });
    const sweeper = workers[1].app.get(QueuedMessagesSweeper);
    const redis = workers[0].app.get<Redis>(REDIS);
    await queue.pause();
    let resumed = false;
    try {
      const { id } = await leadWithMessage('+14155550402', 'Swept along');
      const old = new Date(workers[1].clock.now().getTime() - 120_000);
      await on.db.query('UPDATE messages SET updated_at = $2 WHERE id = $1', [id, old]);
      // Its job is still waiting: the sweep leaves it alone.
      expect(await sweeper.sweep()).toBe(0);
      expect(await queue.getJob(sendJobId(id))).not.toBeNull();

      // The enqueue was lost: the sweep adds it back, and a second sweep does not double it.
      await (await queue.getJob(sendJobId(id)))!.remove();
      const retryKey = on.api.config.redisKey('messages', 'send-retry', id);
      await redis.set(retryKey, '1', 'PX', 60_000);
      expect(await sweeper.sweep()).toBe(0);
      await redis.del(retryKey);
      expect(await Promise.all([sweeper.sweep(), workers[0].app.get(QueuedMessagesSweeper).sweep()])).toEqual(
        expect.arrayContaining([1]),
      );
      expect(await sweeper.sweep()).toBe(0);
      const pending = await queue.getJobs(['waiting', 'paused', 'delayed', 'active'] as never);
      expect(pending.filter((j) => (j.data as { message_id?: string }).message_id === id)).toHaveLength(1);

      await queue.resume();
      resumed = true;
      await waitFor(async () => ((await statusOf(id)) === 'sent' ? true : undefined), 10_000, 'sent');
      await new Promise((r) => setTimeout(r, 800));
      expect(await statusOf(id)).toBe('sent');
      expect(posts()).toBe(1);
    } finally {
      if (!resumed) await queue.resume();
    }
  });

  it('a lost message behind more messages waiting for their retry than a page holds is found', async () => {
    const redis = workers[0].app.get<Redis>(REDIS);
    await queue.pause();
    const { leadId, id: lost } = await leadWithMessage('+14155550409', 'Behind the backlog');
    const old = new Date(workers[1].clock.now().getTime() - 600_000);
    let backlog: string[] = [];
    try {
      const [{ conversation_id }] = await on.db.query('SELECT conversation_id FROM messages WHERE id = $1', [
        lost,
      ]);
      // 600 older messages whose retry is due later (a throttled backlog, a campaign's window at night).
      backlog = (
        (await on.db.query(
          `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
             idempotency_key, content, updated_at)
           SELECT $1, $2, $3, 'outbound', 'sms', 'agent', 'twilio', 'queued', 'backlog-' || g, 'Later', $4
             FROM generate_series(1, 600) g RETURNING id`,
          [tenant.id, conversation_id, leadId, old],
        )) as { id: string }[]
      ).map((r) => r.id);
      const marks = redis.pipeline();
      for (const id of backlog)
        marks.set(on.api.config.redisKey('messages', 'send-retry', id), '1', 'PX', 60_000);
      await marks.exec();
      // The lost one, queued after them, its job gone.
      await on.db.query('UPDATE messages SET updated_at = $2 WHERE id = $1', [
        lost,
        new Date(old.getTime() + 1000),
      ]);
      await (await queue.getJob(sendJobId(lost)))!.remove();
      // One sweep (the repeating one waits with the paused queue) reads past the backlog.
      expect(await workers[1].app.get(QueuedMessagesSweeper).sweep()).toBe(1);
      expect(await queue.getJob(sendJobId(lost))).not.toBeNull();
    } finally {
      await on.db.query('DELETE FROM messages WHERE id = ANY($1::uuid[])', [[...backlog, lost]]);
      await (await queue.getJob(sendJobId(lost)))?.remove();
      await queue.resume();
    }
  });

  it('the repeating sweep itself finds a lost message and it is sent once', async () => {
    twilio.reply({ status: 201, body: twilioMessageResource({ sid: 'SM0123456789abcdef0123456789abcd42' }) });
    await queue.pause();
    let id: string;
    try {
      ({ id } = await leadWithMessage('+14155550403', 'Found by the clock'));
      await (await queue.getJob(sendJobId(id)))!.remove();
      const old = new Date(workers[0].clock.now().getTime() - 120_000);
      await on.db.query('UPDATE messages SET updated_at = $2 WHERE id = $1', [id, old]);
    } finally {
      await queue.resume();
    }
    await waitFor(async () => ((await statusOf(id)) === 'sent' ? true : undefined), 10_000, 'sent');
    await new Promise((r) => setTimeout(r, 800));
    expect(posts()).toBe(1);
  });

  it('a send left sending by a job that gave up is looked up again by the sweep: sent, never sent twice', async () => {
    const sweeper = workers[1].app.get(QueuedMessagesSweeper);
    await queue.pause();
    let id: string;
    let recent: string;
    try {
      id = (await leadWithMessage('+14155550410', 'Given up on')).id;
      recent = (await leadWithMessage('+14155550411', 'Still in flight')).id;
      // Claimed (through Twilio, as the claim records), sent, and then the job's tries ran out before the answer was
      // recorded: no job, no retry due.
      const now = workers[0].clock.nowMs();
      for (const [message, ago] of [
        [id, 10 * 60_000],
        [recent, 30_000],
      ] as const) {
        await on.db.query(
          `UPDATE messages SET status = 'sending', provider = 'twilio', attempts = 1, updated_at = $2 WHERE id = $1`,
          [message, new Date(now - ago)],
        );
        await (await queue.getJob(sendJobId(message)))!.remove();
      }
      // Only the one past the sweep's age and a send's lease: the other may still be in its provider call.
      expect(await sweeper.sweep()).toBe(1);
      expect(await queue.getJob(sendJobId(id))).not.toBeNull();
      expect(await queue.getJob(sendJobId(recent))).toBeNull();
      expect(await sweeper.sweep()).toBe(0);
      twilio.reply({
        status: 200,
        body: twilioMessageList([
          twilioMessageResource({
            sid: 'SM0123456789abcdef0123456789abcd43',
            to: '+14155550410',
            body: 'Given up on',
            status: 'delivered',
            date_sent: new Date().toUTCString(),
            date_created: new Date().toUTCString(),
          }),
        ]),
      });
    } finally {
      await queue.resume();
    }
    await waitFor(
      async () => ((await statusOf(id)) === 'delivered' ? true : undefined),
      10_000,
      'reconciled',
    );
    const [row] = await on.db.query('SELECT provider_message_id FROM messages WHERE id = $1', [id]);
    expect(row.provider_message_id).toBe('SM0123456789abcdef0123456789abcd43');
    expect(posts()).toBe(0);
    expect(await statusOf(recent)).toBe('sending');
    await on.db.query(`UPDATE messages SET status = 'failed' WHERE id = $1`, [recent]);
  });

  it("a send whose outcome is lost is looked up while the provider's look-up fails, for an hour: then unknown", async () => {
    // Every look-up answers Twilio's 500 (retryable), however often it is asked.
    twilio.reply({ status: 500, body: TWILIO_ERROR_20500 });
    await queue.pause();
    let fresh: string;
    let stale: string;
    try {
      fresh = (await leadWithMessage('+14155550406', 'Lost a minute ago')).id;
      stale = (await leadWithMessage('+14155550407', 'Lost long ago')).id;
      const now = workers[0].clock.nowMs();
      // Claimed, then the worker died before the provider's answer was recorded.
      await on.db.query(
        `UPDATE messages SET status = 'sending', provider = 'twilio', attempts = 1, updated_at = $2 WHERE id = $1`,
        [fresh, new Date(now - 60_000)],
      );
      await on.db.query(
        `UPDATE messages SET status = 'sending', provider = 'twilio', attempts = 1, updated_at = $2 WHERE id = $1`,
        [stale, new Date(now - 61 * 60_000)],
      );
    } finally {
      await queue.resume();
    }
    await waitFor(async () => ((await statusOf(stale)) === 'unknown' ? true : undefined), 10_000, 'unknown');
    await waitFor(
      async () => (twilio.requests.filter((r) => r.method === 'GET').length >= 2 ? true : undefined),
      10_000,
      'both looked up',
    );
    expect(await statusOf(fresh)).toBe('sending');
    expect(posts()).toBe(0);
    await on.db.query(`UPDATE messages SET status = 'failed' WHERE id = $1`, [fresh]);
  });

  describe('a lead erased while its message waits', () => {
    const row = async (id: string) =>
      (
        (await on.db.query('SELECT status, error_code, lead_id, content FROM messages WHERE id = $1', [
          id,
        ])) as {
          status: string;
          error_code: string | null;
          lead_id: string | null;
          content: string | null;
        }[]
      )[0];
    const erase = async (leadId: string) =>
      expect(
        (await on.api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers)).status,
      ).toBe(200);

    it('a queued message fails as lead_erased with the erasure, and its job sends nothing', async () => {
      await queue.pause();
      let id: string;
      try {
        const made = await leadWithMessage('+14155550404', 'Never to go');
        id = made.id;
        await erase(made.leadId);
        expect(await row(id)).toEqual({
          status: 'failed',
          error_code: 'lead_erased',
          lead_id: null,
          content: null,
        });
      } finally {
        await queue.resume();
      }
      await waitFor(
        async () => {
          const job = await queue.getJob(sendJobId(id));
          return !job || ['completed', 'failed'].includes(await job.getState()) ? true : undefined;
        },
        10_000,
        'its job done',
      );
      expect(await row(id)).toMatchObject({ status: 'failed', error_code: 'lead_erased' });
      expect(posts()).toBe(0);
    });

    it('a send whose outcome was lost ends unknown, with no look-up by an address that is gone', async () => {
      await queue.pause();
      let id: string;
      try {
        const made = await leadWithMessage('+14155550405', 'Maybe sent');
        id = made.id;
        // Claimed, then its worker died before the provider's answer was recorded.
        await on.db.query(
          `UPDATE messages SET status = 'sending', provider = 'twilio', attempts = 1 WHERE id = $1`,
          [id],
        );
        await erase(made.leadId);
      } finally {
        await queue.resume();
      }
      await waitFor(async () => ((await row(id)).status === 'unknown' ? true : undefined), 10_000, 'unknown');
      expect(await row(id)).toMatchObject({
        status: 'unknown',
        error_code: 'outcome_unknown',
        lead_id: null,
      });
      expect(twilio.requests).toHaveLength(0);
    });
  });
});
