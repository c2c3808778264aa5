import { JobProducer, QueueName } from '@app/queues';
import {
  applyLeadReply,
  createTenant,
  createTestWorker,
  createUser,
  expectError,
  TestTenant,
  useTestApi,
  waitFor,
} from '@app/testing';
import type { Response } from 'supertest';
import { randomUUID } from 'node:crypto';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';

/**
 * Sending an integration's failed delivery again, as a webhook's is. The API runs without a worker (a retry's job
 * waits in the queue) until a test starts one.
 */
describe('integrations: delivery retry (e2e)', () => {
  const api = useTestApi();
  let slack: FakeHttpServer;

  beforeAll(async () => {
    slack = await FakeHttpServer.start();
  });
  afterAll(async () => {
    await slack.close();
  });

  /**
   * Slack connected for messages, then a lead's message, whose own delivery job is taken out of the queue once
   * there, so a test's jobs are the only ones: the job is queued after the message is applied (connecting after
   * the message raced it, and a later test's worker posted another test's message to the shared Slack server).
   */
  async function connected(
    tenant: TestTenant,
    phone: string,
  ): Promise<{ integrationId: string; messageId: string; leadId: string }> {
    const res = await api.http
      .post('/api/integrations/slack/connect')
      .set(tenant.admin.headers)
      .send({
        credentials: { webhook_url: `${slack.url}/services/T1/B2/x` },
        config: { data_types: ['messages'] },
      });
    expect(res.status).toBe(200);
    const [{ id }] = await api.db.query(
      `SELECT id FROM integrations WHERE tenant_id = $1 AND type = 'slack'`,
      [tenant.id],
    );
    const { messageId, leadId } = await applyLeadReply(api.app, tenant.id, {
      from: phone,
      body: 'Hi',
      now: new Date(),
    });
    const [own] = await waitFor(
      async () => {
        const jobs = await queuedFor(messageId);
        return jobs.length ? jobs : undefined;
      },
      10_000,
      "the message's own delivery job",
    );
    await own.remove();
    return { integrationId: id, messageId, leadId };
  }

  /** The message's delivery as the worker leaves it after one failed attempt. */
  async function failedDelivery(
    tenant: TestTenant,
    integrationId: string,
    messageId: string,
    occurredAt = new Date(),
  ): Promise<string> {
    const attempts = [
      {
        attempt: 1,
        at: new Date().toISOString(),
        status_code: 503,
        duration_ms: 9,
        error: 'The receiver answered 503',
      },
    ];
    const [{ id }] = await api.db.query(
      `INSERT INTO integration_deliveries (tenant_id, integration_id, data_type, source, subject_id, status,
                                           attempt_count, last_status_code, last_error, attempts, occurred_at)
       VALUES ($1, $2, 'messages', 'message', $3, 'failed', 1, 503, 'The receiver answered 503', $4, $5)
       RETURNING id`,
      [tenant.id, integrationId, messageId, JSON.stringify(attempts), occurredAt],
    );
    return id;
  }

  const rowOf = async (id: string) =>
    (
      await api.db.query(
        `SELECT status, attempt_count, attempts, last_error, updated_at FROM integration_deliveries WHERE id = $1`,
        [id],
      )
    )[0];

  const queuedFor = async (subjectId: string) =>
    (
      await api.app
        .get(JobProducer)
        .queue(QueueName.WebhookDeliveries)
        .getJobs(['waiting', 'delayed', 'active'])
    ).filter((j) => (j.data as { subject_id?: string }).subject_id === subjectId);

  const expectConflict = (res: Response, message: string, details: object) =>
    expect({ status: res.status, body: res.body }).toEqual({
      status: 409,
      body: { success: false, error: { code: 'CONFLICT', message, details } },
    });

  const retry = (tenant: TestTenant, deliveryId: string, headers = tenant.admin.headers, id = 'slack') =>
    api.http.post(`/api/integrations/${id}/deliveries/${deliveryId}/retry`).set(headers);

  it('sends a failed delivery once more: asked twice while pending it queues one job, and the worker posts it', async () => {
    const tenant = await createTenant(api.http);
    const { integrationId, messageId } = await connected(tenant, '+14155550170');
    const failed = await failedDelivery(tenant, integrationId, messageId);

    const first = await retry(tenant, failed);
    expect(first.status).toBe(202);
    expect(first.body.data).toMatchObject({ id: failed, status: 'pending', attempt_count: 1 });
    const again = await retry(tenant, failed);
    expect(again.status).toBe(202);
    expect(again.body.data).toMatchObject({ id: failed, status: 'pending', attempt_count: 1 });
    expect(await queuedFor(messageId)).toHaveLength(1);

    slack.reset().reply({ status: 200 });
    const worker = await createTestWorker({ config: api.config });
    try {
      const log = await waitFor(async () => {
        const res = await api.http.get('/api/integrations/slack/deliveries').set(tenant.admin.headers);
        return res.body.data[0]?.status === 'delivered' ? res.body.data[0] : undefined;
      }, 15_000);
      expect(log).toMatchObject({ id: failed, attempt_count: 2, last_status_code: 200, last_error: null });
      expect(log.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([503, 200]);
    } finally {
      await worker.close();
    }
    expect(slack.requests).toHaveLength(1);
    expect(JSON.stringify(slack.requests[0].json)).toContain('+14155550170');

    // Delivered now: sending it again is a conflict, and changes nothing.
    const before = await rowOf(failed);
    expectConflict(
      await retry(tenant, failed),
      'The delivery was delivered: only a failed one is sent again',
      {
        status: 'delivered',
      },
    );
    expect(await rowOf(failed)).toEqual(before);
    expect(await queuedFor(messageId)).toHaveLength(0);
  });

  it('a retry sends the time its event happened, as the first attempts did, and the log shows it', async () => {
    const tenant = await createTenant(api.http);
    const { messageId } = await applyLeadReply(api.app, tenant.id, {
      from: '+14155550177',
      body: 'Hi',
      now: new Date(),
    });
    const zap = await api.http
      .post('/api/integrations/zapier/connect')
      .set(tenant.admin.headers)
      .send({
        credentials: { webhook_url: `${slack.url}/hooks/catch/1` },
        config: { data_types: ['messages'] },
      });
    expect(zap.status).toBe(200);
    const [{ id: integrationId }] = await api.db.query(
      `SELECT id FROM integrations WHERE tenant_id = $1 AND type = 'zapier'`,
      [tenant.id],
    );
    // The event happened an hour before its first attempt made the delivery.
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    const failed = await failedDelivery(tenant, integrationId, messageId, new Date(occurredAt));
    const log = () => api.http.get('/api/integrations/zapier/deliveries').set(tenant.admin.headers);
    expect((await log()).body.data[0]).toMatchObject({ id: failed, occurred_at: occurredAt });

    const asked = await retry(tenant, failed, tenant.admin.headers, 'zapier');
    expect(asked.status).toBe(202);
    expect(asked.body.data).toMatchObject({ id: failed, status: 'pending', occurred_at: occurredAt });
    slack.reset().reply({ status: 200 });
    const worker = await createTestWorker({ config: api.config });
    try {
      await waitFor(
        async () => ((await log()).body.data[0]?.status === 'delivered' ? true : undefined),
        15_000,
      );
    } finally {
      await worker.close();
    }
    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0].json).toMatchObject({ event: 'message.received', timestamp: occurredAt });
    expect((await log()).body.data[0]).toMatchObject({ status: 'delivered', occurred_at: occurredAt });
  });

  it('refuses what it cannot send: other tenants, unknown ids, non-admins, a disconnected integration or one no longer taking the data type; nothing changes', async () => {
    const tenant = await createTenant(api.http);
    const other = await createTenant(api.http);
    const { integrationId, messageId } = await connected(tenant, '+14155550171');
    await connected(other, '+14155550172');
    const failed = await failedDelivery(tenant, integrationId, messageId);
    const before = await rowOf(failed);
    const manager = await createUser(api.http, tenant, 'manager');
    const agent = await createUser(api.http, tenant, 'agent');

    expectError(await retry(other, failed), 404, 'NOT_FOUND', 'Delivery not found');
    expectError(await retry(tenant, randomUUID()), 404, 'NOT_FOUND', 'Delivery not found');
    expectError(
      await retry(tenant, failed, tenant.admin.headers, 'zapier'),
      404,
      'NOT_FOUND',
      'Delivery not found',
    );
    expectError(await retry(tenant, failed, tenant.admin.headers, 'hubspot'), 404, 'NOT_FOUND');
    expectError(await retry(tenant, 'not-a-uuid'), 404, 'NOT_FOUND', 'Delivery not found');
    for (const user of [manager, agent])
      expectError(await retry(tenant, failed, user.headers), 403, 'AUTHORIZATION_FAILED');

    const narrowed = await api.http
      .post('/api/integrations/slack/connect')
      .set(tenant.admin.headers)
      .send({
        credentials: { webhook_url: `${slack.url}/services/T1/B2/x` },
        config: { data_types: ['leads'] },
      });
    expect(narrowed.status).toBe(200);
    expectConflict(
      await retry(tenant, failed),
      'Slack no longer takes messages: add it to its data_types before sending this again',
      { data_type: 'messages' },
    );

    const off = await api.http.post('/api/integrations/slack/disconnect').set(tenant.admin.headers);
    expect(off.status).toBe(200);
    expectConflict(
      await retry(tenant, failed),
      'Slack is disconnected: connect it before sending a delivery again',
      {
        status: 'disconnected',
      },
    );

    expect(await rowOf(failed)).toEqual(before);
    expect(await queuedFor(messageId)).toHaveLength(0);
  });

  it('a retried delivery whose integration is disconnected before its attempt fails with why, not pending for ever', async () => {
    const tenant = await createTenant(api.http);
    const { integrationId, messageId } = await connected(tenant, '+14155550173');
    const failed = await failedDelivery(tenant, integrationId, messageId);
    expect((await retry(tenant, failed)).status).toBe(202);
    expect((await api.http.post('/api/integrations/slack/disconnect').set(tenant.admin.headers)).status).toBe(
      200,
    );
    slack.reset();
    const worker = await createTestWorker({ config: api.config });
    try {
      const row = await waitFor(async () => {
        const r = await rowOf(failed);
        return r.status === 'failed' ? r : undefined;
      }, 15_000);
      expect(row).toMatchObject({
        attempt_count: 1,
        last_error: 'The integration was disconnected: nothing was sent',
      });
    } finally {
      await worker.close();
    }
    expect(slack.requests).toHaveLength(0);
  });

  it('refuses to send again a delivery about a lead since erased; one retried just before the erasure fails unsent', async () => {
    const tenant = await createTenant(api.http);
    const { integrationId, messageId, leadId } = await connected(tenant, '+14155550174');
    const second = await applyLeadReply(api.app, tenant.id, {
      from: '+14155550175',
      body: 'Yo',
      now: new Date(),
    });
    const failed = await failedDelivery(tenant, integrationId, messageId);
    const retried = await failedDelivery(tenant, integrationId, second.messageId);
    expect((await retry(tenant, retried)).status).toBe(202);
    for (const lead of [leadId, second.leadId])
      expect((await api.http.delete(`/api/leads/${lead}?erase=true`).set(tenant.admin.headers)).status).toBe(
        200,
      );

    const before = await rowOf(failed);
    expectConflict(
      await retry(tenant, failed),
      'The lead this delivery is about was erased: what it said is gone, so it is not sent again',
      { lead_erased: true },
    );
    expect(await rowOf(failed)).toEqual(before);
    expect(await queuedFor(messageId)).toHaveLength(0);

    slack.reset();
    const worker = await createTestWorker({ config: api.config });
    try {
      const row = await waitFor(async () => {
        const r = await rowOf(retried);
        return r.status === 'failed' ? r : undefined;
      }, 15_000);
      expect(row).toMatchObject({
        attempt_count: 1,
        last_error: 'The lead was erased: nothing is sent about them',
      });
    } finally {
      await worker.close();
    }
    expect(slack.requests).toHaveLength(0);
  });

  it('a lead erased while its delivery is being sent: the erasure waits for the send, so nothing about them leaves after it', async () => {
    const tenant = await createTenant(api.http);
    const { integrationId, messageId, leadId } = await connected(tenant, '+14155550176');
    const failed = await failedDelivery(tenant, integrationId, messageId);
    expect((await retry(tenant, failed)).status).toBe(202);
    const waitingOnLock = async (like: string) =>
      (
        await api.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
          [like],
        )
      )[0].n as number;
    // The delivery's row held here: the worker's attempt stops where it claims the delivery, its text read.
    const holder = api.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM integration_deliveries WHERE id = $1 FOR UPDATE`, [failed]);
    slack.reset().reply({ status: 200 });
    const worker = await createTestWorker({ config: api.config });
    try {
      await waitFor(
        async () => (await waitingOnLock('%INSERT INTO integration_deliveries%')) > 0 || undefined,
        15_000,
        'the attempt at the delivery row',
      );
      let postsWhenErased: number | undefined;
      const erasing = api.http
        .delete(`/api/leads/${leadId}?erase=true`)
        .set(tenant.admin.headers)
        .then((res) => {
          postsWhenErased = slack.requests.length;
          return res;
        });
      // The erasure either commits now (the attempt holds nothing of the lead) or waits for the attempt.
      await waitFor(
        async () =>
          postsWhenErased !== undefined || (await waitingOnLock('%FROM leads%FOR UPDATE%')) > 0 || undefined,
        15_000,
        'the erasure to commit or wait',
      );
      await holder.commitTransaction();
      expect((await erasing).status).toBe(200);
      const row = await waitFor(async () => {
        const r = await rowOf(failed);
        return r.status !== 'pending' ? r : undefined;
      }, 15_000);
      expect(row.status).toBe('delivered');
      // The post went before the erasure committed, never after it.
      expect(postsWhenErased).toBe(1);
      expect(slack.requests).toHaveLength(1);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await worker.close();
    }
  });
});
