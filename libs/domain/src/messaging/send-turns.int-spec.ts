import { loadConfig } from '@app/config';
import { JobProducer, QueueName } from '@app/queues';
import { createTenant, testEnv, TestTenant, useTestApi } from '@app/testing';
import type { Job } from 'bull';
import { uuidv7 } from 'uuidv7';
import { MessageSenderService } from './message-sender.service';
import { insertOutboundSms } from './send-messages.fixture';
import { SenderThrottleService } from './sender-throttle.service';

/**
 * A send the sender's pacing puts in its line comes back to `outbound-messages` for its turn ahead of the sends
 * queued while it waited: its slot is due right after it is back, and behind a launch's backlog it reached a worker
 * seconds late and the slot went unused (bench:campaign (c)). No worker runs here: the test takes the jobs itself,
 * in the order a worker would, after Bull moves the turn's delayed job to the waiting list.
 */
describe('a send back for its turn (integration)', () => {
  const api = useTestApi({ config: loadConfig(testEnv({ SEND_RATE_SMS_PER_SECOND: '1' })) });
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  // Automated sends: a person's answer would go before the line (send-first.int-spec.ts).
  const queuedSms = (phone: string) =>
    insertOutboundSms(api.db, t.id, { phone, key: `turn:${uuidv7()}`, sender: 'system' });

  it('is taken before the sends queued after it went into the line', async () => {
    const producer = api.app.get(JobProducer);
    const queue = producer.queue(QueueName.OutboundMessages);
    // At 1 per second the slots are 1,025 ms apart. The second is held for (or, taken within 25 ms of the first,
    // put in the line): how long the machine took between them decides. The third is over a second away, in the
    // line whatever it took; so a send is in the line, and this one joins it.
    const throttle = api.app.get(SenderThrottleService);
    expect(await throttle.take(t.id, 'sms', 'ahead', 'ahead-1')).toEqual({ hold_ms: 0 });
    await throttle.take(t.id, 'sms', 'ahead', 'ahead-2');
    expect(await throttle.take(t.id, 'sms', 'ahead', 'ahead-3')).toEqual({ retry_in_ms: expect.any(Number) });
    const id = await queuedSms('+12125550190');
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: id });
    const [turn] = (await queue.getDelayed()).filter((j: Job) => j.data.message_id === id);
    expect(turn).toBeDefined();
    // A launch queues more sends meanwhile; then the turn is due and Bull moves it to the waiting list.
    const fresh: string[] = [];
    for (const phone of ['+12125550191', '+12125550192', '+12125550193']) {
      fresh.push(await queuedSms(phone));
      await producer.enqueue('messages.send', { tenant_id: t.id, message_id: fresh[fresh.length - 1] });
    }
    await turn.promote();
    const taken: string[] = [];
    for (let job = await queue.getNextJob(); job; job = await queue.getNextJob()) {
      taken.push(job.data.message_id as string);
      await job.moveToCompleted('taken by the test', true, true);
    }
    expect(taken).toEqual([id, ...fresh]);
  });

  it("sends an agent's message at once while automated sends wait in the line", async () => {
    const throttle = api.app.get(SenderThrottleService);
    for (const id of ['queue-1', 'queue-2', 'queue-3']) await throttle.take(t.id, 'sms', 'ahead', id);
    const automated = await queuedSms('+12125550194');
    const sender = api.app.get(MessageSenderService);
    await sender.run({ tenant_id: t.id, message_id: automated });
    const agent = await insertOutboundSms(api.db, t.id, { phone: '+12125550195', key: `turn:${uuidv7()}` });
    await sender.run({ tenant_id: t.id, message_id: agent });
    const status = async (id: string) =>
      (await api.db.query(`SELECT status FROM messages WHERE id = $1`, [id]))[0].status as string;
    expect(await status(automated)).toBe('queued');
    expect(await status(agent)).toBe('sent');
  });
});
