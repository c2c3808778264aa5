import { JOB_CATALOG, JOB_QUEUES, JobProducer, OnJob, PermanentJobError, QueueName } from '@app/queues';
import type { JobName } from '@app/queues';
import { RequestContext } from '@app/tenancy';
import { createTenant, createTestWorker, testConfig, useTestApi, waitFor } from '@app/testing';
import { Injectable, Module } from '@nestjs/common';
import type { Queue } from 'bull';

/** Records the tenant each job saw through the request context, and fails on demand. */
@Injectable()
class ProbeJobs {
  static seen: { payloadTenant: string; contextTenant: string; jobId?: string }[] = [];

  @OnJob('test.probe' as JobName)
  async probe(payload: {
    tenant_id: string;
    fail?: boolean;
    permanent?: boolean;
    retry_after_ms?: number;
  }): Promise<void> {
    if (payload.permanent) throw new PermanentJobError('probe cannot ever succeed');
    if (payload.retry_after_ms !== undefined)
      throw Object.assign(new Error('probe was told to come back later'), {
        retryAfterMs: payload.retry_after_ms,
      });
    if (payload.fail) throw new Error('probe asked to fail');
    ProbeJobs.seen.push({
      payloadTenant: payload.tenant_id,
      contextTenant: RequestContext.tenantId(),
      jobId: RequestContext.current()?.jobId,
    });
  }
}

/** Counts how many of its jobs run at once (each waits a little, as a send waits for its slot). */
@Injectable()
class SlowJobs {
  static running = 0;
  static most = 0;
  static done = 0;

  @OnJob('test.slow' as JobName)
  async slow(): Promise<void> {
    SlowJobs.running += 1;
    SlowJobs.most = Math.max(SlowJobs.most, SlowJobs.running);
    await new Promise((resolve) => setTimeout(resolve, 300));
    SlowJobs.running -= 1;
    SlowJobs.done += 1;
  }
}

@Module({ providers: [ProbeJobs] })
class ProbeModule {}

@Module({ providers: [SlowJobs] })
class SlowModule {}

const catalogWithProbe = { ...JOB_QUEUES, 'test.probe': QueueName.System };

