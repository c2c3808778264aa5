import { JobProducer, QueueName } from '@app/queues';
import { createTestWorker, testConfig, TestWorker, waitFor } from '@app/testing';

/**
 * A worker adds its repeating jobs again every WORKER_REPEAT_CHECK_MS: Redis that lost them (a flush, a restart
 * without persistence) stopped the scheduler's ticks and the sweeps until a worker restarted.
 */
describe('Repeating jobs', () => {
  let worker: TestWorker;

  afterEach(async () => {
    await worker?.close();
  });

  const sweeps = async () =>
    (await worker.app.get(JobProducer).queue(QueueName.OutboundMessages).getRepeatableJobs())
      .filter((r) => r.name === 'messages.sweep')
      .map((r) => Number(r.every));

  it('come back after Redis lost them, once however often they are added', async () => {
    worker = await createTestWorker({
      config: testConfig({
        WORKER_QUEUES: QueueName.OutboundMessages,
        MESSAGES_SWEEP_EVERY_MS: '60000',
        WORKER_REPEAT_CHECK_MS: '200',
      }),
    });
    expect(await sweeps()).toEqual([60_000]);
    const queue = worker.app.get(JobProducer).queue(QueueName.OutboundMessages);
    for (const r of await queue.getRepeatableJobs()) await queue.removeRepeatableByKey(r.key);
    expect(await sweeps()).toEqual([]);

    await waitFor(async () => ((await sweeps()).length ? true : undefined), 5000, 'the sweep added again');
    // Added again and again, it stays one repeatable job with one next run.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await sweeps()).toEqual([60_000]);
    const next = (await queue.getDelayed()).filter((j) => j.name === 'messages.sweep');
    expect(next).toHaveLength(1);
  });

  it('are added at start only with WORKER_REPEAT_CHECK_MS=0', async () => {
    worker = await createTestWorker({
      config: testConfig({
        WORKER_QUEUES: QueueName.OutboundMessages,
        MESSAGES_SWEEP_EVERY_MS: '60000',
        WORKER_REPEAT_CHECK_MS: '0',
      }),
    });
    const queue = worker.app.get(JobProducer).queue(QueueName.OutboundMessages);
    for (const r of await queue.getRepeatableJobs()) await queue.removeRepeatableByKey(r.key);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await sweeps()).toEqual([]);
  });

  it('leave out the sweep of lost sends with MESSAGES_SWEEP_EVERY_MS=0', async () => {
    worker = await createTestWorker({
      config: testConfig({ WORKER_QUEUES: QueueName.OutboundMessages, MESSAGES_SWEEP_EVERY_MS: '0' }),
    });
    const queue = worker.app.get(JobProducer).queue(QueueName.OutboundMessages);
    expect((await queue.getRepeatableJobs()).map((r) => r.name)).not.toContain('messages.sweep');
  });

  it('add the prune of old webhook deliveries every WEBHOOK_PRUNE_EVERY_MS, and none with 0', async () => {
    const prunes = async () =>
      (await worker.app.get(JobProducer).queue(QueueName.WebhookDeliveries).getRepeatableJobs())
        .filter((r) => r.name === 'webhooks.prune')
        .map((r) => Number(r.every));
    worker = await createTestWorker({
      config: testConfig({ WORKER_QUEUES: QueueName.WebhookDeliveries, WEBHOOK_PRUNE_EVERY_MS: '0' }),
    });
    expect(await prunes()).toEqual([]);
    await worker.close();
    worker = await createTestWorker({
      config: testConfig({ WORKER_QUEUES: QueueName.WebhookDeliveries, WEBHOOK_PRUNE_EVERY_MS: '3600000' }),
    });
    expect(await prunes()).toEqual([3_600_000]);
  });

  it('add the sweep of stranded workflow runs every WORKFLOW_SWEEP_EVERY_MS, and none with 0', async () => {
    const sweeps = async () =>
      (await worker.app.get(JobProducer).queue(QueueName.Workflows).getRepeatableJobs())
        .filter((r) => r.name === 'workflows.sweep')
        .map((r) => Number(r.every));
    worker = await createTestWorker({
      config: testConfig({ WORKER_QUEUES: QueueName.Workflows, WORKFLOW_SWEEP_EVERY_MS: '0' }),
    });
    expect(await sweeps()).toEqual([]);
    await worker.close();
    worker = await createTestWorker({
      config: testConfig({ WORKER_QUEUES: QueueName.Workflows, WORKFLOW_SWEEP_EVERY_MS: '60000' }),
    });
    expect(await sweeps()).toEqual([60_000]);
  });

  it('add the sweep of table statistics every STATISTICS_SWEEP_EVERY_MS, and none with 0', async () => {
    const sweeps = async () =>
      (await worker.app.get(JobProducer).queue(QueueName.System).getRepeatableJobs())
        .filter((r) => r.name === 'statistics.sweep')
        .map((r) => Number(r.every));
    worker = await createTestWorker({
      config: testConfig({ WORKER_QUEUES: QueueName.System, STATISTICS_SWEEP_EVERY_MS: '0' }),
    });
    expect(await sweeps()).toEqual([]);
    await worker.close();
    worker = await createTestWorker({
      config: testConfig({ WORKER_QUEUES: QueueName.System, STATISTICS_SWEEP_EVERY_MS: '60000' }),
    });
    expect(await sweeps()).toEqual([60_000]);
  });
});
