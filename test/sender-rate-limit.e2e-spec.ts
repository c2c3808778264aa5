import { SecretBox } from '@app/common';
import { loadConfig } from '@app/config';
import { MAX_RATE_LIMITED_SENDS, OutboundMessagesService, SEND_WINDOW_MS } from '@app/domain';
import {
  AppProcess,
  createTenant,
  createTestApi,
  monitorRedis,
  PROCESS_START_MS,
  startProcess,
  startProcesses,
  TestApi,
  testEnv,
  TestTenant,
  waitFor,
} from '@app/testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';

/**
 * Throughput rules (issue 4 item 7) across processes: two worker processes send SMS through one Twilio number at
 * a configured 1 message per second. The fake Twilio API records when each send reaches it: every message
 * arrives exactly once, never two together, and the run keeps the rate (the limiter's budget is 1 per second). A 429 with
 * Retry-After is waited out, then the message goes once; such refusals sent nothing and do not use up the tries. SMS
 * segments are counted and stored.
 */

const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
const FROM = '+14155550100';
/** Latency between the limiter's grant and the request reaching the fake API (one UPDATE and a local POST). */
const SLACK_MS = 250;

interface Arrival {
  at: number;
  to: string;
  body: string;
}

describe('per-sender send rates across worker processes (e2e)', () => {
  let twilio: Server;
  let twilioUrl: string;
  const arrivals: Arrival[] = [];
  /** Bodies answered with 429 (Twilio's 20429) so many more times, and the Retry-After each refusal carries. */
  const refusals = new Map<string, { left: number; retryAfter: string }>();
  let api: TestApi;
  let workers: AppProcess[] = [];
  let db: DataSource;
  let tenant: TestTenant;

  beforeAll(async () => {
    let n = 0;
    twilio = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        arrivals.push({ at: Date.now(), to: form.To, body: form.Body });
        const refusal = refusals.get(form.Body);
        if (refusal && refusal.left-- > 0) {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': refusal.retryAfter });
          res.end(JSON.stringify({ code: 20429, message: 'Too Many Requests', status: 429 }));
          return;
        }
        const sid = `SM${(++n).toString(16).padStart(32, '0')}`;
        res.writeHead(201, { 'content-type': 'application/json' });
        // No num_segments: the sender counts the segments itself.
        res.end(JSON.stringify({ sid, status: 'queued', to: form.To, from: form.From, body: form.Body }));
      });
    });
    await new Promise<void>((resolve) => twilio.listen(0, '127.0.0.1', resolve));
    twilioUrl = `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`;

    const env = testEnv({ SEND_RATE_SMS_PER_SECOND: '1', WORKER_CONCURRENCY: '5' });
    api = await createTestApi({ config: loadConfig({ ...env, WORKER_QUEUES: 'system' }) });
    db = api.app.get(DataSource);
    workers = await startProcesses(
      [1, 2].map(() => startProcess('worker', { ...env, WORKER_QUEUES: 'outbound-messages' })),
    );
    tenant = await createTenant(api.http);
    const put = await api.http
      .put('/api/config/channels/sms')
      .set(tenant.admin.headers)
      .send({
        provider: 'twilio',
        credentials: { account_sid: ACCOUNT_SID, auth_token: 'x'.repeat(32), from: FROM },
      });
    expect(put.status).toBe(200);
    // Point the tenant's Twilio client at the fake API (base_url is not settable through the API, by design).
    const box = new SecretBox(api.config.encryptionKey);
    const [row] = await db.query(
      `SELECT credentials_sealed FROM channel_configs WHERE tenant_id = $1 AND channel = 'sms'`,
      [tenant.id],
    );
    const credentials = { ...JSON.parse(box.decrypt(row.credentials_sealed)), base_url: twilioUrl };
    await db.query(
      `UPDATE channel_configs SET credentials_sealed = $2 WHERE tenant_id = $1 AND channel = 'sms'`,
      [tenant.id, box.encrypt(JSON.stringify(credentials))],
    );
  }, PROCESS_START_MS + 90_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await new Promise((resolve) => twilio?.close(resolve));
  });

  async function lead(phone: string): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Rate', phone });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  async function messages(ids: string[]) {
    return db.query(
      `SELECT id, status, attempts, rate_limited, segments, provider_message_id, error_code FROM messages
        WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenant.id, ids],
    ) as Promise<
      {
        id: string;
        status: string;
        attempts: number;
        rate_limited: number;
        segments: number | null;
        provider_message_id: string;
        error_code: string | null;
      }[]
    >;
  }

  async function allSent(ids: string[]) {
    return waitFor(
      async () => {
        const rows = await messages(ids);
        return rows.length === ids.length && rows.every((r) => r.status === 'sent') ? rows : undefined;
      },
      30_000,
      `${ids.length} messages sent`,
    );
  }

  /**
   * The sender's admissions as Redis made them, from the workers' processes: the sliding window's script records
   * each one's time (Redis TIME) with ZADD, and MONITOR shows a script's commands with their arguments. Only this
   * sender's window key is kept. The provider counts by arrival, a hop after admission that a loaded machine
   * stretches; the admission times are what the throttle decides, to the 0.1 ms.
   */
  async function watchAdmissions(key: string) {
    const admissions: { member: string; at: number }[] = [];
    const monitor = await monitorRedis(api.config.redis.url, (args) => {
      // The script's ZADD key now member (a send admitted again, its first read too late, has two).
      if (args.length === 4 && args[0].toLowerCase() === 'zadd' && args[1] === key)
        admissions.push({ member: args[3], at: Number(args[2]) });
    });
    return { admissions, stop: async () => monitor.stop() };
  }

  it('N sends through one number at 1/s: each arrives once, never two together, at the rate on average, none failed', async () => {
    const sender = api.app.get(OutboundMessagesService);
    const phones = ['+14155550111', '+14155550112', '+14155550113', '+14155550114', '+14155550115'];
    const leadIds = await Promise.all(phones.map(lead));
    const watch = await watchAdmissions(api.config.redisKey('send-window', 'sms', tenant.id, FROM));
    let rows: Awaited<ReturnType<typeof allSent>> = [];
    let ids: string[] = [];
    try {
      const sent = await Promise.all(
        leadIds.map((id, i) =>
          sender.send(tenant.id, { lead_id: id, channel: 'sms', body: `Rate test ${i}`, sender: 'agent' }),
        ),
      );
      ids = sent.map((m) => m.id);
      rows = await allSent(ids);
    } finally {
      await watch.stop();
    }
    const ours = arrivals.filter((a) => a.body.startsWith('Rate test '));
    // Each message reached the provider exactly once, and each row holds its own provider id.
    expect(ours.map((a) => a.body).sort()).toEqual(phones.map((_, i) => `Rate test ${i}`));
    expect(ours.map((a) => a.to).sort()).toEqual([...phones].sort());
    expect(new Set(rows.map((r) => r.provider_message_id)).size).toBe(ids.length);
    // Deferred sends are not attempts: each was claimed once, none failed.
    expect(rows.map((r) => [r.attempts, r.error_code])).toEqual(ids.map(() => [1, null]));
    // The budget is one per second per sender, across both workers: on Redis's clock the admission each send used
    // came at least the send window (the provider's second, SEND_LATE_MS and 1 ms) after the one before:
    // never two together, the run at the rate. Arrival times trail their admission by a hop that a loaded machine
    // stretches (one late arrival shortened the gap after it to 195 ms), so they are not what is checked.
    const messageOf = (member: string) => member.slice(0, member.lastIndexOf(':'));
    // The admission each send used: its last.
    const used = new Map(watch.admissions.map((x) => [messageOf(x.member), x.at]));
    expect([...used.keys()].sort()).toEqual([...ids].sort());
    const times = [...used.values()].sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++)
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(SEND_WINDOW_MS - 0.1);
    // Each send reached the provider after its admission (Date.now() and Redis TIME read the same clock here).
    for (const a of ours) {
      const id = ids[Number(a.body.slice('Rate test '.length))];
      expect(a.at).toBeGreaterThanOrEqual(Math.floor(used.get(id)!));
    }
  }, 60_000);

  it('a 429 with Retry-After is waited out, then the message goes once; segments are stored', async () => {
    const sender = api.app.get(OutboundMessagesService);
    const [a, b] = await Promise.all([lead('+14155550121'), lead('+14155550122')]);
    const longGsm = `Throttled ${'x'.repeat(160)}`;
    refusals.set(longGsm, { left: 1, retryAfter: '2' });
    const first = await sender.send(tenant.id, {
      lead_id: a,
      channel: 'sms',
      body: longGsm,
      sender: 'agent',
    });
    const unicode = `Olá ${'ç'.repeat(70)}`;
    const second = await sender.send(tenant.id, {
      lead_id: b,
      channel: 'sms',
      body: unicode,
      sender: 'agent',
    });
    const rows = await allSent([first.id, second.id]);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    // GSM-7 over 160 characters: 153 per segment; UCS-2 over 70: 67 per segment.
    expect(byId[first.id]).toMatchObject({ status: 'sent', attempts: 2, rate_limited: 1, segments: 2 });
    expect(byId[second.id]).toMatchObject({ status: 'sent', attempts: 1, rate_limited: 0, segments: 2 });
    const tries = arrivals.filter((x) => x.body === longGsm).map((x) => x.at);
    expect(tries).toHaveLength(2);
    expect(tries[1] - tries[0]).toBeGreaterThanOrEqual(2000 - SLACK_MS);
    expect(arrivals.filter((x) => x.body === unicode)).toHaveLength(1);
  }, 60_000);

  it('refusals for the rate do not use up the tries: refused more often than a failure may be, it still goes once', async () => {
    const sender = api.app.get(OutboundMessagesService);
    const body = 'Refused six times';
    refusals.set(body, { left: 6, retryAfter: '0' });
    const sent = await sender.send(tenant.id, {
      lead_id: await lead('+14155550131'),
      channel: 'sms',
      body,
      sender: 'agent',
    });
    const [row] = await allSent([sent.id]);
    expect(row).toMatchObject({ status: 'sent', attempts: 7, rate_limited: 6 });
    expect(arrivals.filter((x) => x.body === body)).toHaveLength(7);
  }, 60_000);

  it('a send the provider keeps refusing for its rate fails once its refusals reach the allowance', async () => {
    const sender = api.app.get(OutboundMessagesService);
    const body = 'Refused for good';
    refusals.set(body, { left: Infinity, retryAfter: '5' });
    const sent = await sender.send(tenant.id, {
      lead_id: await lead('+14155550132'),
      channel: 'sms',
      body,
      sender: 'agent',
    });
    // The first refusal waits 5 s queued: the allowance is then taken down to its last refusal, as an hour of
    // backoff would have.
    await waitFor(async () => {
      const [row] = await messages([sent.id]);
      return row.status === 'queued' && row.rate_limited === 1 ? row : undefined;
    }, 15_000);
    // TypeORM answers an UPDATE with [rows, count].
    const [, bumped] = await db.query(
      `UPDATE messages SET rate_limited = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'queued' RETURNING id`,
      [tenant.id, sent.id, MAX_RATE_LIMITED_SENDS - 2],
    );
    expect(bumped).toBe(1);
    const row = await waitFor(async () => {
      const [r] = await messages([sent.id]);
      return r.status === 'failed' ? r : undefined;
    }, 30_000);
    expect(row).toMatchObject({ attempts: 3, rate_limited: MAX_RATE_LIMITED_SENDS - 1, error_code: '20429' });
    expect(arrivals.filter((x) => x.body === body)).toHaveLength(3);
  }, 60_000);
});
