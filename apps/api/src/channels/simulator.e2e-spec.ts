import { ManualClock } from '@app/common';
import { ChannelConfigsService } from '@app/domain';
import {
  MessagingChannel,
  simulatedProviderId,
  simulatorPlan,
  SimulatorEvent,
  verifyTelegramSecretToken,
  verifyTwilioSignature,
} from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import { createTenant, useTestApiAndWorker, waitFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The messaging simulator end to end (issue 4 item 2, DESIGN §2): a send through the tenant's resolved port
 * schedules its callbacks on the `simulator` queue; the worker delivers them, in order, to PUBLIC_BASE_URL (here a
 * local server standing in for our webhook routes), in each provider's own protocol and signed with the tenant's
 * simulator secret; a POST that fails is retried by Bull.
 */

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const SEED = 'simulator-e2e-seed';
const RATES = { seed: SEED, failureRate: 0.5, replyRate: 0.5 };

/** A message id whose (seeded) plan is the one wanted: the simulator is deterministic, so a test can pick. */
function messageIdWhere(channel: MessagingChannel, wanted: (plan: SimulatorEvent[]) => boolean): string {
  for (;;) {
    const id = randomUUID();
    if (wanted(simulatorPlan(RATES, channel, id))) return id;
  }
}

const lost = (plan: SimulatorEvent[]) => plan.some((e) => e.kind === 'status' && !!e.error_code);
const replied = (plan: SimulatorEvent[]) => plan.some((e) => e.kind === 'reply');
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('messaging simulator (e2e)', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  /** Bodies the receiver refuses once with a 503 (our API down): each holds every `|`-separated part of a marker. */
  const refuseOnce = new Set<string>();
  let channels: ChannelConfigsService;
  const clock = new ManualClock('2026-11-30T09:00:00.000Z');

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const marker = [...refuseOnce].find((m) => m.split('|').every((part) => body.includes(part)));
        if (marker) {
          refuseOnce.delete(marker);
          res.writeHead(503).end();
          return;
        }
        received.push({ url: `${base}${req.url}`, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'text/xml' }).end('<Response/>');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  const { api, worker } = useTestApiAndWorker(() => ({
    env: {
      PUBLIC_BASE_URL: base,
      SIMULATOR_SEED: SEED,
      SIMULATOR_DELAY_MS: '0',
      SIMULATOR_FAILURE_RATE: String(RATES.failureRate),
      SIMULATOR_REPLY_RATE: String(RATES.replyRate),
      WORKER_QUEUES: 'simulator',
    },
    clock,
  }));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeAll(() => {
    channels = api.app.get(ChannelConfigsService);
  });

  /** What reached our "API" about one send: its status callbacks (by MessageSid or messageId) and its reply. */
  const about = (marker: string) => received.filter((r) => r.url.includes(marker) || r.body.includes(marker));

  async function waitForCount(marker: string, n: number): Promise<Received[]> {
    return waitFor(() => (about(marker).length >= n ? about(marker) : undefined), 15_000, `${n} callbacks`);
  }

  it('SMS: Twilio statuses in order, signed for PUBLIC_BASE_URL, then the lead replies; the send can be looked up', async () => {
    const tenant = await createTenant(api.http);
    const sms = await channels.resolve(tenant.id, 'sms');
    const id = messageIdWhere('sms', (p) => !lost(p) && replied(p));
    const plan = simulatorPlan(RATES, 'sms', id);
    const sent = await sms.port.send({
      channel: 'sms',
      to: '+14155552671',
      body: 'Hello from Reachline',
      message_id: id,
    });
    const sid = simulatedProviderId(SEED, 'sms', id);
    expect(sent).toEqual({ provider_message_id: sid, status: 'queued', segments: 1 });

    const statuses = await waitForCount(sid, 3);
    const replyUrl = `${base}/webhooks/twilio/messaging?key=${sms.webhookKey}`;
    const replies = await waitFor(() => {
      const hit = received.filter((r) => r.url === replyUrl);
      return hit.length ? hit : undefined;
    });
    expect(replies).toHaveLength(1);
    const calls = [...statuses, ...replies];
    const statusUrl = `${base}/webhooks/twilio/message-status?key=${sms.webhookKey}&messageId=${id}`;
    expect(calls.slice(0, 3).map((c) => [c.url, form(c.body).MessageStatus])).toEqual([
      [statusUrl, 'queued'],
      [statusUrl, 'sent'],
      [statusUrl, 'delivered'],
    ]);
    for (const call of calls) {
      expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const signature = call.headers['x-twilio-signature'] as string;
      expect(verifyTwilioSignature(sms.signingSecret, signature, call.url, form(call.body))).toBe(true);
    }
    const reply = calls[3];
    const last = plan[plan.length - 1];
    expect(form(reply.body)).toMatchObject({
      From: '+14155552671',
      To: '+15005550006',
      Body: last.kind === 'reply' ? last.body : 'a reply',
      NumMedia: '0',
    });
    expect(form(reply.body).MessageSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sms.port.parseInbound(form(reply.body))).toEqual([
      expect.objectContaining({ channel: 'sms', from: '+14155552671' }),
    ]);

    // The ledger records each status once our API took it, so a look-up answers the last one.
    const since = new Date(clock.nowMs() - 1000);
    const found = await waitFor(async () => {
      const sends = await sms.port.lookupSent({ channel: 'sms', to: '+14155552671', since });
      return sends?.[0]?.status === 'delivered' ? sends : undefined;
    });
    expect(found).toEqual([
      expect.objectContaining({
        provider_message_id: sid,
        body: 'Hello from Reachline',
        status: 'delivered',
      }),
    ]);
    expect(await sms.port.lookupSent({ channel: 'sms', to: '+14155552672', since: new Date(0) })).toEqual([]);
    expect(
      await sms.port.lookupSent({
        channel: 'sms',
        to: '+14155552671',
        since: new Date(clock.nowMs() + 1000),
      }),
    ).toEqual([]);
  });

  it('WhatsApp: a lost send ends with its Twilio error code, whatsapp: addresses, and no reply', async () => {
    const tenant = await createTenant(api.http);
    const whatsapp = await channels.resolve(tenant.id, 'whatsapp');
    const id = messageIdWhere('whatsapp', (p) => lost(p) && p.length === 3);
    const plan = simulatorPlan(RATES, 'whatsapp', id);
    const { provider_message_id: sid } = await whatsapp.port.send({
      channel: 'whatsapp',
      to: '+351912345678',
      body: 'Olá',
      message_id: id,
    });
    const calls = await waitForCount(sid, 3);
    const fields = calls.map((c) => form(c.body));
    const final = plan[2];
    expect(fields.map((f) => f.MessageStatus)).toEqual(['queued', 'sent', 'undelivered']);
    expect(fields[2].ErrorCode).toBe(final.kind === 'status' ? final.error_code : 'an error code');
    expect(fields[2].ErrorCode).toMatch(/^300(03|05|06|07)$/);
    expect(fields[0]).toMatchObject({ From: 'whatsapp:+15005550006', To: 'whatsapp:+351912345678' });
    expect(whatsapp.port.parseStatus(fields[2])).toEqual([
      expect.objectContaining({
        provider_message_id: sid,
        status: 'undelivered',
        error_code: fields[2].ErrorCode,
      }),
    ]);
    // Nothing more follows a lost message.
    await new Promise((r) => setTimeout(r, 300));
    expect(about(sid)).toHaveLength(3);
  });

  it('Telegram and email: the reply in their own protocols, with their secrets', async () => {
    const tenant = await createTenant(api.http);
    const telegram = await channels.resolve(tenant.id, 'telegram');
    const email = await channels.resolve(tenant.id, 'email');
    const tgId = messageIdWhere('telegram', replied);
    const mailId = messageIdWhere('email', replied);
    await telegram.port.send({
      channel: 'telegram',
      to: '987654321',
      body: 'Hi on Telegram',
      message_id: tgId,
    });
    const ourMessageId = `<${mailId}@clinic.example>`;
    const mail = await email.port.send({
      channel: 'email',
      to: 'lead@example.com',
      subject: 'Your visit',
      body: 'Hi by email',
      message_id: mailId,
      threading: { message_id: ourMessageId },
    });
    expect(mail.provider_message_id).toBe(ourMessageId);

    const [tg] = await waitFor(() => {
      const hit = received.filter((r) => r.url === `${base}/webhooks/telegram/${telegram.webhookKey}`);
      return hit.length ? hit : undefined;
    });
    expect(
      verifyTelegramSecretToken(
        telegram.signingSecret,
        tg.headers['x-telegram-bot-api-secret-token'] as string,
      ),
    ).toBe(true);
    expect(telegram.port.parseInbound(JSON.parse(tg.body))).toEqual([
      expect.objectContaining({ channel: 'telegram', from: '987654321' }),
    ]);

    const [reply] = await waitForCount(ourMessageId.slice(1, -1), 1);
    expect(reply.url).toBe(
      `${base}/webhooks/email-inbound?key=${email.webhookKey}&secret=${encodeURIComponent(email.signingSecret)}`,
    );
    expect(email.port.parseInbound(JSON.parse(reply.body))).toEqual([
      expect.objectContaining({
        channel: 'email',
        from: 'lead@example.com',
        subject: 'Re: Your visit',
        threading: expect.objectContaining({ in_reply_to: ourMessageId }),
      }),
    ]);
  });

  it('a callback our API did not take (503) is retried by Bull, and the sequence goes on', async () => {
    const tenant = await createTenant(api.http);
    const sms = await channels.resolve(tenant.id, 'sms');
    const id = messageIdWhere('sms', (p) => !lost(p) && !replied(p));
    const sid = simulatedProviderId(SEED, 'sms', id);
    refuseOnce.add(`MessageSid=${sid}`);
    await sms.port.send({ channel: 'sms', to: '+14155552673', body: 'Retry me', message_id: id });
    const calls = await waitForCount(sid, 3);
    expect(calls.map((c) => form(c.body).MessageStatus)).toEqual(['queued', 'sent', 'delivered']);
    expect(refuseOnce.size).toBe(0);
  });

  it("with no delay, a send's callbacks go in one job; one refused midway gets a job of its own", async () => {
    const tenant = await createTenant(api.http);
    const sms = await channels.resolve(tenant.id, 'sms');
    const id = messageIdWhere('sms', (p) => !lost(p) && !replied(p));
    const sid = simulatedProviderId(SEED, 'sms', id);
    refuseOnce.add(`MessageSid=${sid}|MessageStatus=delivered`);
    // The jobs of this send the worker completed (a completed callback job is not kept).
    const queue = worker.app.get(JobProducer).queue(QueueName.Simulator);
    const completed: string[] = [];
    const onCompleted = (job: { id: string | number }) => {
      if (String(job.id).includes(sid)) completed.push(String(job.id));
    };
    queue.on('completed', onCompleted);
    try {
      await sms.port.send({ channel: 'sms', to: '+14155552675', body: 'Chain me', message_id: id });
      const calls = await waitForCount(sid, 3);
      expect(calls.map((c) => form(c.body).MessageStatus)).toEqual(['queued', 'sent', 'delivered']);
      expect(refuseOnce.size).toBe(0);
      // `sent` followed `queued` in the first job; the refused `delivered` was retried in a job of its own.
      await waitFor(() => completed.length === 2, 10_000, 'both jobs completed');
      expect(completed.sort()).toEqual([`sim:${tenant.id}:${sid}:0`, `sim:${tenant.id}:${sid}:2`]);
    } finally {
      queue.off('completed', onCompleted);
    }
  });

  it('the same message id sent again schedules nothing twice', async () => {
    const tenant = await createTenant(api.http);
    const sms = await channels.resolve(tenant.id, 'sms');
    const id = messageIdWhere('sms', (p) => !lost(p) && !replied(p));
    const first = await sms.port.send({ channel: 'sms', to: '+14155552674', body: 'Once', message_id: id });
    const calls = await waitForCount(first.provider_message_id, 3);
    const again = await sms.port.send({ channel: 'sms', to: '+14155552674', body: 'Once', message_id: id });
    expect(again.provider_message_id).toBe(first.provider_message_id);
    await new Promise((r) => setTimeout(r, 300));
    expect(about(first.provider_message_id)).toHaveLength(calls.length);
  });
});
