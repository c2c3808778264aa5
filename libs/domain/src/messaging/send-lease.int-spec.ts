import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { JobProducer, QueueName } from '@app/queues';
import { createTenant, monitorRedis, TestTenant, useTestApi } from '@app/testing';
import type { Job } from 'bull';
import type Redis from 'ioredis';
import { uuidv7 } from 'uuidv7';
import { MessageSenderService } from './message-sender.service';
import { insertOutboundSms } from './send-messages.fixture';

/**
 * A send's lease on its message (DESIGN §7.6: no other process's job for the message gets to its claim, nor looks a
 * `sending` one up, while a send holds it). A queued message's lease is taken in the script that takes its slot in
 * the sender's pacing: one command, not a SET of its own before the row is read. No worker runs here: each job is
 * run as its worker would.
 */
describe("a send's lease (integration)", () => {
  const api = useTestApi();
  let t: TestTenant;
  let phone = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const queuedSms = (status: 'queued' | 'sending' = 'queued') =>
    insertOutboundSms(api.db, t.id, {
      phone: `+1415555${String(7000 + ++phone)}`,
      key: `lease:${uuidv7()}`,
      status,
    });
  const statusOf = async (id: string) =>
    ((await api.db.query(`SELECT status FROM messages WHERE id = $1`, [id])) as { status: string }[])[0]
      .status;
  const leaseKey = (id: string) => api.app.get(AppConfig).redisKey('messages', 'send-lease', id);
  /** The message's `messages.send` jobs waiting in the delayed set (no worker takes them here). */
  const comingBack = async (id: string) =>
    (await api.app.get(JobProducer).queue(QueueName.OutboundMessages).getDelayed()).filter(
      (job: Job) => (job.data as { message_id: string }).message_id === id,
    );

  it("takes a queued message's lease with its slot, in one command, and sends it", async () => {
    // A send first, so that Redis knows the scripts by their hash (the first call of one is an EVAL too).
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: await queuedSms() });
    const id = await queuedSms();
    const config = api.app.get(AppConfig);
    const lease = leaseKey(id);
    const pace = config.redisKey('send-pace', 'sms', t.id);
    const sent: string[][] = [];
    const monitor = await monitorRedis(config.redis.url, (args, source) => {
      if (source !== 'lua' && args.some((arg) => arg === lease || arg.startsWith(pace))) sent.push(args);
    });
    try {
      await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: id });
      // The monitor's lines come on a connection of their own: those of the release have had time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      monitor.stop();
    }
    expect(await statusOf(id)).toBe('sent');
    // The slot under the lease (one script naming both), then the lease's release: no SET of the lease alone.
    expect(sent.map((args) => args[0].toLowerCase())).toEqual(['evalsha', 'evalsha']);
    expect(sent[0]).toEqual(expect.arrayContaining([lease, expect.stringMatching(`^${pace}`)]));
    expect(await api.app.get<Redis>(REDIS).exists(lease)).toBe(0);
  });

  it('leaves a queued message another process holds the lease of: no slot taken, back once the lease runs out', async () => {
    const id = await queuedSms();
    const redis = api.app.get<Redis>(REDIS);
    await redis.set(leaseKey(id), 'another-process', 'PX', 30_000);
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: id });
    expect(await statusOf(id)).toBe('queued');
    expect(await redis.get(leaseKey(id))).toBe('another-process');
    const [back, ...more] = await comingBack(id);
    expect(more).toEqual([]);
    expect(back.opts.delay).toBeGreaterThan(29_000);
    await back.remove();
    await redis.del(leaseKey(id));
  });

  it('looks a cut-short send up only under its lease: not while another process holds it', async () => {
    const id = await queuedSms('sending');
    const redis = api.app.get<Redis>(REDIS);
    await redis.set(leaseKey(id), 'another-process', 'PX', 30_000);
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: id });
    expect(await statusOf(id)).toBe('sending');
    const [back] = await comingBack(id);
    expect(back).toBeDefined();
    await back.remove();

    // The lease gone (its holder finished or died): the look-up settles it (the simulator never took it).
    await redis.del(leaseKey(id));
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: id });
    expect(await statusOf(id)).toBe('unknown');
    expect(await redis.exists(leaseKey(id))).toBe(0);
  });
});
