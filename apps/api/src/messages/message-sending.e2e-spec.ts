import { SendingChannel, SendingChannels } from '@app/domain';
import { TwilioMessagingAdapter } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import { createTenant, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  TWILIO_ERROR_20429,
  TWILIO_ERROR_20500,
  TWILIO_ERROR_21211,
  TWILIO_ERROR_21610,
  twilioMessageList,
  twilioMessageResource,
} from '../../../../libs/providers/test/fixtures/twilio.fixtures';

/**
 * DESIGN §7.6, at most once: the `messages.send` handler run by the real worker against a local Twilio API.
 * A 5xx after the request went out is reconciled through the provider's message list (or marked `unknown`, never
 * resent); a 429 goes back to `queued` and is sent later once; a permanent error fails with its code; a lead that
 * opted out while the message waited is never sent.
 */
describe('sending a message at most once (e2e)', () => {
  let tenant: TestTenant;
  let twilio: FakeHttpServer;
  let port: TwilioMessagingAdapter;
  /** The channel's provider when a test switches it; Twilio's otherwise. */
  let switched: SendingChannel | undefined;
  let phone = 4155550300;
  const { api, worker } = useTestApiAndWorker({
    worker: {
      configure: (b) =>
        b.overrideProvider(SendingChannels).useValue({
          resolve: () => Promise.resolve(switched ?? { provider: 'twilio', port, webhookKey: 'test-key' }),
          providerOf: () => Promise.resolve(switched?.provider ?? 'twilio'),
        }),
    },
  });

  beforeAll(async () => {
    tenant = await createTenant(api.http);
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
  afterEach(() => {
    switched = undefined;
    return twilio.close();
  });

  const posts = () => twilio.requests.filter((r) => r.method === 'POST');
  const lookups = () => twilio.requests.filter((r) => r.method === 'GET');

  /** A fresh lead with its own number, and a manual SMS to it; answers the message id and the number. */
  async function sendSms(body = 'Hello there'): Promise<{ id: string; leadId: string; to: string }> {
    const to = `+1${phone++}`;
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Pat', phone: to });
    expect(lead.status).toBe(201);
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body });
    expect(sent.status).toBe(201);
    return { id: sent.body.data.id as string, leadId: lead.body.data.id as string, to };
  }

  async function messageOf(leadId: string): Promise<Record<string, unknown>> {
    const res = await api.http.get(`/api/leads/${leadId}/messages`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data[0] as Record<string, unknown>;
  }

  const settled = (leadId: string, status: string, errorCode?: string, timeoutMs = 10_000) =>
    waitFor(
      async () => {
        const m = await messageOf(leadId);
        return m.status === status && (errorCode === undefined || m.error_code === errorCode) ? m : undefined;
      },
      timeoutMs,
      `message ${status}`,
    );

  it('reconciles a send whose 5xx came after the request went out, and never sends it twice', async () => {
    const sid = 'SM0123456789abcdef0123456789abcd01';
    // The send answers 500 (Twilio may have taken it); the retry's look-up finds it in the message list.
    twilio.reply(
      { status: 500, body: TWILIO_ERROR_20500 },
      {
        status: 200,
        body: twilioMessageList([
          twilioMessageResource({
            sid,
            to: '+14155550300',
            body: 'Hello there',
            status: 'sent',
            date_sent: new Date().toUTCString(),
            date_created: new Date().toUTCString(),
          }),
        ]),
      },
    );
    const { id, leadId, to } = await sendSms();
    expect(to).toBe('+14155550300');
    const sent = await settled(leadId, 'sent');
    expect(sent).toMatchObject({ id, provider_message_id: sid, attempts: 1, error_code: null });
    expect(posts()).toHaveLength(1);
    expect(lookups()).toHaveLength(1);
    expect(lookups()[0].query.get('To')).toBe(to);
  });

  it('marks a lost send `unknown` when the look-up finds nothing, and never resends it', async () => {
    twilio.reply({ status: 503, body: TWILIO_ERROR_20500 }, { status: 200, body: twilioMessageList([]) });
    const { id, leadId } = await sendSms('Are you there?');
    const unknown = await settled(leadId, 'unknown');
    expect(unknown).toMatchObject({ id, provider_message_id: null, error_code: 'outcome_unknown' });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await messageOf(leadId)).status).toBe('unknown');
    expect(posts()).toHaveLength(1);
    expect(lookups()).toHaveLength(1);
  });

  it('reconciles a lost send only with the provider it went through: after a switch of provider it is unknown', async () => {
    const other = await FakeHttpServer.start();
    try {
      const next = `+1${phone}`;
      twilio.reply({ status: 503, body: TWILIO_ERROR_20500 });
      // The provider switched to lists a send of the same words to the same number: not ours, never taken for it.
      other.reply({
        status: 200,
        body: twilioMessageList([
          twilioMessageResource({
            sid: 'SM0123456789abcdef0123456789abcd88',
            to: next,
            body: 'Switched over',
            status: 'delivered',
            date_sent: new Date().toUTCString(),
            date_created: new Date().toUTCString(),
          }),
        ]),
      });
      const otherPort = new TwilioMessagingAdapter({
        account_sid: ACCOUNT_SID,
        auth_token: AUTH_TOKEN,
        from: '+14155552399',
        base_url: other.url,
      });
      const { id, leadId, to } = await sendSms('Switched over');
      expect(to).toBe(next);
      await waitFor(async () => (posts().length === 1 ? true : undefined), 10_000, 'the lost send');
      // The tenant moves SMS to another provider before the retry reconciles the send.
      switched = { provider: 'simulator', port: otherPort, webhookKey: 'test-key' };
      const unknown = await settled(leadId, 'unknown');
      expect(unknown).toMatchObject({ id, provider_message_id: null, error_code: 'outcome_unknown' });
      expect(other.requests).toHaveLength(0);
      expect(posts()).toHaveLength(1);
      expect(lookups()).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("never takes another message's send for a lost one: the same words to the same lead a moment before", async () => {
    const sid = 'SM0123456789abcdef0123456789abcd09';
    const resource = (to: string) =>
      twilioMessageResource({
        sid,
        to,
        body: 'Same words',
        status: 'sent',
        date_sent: new Date().toUTCString(),
        date_created: new Date().toUTCString(),
      });
    const to = `+1${phone++}`;
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Pat', phone: to });
    const first = { leadId: lead.body.data.id as string };
    twilio.reply({ status: 201, body: resource(to) });
    const again = await api.http
      .post(`/api/leads/${first.leadId}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Same words' });
    expect(again.status).toBe(201);
    await waitFor(
      async () => (await messageOf(first.leadId)).provider_message_id === sid,
      10_000,
      'the first send recorded',
    );
    // The next one's outcome is lost; the look-up finds only the first's send.
    twilio.reply(
      { status: 503, body: TWILIO_ERROR_20500 },
      { status: 200, body: twilioMessageList([resource(to)]) },
    );
    const lost = await api.http
      .post(`/api/leads/${first.leadId}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Same words' });
    expect(lost.status).toBe(201);
    const row = await waitFor(
      async () => {
        const res = await api.http.get(`/api/leads/${first.leadId}/messages`).set(tenant.admin.headers);
        const m = (res.body.data as Record<string, unknown>[]).find((x) => x.id === lost.body.data.id);
        return m?.status === 'unknown' || m?.status === 'sent' ? m : undefined;
      },
      10_000,
      'the lost send settled',
    );
    expect(row).toMatchObject({ status: 'unknown', provider_message_id: null });
  });

  it('puts a message refused with 429 back in the queue and sends it once after Retry-After', async () => {
    const sid = 'SM0123456789abcdef0123456789abcd02';
    twilio.reply(
      // Long enough to see it queued again before the retry, on a loaded machine.
      { status: 429, headers: { 'retry-after': '3' }, body: TWILIO_ERROR_20429 },
      { status: 201, body: twilioMessageResource({ sid, num_segments: '1' }) },
    );
    const { id, leadId } = await sendSms('Rate limited');
    const requeued = await settled(leadId, 'queued', '20429');
    expect(requeued).toMatchObject({ id, error_code: '20429', attempts: 1, provider_message_id: null });
    const sent = await settled(leadId, 'sent');
    expect(sent).toMatchObject({ id, provider_message_id: sid, attempts: 2, segments: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(posts()).toHaveLength(2);
    expect(lookups()).toHaveLength(0);
  });

  it('fails a message with a permanent error and its Twilio code, sent once', async () => {
    twilio.reply({ status: 400, body: TWILIO_ERROR_21211 });
    const { id, leadId } = await sendSms('Bad number');
    const failed = await settled(leadId, 'failed');
    expect(failed).toMatchObject({ id, error_code: '21211', attempts: 1, provider_message_id: null });
    expect(failed.failed_at).toEqual(expect.any(String));
    expect(posts()).toHaveLength(1);
  });

  const leadOf = async (leadId: string) =>
    (await api.http.get(`/api/leads/${leadId}`).set(tenant.admin.headers)).body.data as {
      opted_out_channels: string[];
    };

  it('opts the lead out of SMS when Twilio refuses a send as to an unsubscribed number (21610), as their STOP would', async () => {
    twilio.reply({ status: 400, body: TWILIO_ERROR_21610 });
    const { id, leadId, to } = await sendSms('Anyone there?');
    expect(await settled(leadId, 'failed', '21610')).toMatchObject({ id, attempts: 1 });
    const lead = await waitFor(
      async () => {
        const l = await leadOf(leadId);
        return l.opted_out_channels.includes('sms') ? l : undefined;
      },
      10_000,
      'the opt-out',
    );
    expect(lead.opted_out_channels).toEqual(['sms']);
    const dnc = await api.http.get('/api/dnc').query({ search: to }).set(tenant.admin.headers);
    expect(dnc.body.data).toEqual([
      expect.objectContaining({ phone: to, channel: 'sms', reason: 'stop_keyword' }),
    ]);
    const activity = await api.http
      .get('/api/system/activity')
      .query({ type: 'lead.opted_out' })
      .set(tenant.admin.headers);
    expect(activity.body.data).toContainEqual(
      expect.objectContaining({
        data: expect.objectContaining({
          lead_id: leadId,
          message_id: id,
          source: 'provider',
          channel: 'sms',
        }),
      }),
    );
    // Nothing more goes into the refusal: the next message is stopped by the policy, never posted.
    const next = await api.http
      .post(`/api/leads/${leadId}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Again?' });
    expect(next.status).toBe(422);
    expect(next.body.error).toMatchObject({
      code: 'POLICY_VIOLATION',
      message: expect.stringContaining('sms'),
    });
    expect(posts()).toHaveLength(1);
  });

  it("opts the lead out when a lost send's look-up finds it failed as to an unsubscribed number", async () => {
    const next = `+1${phone}`;
    twilio.reply(
      { status: 500, body: TWILIO_ERROR_20500 },
      {
        status: 200,
        body: twilioMessageList([
          twilioMessageResource({
            sid: 'SM0123456789abcdef0123456789abcd77',
            to: next,
            body: 'Lost one',
            status: 'failed',
            error_code: 21610,
            date_sent: new Date().toUTCString(),
            date_created: new Date().toUTCString(),
          }),
        ]),
      },
    );
    const { leadId, to } = await sendSms('Lost one');
    expect(to).toBe(next);
    await settled(leadId, 'failed', '21610');
    await waitFor(
      async () => ((await leadOf(leadId)).opted_out_channels.includes('sms') ? true : undefined),
      10_000,
      'the opt-out',
    );
  });

  it('leaves the lead free to contact when a send fails for another reason (an invalid number)', async () => {
    twilio.reply({ status: 400, body: TWILIO_ERROR_21211 });
    const { leadId } = await sendSms('Bad number again');
    await settled(leadId, 'failed', '21211');
    await new Promise((r) => setTimeout(r, 300));
    expect((await leadOf(leadId)).opted_out_channels).toEqual([]);
  });

  it('never sends a message to a lead who opted out while it waited', async () => {
    const queue = worker.app.get(JobProducer).queue(QueueName.OutboundMessages);
    await queue.pause();
    try {
      twilio.reply({ status: 201, body: twilioMessageResource() });
      const { id, leadId, to } = await sendSms('Still there?');
      const dnc = await api.http
        .post('/api/dnc')
        .set(tenant.admin.headers)
        .send({ phone: to, channel: 'sms', reason: 'manual' });
      expect(dnc.status).toBe(201);
      expect((await messageOf(leadId)).status).toBe('queued');
      await queue.resume();
      const failed = await settled(leadId, 'failed');
      expect(failed).toMatchObject({ id, error_code: 'policy:do_not_contact', provider_message_id: null });
      expect(posts()).toHaveLength(0);
    } finally {
      await queue.resume();
    }
  });
});
