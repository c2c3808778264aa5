import { JobProducer, QUEUE_NAMES, QueueName } from '@app/queues';
import {
  addFailedJob,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  ISO_TIMESTAMP,
  TestTenant,
  useTestApi,
} from '@app/testing';

interface QueueRow {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  paused: number;
}

describe('admin (e2e)', () => {
  const api = useTestApi(); // no worker: jobs stay where the API puts them

  const queue = (name: QueueName) => api.app.get(JobProducer).queue(name);

  /** A job of `tenantId` that failed for good, the way a worker leaves it: taken, then failed with no retry left. */
  async function failedJob(tenantId: string, name: QueueName = QueueName.Workflows) {
    const q = queue(name);
    const id = await addFailedJob(
      q,
      'workflow.run',
      { tenant_id: tenantId, workflow_id: 'wf-1' },
      'provider timed out',
      { removeOnFail: false },
    );
    expect(await (await q.getJob(id))?.getState()).toBe('failed');
    return { queue: name, id };
  }

  async function overview(tenant: TestTenant) {
    const res = await api.http.get('/api/admin/queues').set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as { queues: QueueRow[]; failed_jobs: Record<string, unknown>[] };
  }
  const countsOf = async (tenant: TestTenant, name: QueueName) =>
    (await overview(tenant)).queues.find((q) => q.name === name) as QueueRow;

  describe('GET /api/admin/health', () => {
    it("answers every component with latencies, the tenant's LLM, uptime and start time", async () => {
      const tenant = await createTenant(api.http);
      const key = await createApiKey(api.http, tenant, 'admin');
      for (const headers of [tenant.admin.headers, { 'X-API-Key': key.key }]) {
        const res = await api.http.get('/api/admin/health').set(headers);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          success: true,
          data: {
            status: 'ok',
            checks: { database: 'online', redis: 'online', queues: 'online' },
            latency_ms: {
              database: expect.any(Number),
              redis: expect.any(Number),
              queues: expect.any(Number),
            },
            llm: {
              provider: 'local',
              model: 'reachline-local-1',
              configured: true,
              source: 'default',
              connectivity: 'online',
              latency_ms: expect.any(Number),
              error: null,
            },
            uptime_seconds: expect.any(Number),
            started_at: expect.stringMatching(ISO_TIMESTAMP),
          },
        });
      }
    });
  });

  describe('GET /api/admin/queues', () => {
    it('answers a count row for every queue and the tenant failed jobs', async () => {
      const tenant = await createTenant(api.http);
      const res = await api.http.get('/api/admin/queues').set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          queues: QUEUE_NAMES.map((name) => ({
            name,
            waiting: expect.any(Number),
            active: expect.any(Number),
            delayed: expect.any(Number),
            completed: expect.any(Number),
            failed: expect.any(Number),
            paused: expect.any(Number),
          })),
          failed_jobs: [],
        },
      });
      expect(res.body.data.queues.map((q: QueueRow) => q.name)).toEqual([
        'imports',
        'campaign-steps',
        'outbound-messages',
        'dialer',
        'inbound-events',
        'classification',
        'exports',
        'webhook-deliveries',
        'workflows',
        'simulator',
        'system',
      ]);
    });

    it("counts this tenant's jobs only: another tenant's activity shows in no count", async () => {
      const busy = await createTenant(api.http);
      const quiet = await createTenant(api.http);
      const zero = QUEUE_NAMES.map((name) => ({
        name,
        waiting: 0,
        active: 0,
        delayed: 0,
        completed: 0,
        failed: 0,
        paused: 0,
      }));
      expect((await overview(busy)).queues).toEqual(zero);

      expect((await api.http.post('/api/admin/queues/ping').set(busy.admin.headers)).status).toBe(202);
      await failedJob(busy.id, QueueName.Exports);
      await failedJob(busy.id, QueueName.Exports);

      expect((await overview(busy)).queues).toEqual(
        zero.map((row) =>
          row.name === 'system'
            ? { ...row, waiting: 1 }
            : row.name === 'exports'
              ? { ...row, failed: 2 }
              : row,
        ),
      );
      expect(await overview(quiet)).toEqual({ queues: zero, failed_jobs: [] });
    });

    it("lists this tenant's failed jobs, not another tenant's", async () => {
      const tenant = await createTenant(api.http);
      const other = await createTenant(api.http);
      const before = await countsOf(tenant, QueueName.Exports);
      const mine = await failedJob(tenant.id, QueueName.Exports);
      const theirs = await failedJob(other.id, QueueName.Exports);

      const data = await overview(tenant);
      expect(data.failed_jobs).toEqual([
        {
          id: mine.id,
          queue: 'exports',
          name: 'workflow.run',
          failed_reason: 'provider timed out',
          attempts_made: 1,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          failed_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      ]);
      expect(data.queues.find((q) => q.name === 'exports')?.failed).toBe(before.failed + 1);
      const theirsSeen = await overview(other);
      expect(theirsSeen.failed_jobs.map((j) => j.id)).toEqual([theirs.id]);
    });
  });

  describe('POST /api/admin/queues/ping', () => {
    it('enqueues a system.ping in the system queue, where it waits (202 queued)', async () => {
      const tenant = await createTenant(api.http);
      const before = await countsOf(tenant, QueueName.System);
      const res = await api.http.post('/api/admin/queues/ping').set(tenant.admin.headers);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        success: true,
        data: { job_id: expect.stringMatching(/^\d+$/), status: 'queued' },
      });

      const after = await countsOf(tenant, QueueName.System);
      expect(after).toEqual({ ...before, waiting: before.waiting + 1 });
      const job = await queue(QueueName.System).getJob(res.body.data.job_id);
      expect(job?.name).toBe('system.ping');
      expect(job?.data).toEqual({
        tenant_id: tenant.id,
        requested_by: tenant.admin.id,
        requested_at: api.clock.now().toISOString(),
      });
      expect(await job?.getState()).toBe('waiting');
    });

    it('an admin API key may ping too (requested_by is null)', async () => {
      const tenant = await createTenant(api.http);
      const key = await createApiKey(api.http, tenant, 'admin');
      const res = await api.http.post('/api/admin/queues/ping').set('X-API-Key', key.key);
      expect(res.status).toBe(202);
      const job = await queue(QueueName.System).getJob(res.body.data.job_id);
      expect(job?.data).toMatchObject({ tenant_id: tenant.id, requested_by: null });
    });
  });

  describe('POST /api/admin/queues/:queue/jobs/:id/retry', () => {
    it('retries a failed job of the tenant: 202, the job waits again, a second retry is 409', async () => {
      const tenant = await createTenant(api.http);
      const failed = await failedJob(tenant.id);
      const before = await countsOf(tenant, QueueName.Workflows);

      const res = await api.http
        .post(`/api/admin/queues/${failed.queue}/jobs/${failed.id}/retry`)
        .set(tenant.admin.headers);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: failed.id,
          queue: 'workflows',
          name: 'workflow.run',
          failed_reason: null,
          attempts_made: 1,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          failed_at: null,
        },
      });
      expect(await (await queue(QueueName.Workflows).getJob(failed.id))?.getState()).toBe('waiting');
      const after = await countsOf(tenant, QueueName.Workflows);
      expect(after).toEqual({ ...before, failed: before.failed - 1, waiting: before.waiting + 1 });
      expect((await overview(tenant)).failed_jobs).toEqual([]);

      expectError(
        await api.http
          .post(`/api/admin/queues/${failed.queue}/jobs/${failed.id}/retry`)
          .set(tenant.admin.headers),
        409,
        'CONFLICT',
        'Only a failed job can be retried',
      );
    });

    it('retries of the same job at once: one 202, the others 409, never a 500', async () => {
      const tenant = await createTenant(api.http);
      const failed = await failedJob(tenant.id);
      const url = `/api/admin/queues/${failed.queue}/jobs/${failed.id}/retry`;
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => api.http.post(url).set(tenant.admin.headers)),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([202, 409, 409, 409, 409]);
      expect(await (await queue(QueueName.Workflows).getJob(failed.id))?.getState()).toBe('waiting');
    });

    it('answers 404 for an unknown job or queue, and 409 for a job that has not failed', async () => {
      const tenant = await createTenant(api.http);
      const retry = (queueName: string, id: string) =>
        api.http.post(`/api/admin/queues/${queueName}/jobs/${id}/retry`).set(tenant.admin.headers);
      expectError(await retry('system', '999999'), 404, 'NOT_FOUND', 'Job not found');
      expectError(await retry('system', 'not-a-job'), 404, 'NOT_FOUND', 'Job not found');
      expectError(await retry('no-such-queue', '1'), 404, 'NOT_FOUND', 'Queue not found');

      const ping = await api.http.post('/api/admin/queues/ping').set(tenant.admin.headers);
      expectError(await retry('system', ping.body.data.job_id), 409, 'CONFLICT');
      expect(await (await queue(QueueName.System).getJob(ping.body.data.job_id))?.getState()).toBe('waiting');
    });
  });

  describe('admin only', () => {
    it('managers and agents, users or keys, get 403 on every admin route and nothing moves', async () => {
      const tenant = await createTenant(api.http);
      const failed = await failedJob(tenant.id);
      const callers = [
        (await createUser(api.http, tenant, 'manager')).headers,
        (await createUser(api.http, tenant, 'agent')).headers,
        { 'X-API-Key': (await createApiKey(api.http, tenant, 'manager')).key },
        { 'X-API-Key': (await createApiKey(api.http, tenant, 'agent')).key },
      ];
      const systemBefore = await countsOf(tenant, QueueName.System);
      for (const headers of callers) {
        for (const req of [
          api.http.get('/api/admin/health').set(headers),
          api.http.get('/api/admin/queues').set(headers),
          api.http.post('/api/admin/queues/ping').set(headers),
          api.http.post(`/api/admin/queues/${failed.queue}/jobs/${failed.id}/retry`).set(headers),
        ]) {
          expectError(await req, 403, 'AUTHORIZATION_FAILED', 'This needs the admin role');
        }
      }
      expect(await countsOf(tenant, QueueName.System)).toEqual(systemBefore);
      expect(await (await queue(QueueName.Workflows).getJob(failed.id))?.getState()).toBe('failed');
      expectError(await api.http.get('/api/admin/queues'), 401, 'AUTHENTICATION_REQUIRED');
    });
  });
});
