import { useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { JobProducer } from './job-producer';
import { QueueName } from './queue-names';

/**
 * JobProducer on a real Redis (no worker takes the jobs here): what is kept of a completed job; ensureMany, where a
 * pending job is left alone, a finished one is replaced, a missing one is added, each once, across more than one
 * chunk of a thousand.
 */
describe('JobProducer.ensureMany (integration)', () => {
  let producer: JobProducer;
  const tenantId = randomUUID();
  const job = (id: string) => ({ payload: { tenant_id: tenantId, message_id: id }, jobId: `send-${id}` });
  const api = useTestApi();

  beforeAll(async () => {
    producer = api.app.get(JobProducer);
  });

  it('forgets a send and a simulator callback as they complete, and keeps other completed jobs', async () => {
    const [send, fanout] = [randomUUID(), randomUUID()];
    const callback = `sim:${tenantId}:SM${send}:0`;
    await producer.enqueue('messages.send', job(send).payload, { jobId: job(send).jobId });
    await producer.enqueue(
      'simulator.deliver',
      { tenant_id: tenantId, channel: 'sms', provider_message_id: `SM${send}`, step: 0 },
      { jobId: callback },
    );
    await producer.enqueue(
      'campaigns.fanout',
      { tenant_id: tenantId, campaign_id: fanout },
      { jobId: `fanout-${fanout}` },
    );
    for (const [queue, id] of [
      [QueueName.OutboundMessages, job(send).jobId],
      [QueueName.Simulator, callback],
      [QueueName.CampaignSteps, `fanout-${fanout}`],
    ] as const) {
      const taken = await producer.queue(queue).getNextJob();
      expect(String(taken?.id)).toBe(id);
      await taken?.moveToCompleted('done');
    }
    expect(await producer.queue(QueueName.OutboundMessages).getJob(job(send).jobId)).toBeNull();
    expect(await producer.queue(QueueName.Simulator).getJob(callback)).toBeNull();
    expect(await (await producer.queue(QueueName.CampaignSteps).getJob(`fanout-${fanout}`))?.getState()).toBe(
      'completed',
    );
  });

  it('enqueues the missing and the finished, leaves the pending alone', async () => {
    const queue = producer.queue(QueueName.OutboundMessages);
    const [waiting, failed, completed, missing] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    // Two jobs run to an end (taken as a worker takes them; this process's queues have nothing else), then one waits.
    // The completed one is kept, as one completed before sends were forgotten on completion is.
    for (const id of [failed, completed]) {
      await producer.enqueue('messages.send', job(id).payload, {
        jobId: job(id).jobId,
        attempts: 1,
        removeOnComplete: false,
      });
      const taken = await queue.getNextJob();
      expect(String(taken?.id)).toBe(job(id).jobId);
      if (id === failed) await taken?.moveToFailed({ message: 'gave up' });
      else await taken?.moveToCompleted('done');
    }
    await producer.enqueue('messages.send', job(waiting).payload, { jobId: job(waiting).jobId });
    expect(await (await queue.getJob(job(failed).jobId))?.getState()).toBe('failed');
    expect(await (await queue.getJob(job(completed).jobId))?.getState()).toBe('completed');
    const waitingBefore = await queue.getJob(job(waiting).jobId);

    const enqueued = await producer.ensureMany(
      'messages.send',
      [waiting, failed, completed, missing].map(job),
    );

    expect(enqueued).toBe(3);
    for (const id of [waiting, failed, completed, missing])
      expect(await (await queue.getJob(job(id).jobId))?.getState()).toBe('waiting');
    // The pending job is the same one, not a copy.
    expect((await queue.getJob(job(waiting).jobId))?.timestamp).toBe(waitingBefore?.timestamp);
    const waitingIds = (await queue.getWaiting(0, -1)).map((j) => String(j.id));
    for (const id of [waiting, failed, completed, missing])
      expect(waitingIds.filter((w) => w === job(id).jobId)).toHaveLength(1);
  });

  it('takes more than a chunk, and a second call adds nothing', async () => {
    const ids = Array.from({ length: 1_250 }, () => randomUUID());
    expect(await producer.ensureMany('messages.send', ids.map(job))).toBe(1_250);
    expect(await producer.ensureMany('messages.send', ids.map(job))).toBe(0);
    const queue = producer.queue(QueueName.OutboundMessages);
    expect(await (await queue.getJob(job(ids[1_249]).jobId))?.getState()).toBe('waiting');
  });

  it('refuses a job without a tenant and adds none of its chunk', async () => {
    const good = randomUUID();
    await expect(
      producer.ensureMany('messages.send', [
        job(good),
        { payload: { tenant_id: '', message_id: 'x' }, jobId: 'send-x' },
      ]),
    ).rejects.toThrow();
    expect(await producer.queue(QueueName.OutboundMessages).getJob(job(good).jobId)).toBeNull();
  });

  it('schedules a platform job once per interval, and a new interval replaces the old one', async () => {
    const queue = producer.queue(QueueName.InboundEvents);
    const schedules = async () =>
      (await queue.getRepeatableJobs()).filter((r) => r.name === 'inbound.sweep').map((r) => Number(r.every));
    await producer.repeat('inbound.sweep', 60_000);
    await producer.repeat('inbound.sweep', 60_000);
    expect(await schedules()).toEqual([60_000]);
    await producer.repeat('inbound.sweep', 15_000);
    expect(await schedules()).toEqual([15_000]);
    await expect(producer.repeat('messages.send', 1000)).rejects.toThrow('not a platform job');
    expect((await queue.getRepeatableJobs()).map((r) => r.name)).toEqual(['inbound.sweep']);
  });
});