describe('job runner (worker, integration)', () => {
  const api = useTestApi();

  const systemQueue = (): Queue => api.app.get(JobProducer).queue(QueueName.System);
  /** A worker whose catalog has the probe job (on the system queue), with its handler. */
  const probeWorker = () =>
    createTestWorker({
      config: api.config,
      imports: [ProbeModule],
      configure: (b) => b.overrideProvider(JOB_CATALOG).useValue(catalogWithProbe),
    });

  it('refuses to start when a job of a consumed queue has no handler', async () => {
    const config = testConfig({ WORKER_QUEUES: 'system' });
    await expect(
      createTestWorker({
        config,
        configure: (b) => b.overrideProvider(JOB_CATALOG).useValue(catalogWithProbe),
      }),
    ).rejects.toThrow('Queue system has jobs without a handler: test.probe');
  });

  it('starts when the job without a handler is on a queue it does not consume', async () => {
    const config = testConfig({ WORKER_QUEUES: 'imports' });
    const worker = await createTestWorker({
      config,
      configure: (b) => b.overrideProvider(JOB_CATALOG).useValue(catalogWithProbe),
    });
    await worker.close();
  });

  it('refuses an unknown queue in WORKER_QUEUES', async () => {
    await expect(createTestWorker({ env: { WORKER_QUEUES: 'system,nope' } })).rejects.toThrow(
      'WORKER_QUEUES names unknown queues: nope',
    );
  });

  it('runs sends and simulator callbacks WORKER_SEND_CONCURRENCY at once, other queues WORKER_CONCURRENCY', async () => {
    const t = await createTenant(api.http);
    for (const queue of [QueueName.OutboundMessages, QueueName.Simulator, QueueName.System]) {
      const config = testConfig({
        WORKER_QUEUES: queue,
        WORKER_CONCURRENCY: '2',
        WORKER_SEND_CONCURRENCY: '6',
      });
      const worker = await createTestWorker({
        config,
        imports: [SlowModule],
        configure: (b) => b.overrideProvider(JOB_CATALOG).useValue({ ...JOB_QUEUES, 'test.slow': queue }),
      });
      try {
        Object.assign(SlowJobs, { running: 0, most: 0, done: 0 });
        const target = worker.app.get(JobProducer).queue(queue);
        await target.addBulk(
          Array.from({ length: 12 }, () => ({ name: 'test.slow', data: { tenant_id: t.id } })),
        );
        await waitFor(() => (SlowJobs.done === 12 ? true : undefined), 15_000, 'the slow jobs');
        expect(SlowJobs.most).toBe(queue === QueueName.System ? 2 : 6);
      } finally {
        await worker.close();
      }
    }
  });

  it('runs each job inside its own tenant, with its job id in the context', async () => {
    const worker = await probeWorker();
    try {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      ProbeJobs.seen = [];
      const jobA = await systemQueue().add('test.probe', { tenant_id: a.id });
      const jobB = await systemQueue().add('test.probe', { tenant_id: b.id });
      await waitFor(() => (ProbeJobs.seen.length === 2 ? true : undefined), 10_000, 'both probe jobs');
      expect(ProbeJobs.seen).toEqual(
        expect.arrayContaining([
          { payloadTenant: a.id, contextTenant: a.id, jobId: String(jobA.id) },
          { payloadTenant: b.id, contextTenant: b.id, jobId: String(jobB.id) },
        ]),
      );
    } finally {
      await worker.close();
    }
  });

  it('fails a job without a tenant id, and shows failed jobs to their own tenant admin only', async () => {
    const worker = await probeWorker();
    try {
      const owner = await createTenant(api.http);
      const other = await createTenant(api.http);
      const noTenant = await systemQueue().add('test.probe', { fail: false }, { attempts: 1 });
      const failing = await systemQueue().add(
        'test.probe',
        { tenant_id: owner.id, fail: true },
        { attempts: 2, backoff: 10 },
      );
      await waitFor(
        async () => ((await noTenant.finished().catch((e: Error) => e)) instanceof Error ? true : undefined),
        10_000,
        'no-tenant job to fail',
      );
      await waitFor(
        async () => ((await systemQueue().getJob(failing.id))?.failedReason ? true : undefined),
        10_000,
        'failing job',
      );
      await waitFor(
        async () => ((await systemQueue().getJob(failing.id))?.attemptsMade === 2 ? true : undefined),
        10_000,
        'two attempts',
      );
      const noTenantJob = await systemQueue().getJob(noTenant.id);
      expect(noTenantJob?.failedReason).toMatch(/tenant id is required/);

      const ownerView = await api.http.get('/api/admin/queues').set(owner.admin.headers);
      expect(ownerView.status).toBe(200);
      expect(ownerView.body.data.failed_jobs).toEqual([
        expect.objectContaining({
          id: String(failing.id),
          queue: 'system',
          name: 'test.probe',
          failed_reason: 'probe asked to fail',
          attempts_made: 2,
        }),
      ]);
      const otherView = await api.http.get('/api/admin/queues').set(other.admin.headers);
      expect(otherView.body.data.failed_jobs).toEqual([]);
      // Each tenant counts its own jobs: the owner's failed one, and none of the other's (nor the tenantless one).
      const systemFailed = (view: typeof ownerView) =>
        view.body.data.queues.find((q: { name: string }) => q.name === 'system').failed;
      expect({ owner: systemFailed(ownerView), other: systemFailed(otherView) }).toEqual({
        owner: 1,
        other: 0,
      });

      const foreignRetry = await api.http
        .post(`/api/admin/queues/system/jobs/${failing.id}/retry`)
        .set(other.admin.headers);
      expect(foreignRetry.status).toBe(404);
      expect(await (await systemQueue().getJob(failing.id))?.isFailed()).toBe(true);

      const retry = await api.http
        .post(`/api/admin/queues/system/jobs/${failing.id}/retry`)
        .set(owner.admin.headers);
      expect(retry.status).toBe(202);
      expect(retry.body.data).toMatchObject({ id: String(failing.id), queue: 'system' });
      await waitFor(
        async () => ((await systemQueue().getJob(failing.id))?.attemptsMade === 3 ? true : undefined),
        10_000,
        'the retried run',
      );
    } finally {
      await worker.close();
    }
  });

  it('fails a job whose handler throws PermanentJobError at once, without its attempts left; other errors retry', async () => {
    const worker = await probeWorker();
    try {
      const owner = await createTenant(api.http);
      const opts = { attempts: 3, backoff: 10 };
      const permanent = await systemQueue().add('test.probe', { tenant_id: owner.id, permanent: true }, opts);
      const noTenant = await systemQueue().add('test.probe', { fail: false }, opts);
      const transient = await systemQueue().add('test.probe', { tenant_id: owner.id, fail: true }, opts);
      const settled = async (id: string | number) => {
        const job = await systemQueue().getJob(id);
        return job && (await job.isFailed()) ? job : undefined;
      };
      const transientJob = await waitFor(
        async () => {
          const job = await settled(transient.id);
          return job?.attemptsMade === 3 ? job : undefined;
        },
        10_000,
        'the transient failure retried to its last attempt',
      );
      expect(transientJob.failedReason).toBe('probe asked to fail');
      for (const [job, reason] of [
        [permanent, 'probe cannot ever succeed'],
        [noTenant, 'tenant id is required'],
      ] as const) {
        const failed = await waitFor(() => settled(job.id), 10_000, `${reason}: failed`);
        expect(failed.attemptsMade).toBe(1);
        expect(failed.failedReason).toContain(reason);
      }
    } finally {
      await worker.close();
    }
  });

  it('keeps the newest QUEUE_FAILED_MAX failed jobs of a queue, for QUEUE_FAILED_RETENTION_DAYS', async () => {
    const worker = await createTestWorker({
      config: testConfig({ QUEUE_FAILED_MAX: '2', QUEUE_FAILED_RETENTION_DAYS: '3' }),
      imports: [ProbeModule],
      configure: (b) => b.overrideProvider(JOB_CATALOG).useValue(catalogWithProbe),
    });
    try {
      const owner = await createTenant(api.http);
      const producer = worker.app.get(JobProducer);
      expect(producer.jobOptions().removeOnFail).toEqual({ age: 3 * 86_400, count: 2 });
      const queue = producer.queue(QueueName.System);
      const ids: string[] = [];
      for (let n = 0; n < 4; n++) {
        const job = await queue.add(
          'test.probe',
          { tenant_id: owner.id, permanent: true },
          producer.jobOptions(),
        );
        ids.push(String(job.id));
        await waitFor(async () => ((await job.isFailed()) ? true : undefined), 10_000, `failed job ${n + 1}`);
      }
      const kept = await queue.getFailed();
      expect(kept.map((job) => String(job.id)).sort()).toEqual(ids.slice(2).sort());
      expect(await queue.getJob(ids[0])).toBeNull();
    } finally {
      await worker.close();
    }
  });

  it("retries a job that failed with a provider's Retry-After no sooner than it asked; others keep the backoff", async () => {
    const worker = await probeWorker();
    try {
      const owner = await createTenant(api.http);
      /** When the failed job is due again (Bull keeps a delayed job's due time, in ms, in its score's high bits). */
      const dueIn = async (id: string | number): Promise<number | undefined> => {
        const queue = systemQueue();
        const score = await queue.client.zscore(queue.toKey('delayed'), String(id));
        return score === null ? undefined : Math.floor(Number(score) / 0x1000) - Date.now();
      };
      const told = await systemQueue().add(
        'test.probe',
        { tenant_id: owner.id, retry_after_ms: 60_000 },
        api.app.get(JobProducer).jobOptions(),
      );
      const plain = await systemQueue().add(
        'test.probe',
        { tenant_id: owner.id, fail: true },
        api.app.get(JobProducer).jobOptions(),
      );
      const toldDue = await waitFor(() => dueIn(told.id), 10_000, 'the told job delayed');
      expect(toldDue).toBeGreaterThan(55_000);
      expect(toldDue).toBeLessThanOrEqual(60_000);
      const plainDue = await waitFor(() => dueIn(plain.id), 10_000, 'the plain job delayed');
      expect(plainDue).toBeLessThanOrEqual(2_000);
      await told.remove();
      await plain.remove();
    } finally {
      await worker.close();
    }
  });
});
