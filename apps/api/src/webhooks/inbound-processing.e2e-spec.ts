import {
  ChannelConfigsService,
  InboundJobsService,
  OPT_OUT_CONFIRMATION,
  ResolvedChannel,
} from '@app/domain';
import { signTwilioRequest } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import {
  appliedEvent,
  createTenant,
  HeardEvent,
  TestApi,
  TestTenant,
  TestWorker,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { startStatusPlatform, StatusPlatform } from './status-callbacks.fixture';

/**
 * Issue 4 items 5-6 end to end: signed webhooks recorded by the API, applied by the worker (`inbound.process`):
 * leads and conversations from inbound messages, STOP / START, live events to the inbox.
 */
describe('inbound processing (e2e)', () => {
  // Only this part's queue (startStatusPlatform's worker): confirmations stay `queued` for the assertions (sending
  // them is the outbound tests').
  let platform: StatusPlatform;
  let api: TestApi;
  let worker: TestWorker;
  let db: DataSource;
  let tenant: TestTenant;
  let sms: ResolvedChannel;
  let seen: HeardEvent[] = [];
  let seq = 0;

  beforeAll(async () => {
    platform = await startStatusPlatform();
    ({ api, worker, db, tenant, sms, seen } = platform);
  }, 60_000);
  afterAll(() => platform?.close());

  const sid = () => `SM${(++seq).toString(16).padStart(32, '0')}`;

  /** Posts a signed Twilio form and waits until the worker has processed the event it recorded. */
  async function twilio(path: string, form: Record<string, string>, eventKey: string): Promise<string> {
    const res = await platform.calls.postSigned(path, form);
    expect(res.status).toBe(200);
    return waitFor(
      async () => {
        const [row] = await db.query(
          `SELECT id FROM webhook_events WHERE tenant_id = $1 AND event_key = $2 AND processed_at IS NOT NULL`,
          [tenant.id, eventKey],
        );
        return row?.id as string | undefined;
      },
      15_000,
      `event ${eventKey}`,
    ).catch(async (err) => {
      // On a timeout, say why: the queue's counts and the reasons of its failed or delayed jobs.
      const failed = await worker.app
        .get(JobProducer)
        .queue(QueueName.InboundEvents)
        .getJobs(['failed', 'delayed']);
      const waiting = await worker.app.get(JobProducer).queue(QueueName.InboundEvents).getJobCounts();
      throw new Error(
        `${err} ${JSON.stringify(waiting)} ${failed.map((j) => `${j.failedReason} ${j.stacktrace?.[0]}`).join('; ')}`,
      );
    });
  }

  const inbound = (from: string, body: string, messageSid = sid()) => {
    const { path, form } = platform.calls.inboundSms(from, body, messageSid);
    return twilio(path, form, `inbound:${messageSid}`);
  };

  const leadByPhone = async (phone: string) =>
    (
      await db.query(`SELECT * FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [tenant.id, phone])
    )[0];

  it('an SMS from a new number makes a lead, opens a conversation, records the message and tells the inbox', async () => {
    const first = sid();
    await inbound('+14155550101', 'Interested! Tell me more', first);
    const lead = await leadByPhone('+14155550101');
    expect(lead).toMatchObject({ source: 'inbound_sms', opted_out_channels: [] });
    const identities = await db.query(
      `SELECT channel, address FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2`,
      [tenant.id, lead.id],
    );
    expect(identities).toEqual([{ channel: 'phone', address: '+14155550101' }]);
    const [conversation] = await db.query(
      `SELECT * FROM conversations WHERE tenant_id = $1 AND lead_id = $2`,
      [tenant.id, lead.id],
    );
    expect(conversation).toMatchObject({ channel: 'sms', status: 'open', unread_count: 1 });
    expect(conversation.last_inbound_at).toBeInstanceOf(Date);
    const messages = await db.query(`SELECT * FROM messages WHERE tenant_id = $1 AND lead_id = $2`, [
      tenant.id,
      lead.id,
    ]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      conversation_id: conversation.id,
      direction: 'inbound',
      sender: 'lead',
      status: 'received',
      content: 'Interested! Tell me more',
      provider: 'simulator',
      provider_message_id: first,
    });
    for (const event of ['message.received', 'new_sms_message']) {
      const got = await waitFor(() => seen.find((s) => s.event === event)?.payload, 5_000, event);
      expect(got).toMatchObject({
        conversation_id: conversation.id,
        lead_id: lead.id,
        channel: 'sms',
        message: { id: messages[0].id, content: 'Interested! Tell me more', status: 'received' },
        unread_count: 1,
      });
    }

    // The same provider message again (a provider retry that got past the webhook) changes nothing...
    await db.query(`DELETE FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`, [
      tenant.id,
      `inbound:${first}`,
    ]);
    await inbound('+14155550101', 'Interested! Tell me more', first);
    // ...and the next one joins the same conversation.
    await inbound('+1 415-555-0101', 'When can we talk?');
    const after = await db.query(
      `SELECT c.unread_count, count(m.id)::int AS messages, count(DISTINCT l.id)::int AS leads
         FROM conversations c JOIN messages m ON m.conversation_id = c.id
         JOIN leads l ON l.tenant_id = c.tenant_id AND l.phone_normalized = '+14155550101'
        WHERE c.tenant_id = $1 AND c.id = $2 GROUP BY c.unread_count`,
      [tenant.id, conversation.id],
    );
    expect(after).toEqual([{ unread_count: 2, messages: 2, leads: 1 }]);
  });

  it('a lead made by a message from a new number reaches the dashboard: lead.created and leads_today, once', async () => {
    const created = (id: string) =>
      seen.filter((s) => s.event === 'lead.created' && JSON.stringify(s.payload).includes(id));
    await inbound('+14155550131', 'Hello, who is this?');
    const lead = await leadByPhone('+14155550131');
    const heard = await waitFor(() => created(lead.id)[0]?.payload, 5_000, 'lead.created');
    expect(heard).toEqual({
      count: 1,
      leads: [{ id: lead.id, name: null, email: null, phone: '+14155550131', source: 'inbound_sms' }],
      timestamp: api.clock.now().toISOString(),
    });
    // ...followed by the day's lead count.
    const announced = seen.findIndex((s) => s.payload === heard);
    await waitFor(
      () =>
        seen.find(
          (s, i) => i > announced && s.event === 'metrics.update' && s.payload.metric === 'leads_today',
        ),
      5_000,
      'metrics.update leads_today',
    );
    // Their next message finds the lead: nothing new is announced.
    const second = await inbound('+14155550131', 'Still there?');
    expect(second).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(created(lead.id)).toHaveLength(1);
  });

  it("a WhatsApp message from a known lead's number finds that lead and records its WhatsApp identity", async () => {
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Known', last_name: 'Lead', phone: '+14155550102' });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id;
    const messageSid = sid();
    await twilio(
      `/webhooks/twilio/messaging?key=${sms.webhookKey}`,
      {
        MessageSid: messageSid,
        AccountSid: 'AC00000000000000000000000000000000',
        From: 'whatsapp:+14155550102',
        To: 'whatsapp:+15005550006',
        Body: 'Hi from WhatsApp',
        NumMedia: '0',
        ProfileName: 'Known Lead',
      },
      `inbound:${messageSid}`,
    );
    const [message] = await db.query(
      `SELECT m.lead_id, c.channel FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.tenant_id = $1 AND m.provider_message_id = $2`,
      [tenant.id, messageSid],
    );
    expect(message).toEqual({ lead_id: leadId, channel: 'whatsapp' });
    const identities = await db.query(
      `SELECT channel FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2 ORDER BY channel`,
      [tenant.id, leadId],
    );
    expect(identities.map((i: { channel: string }) => i.channel)).toEqual(['phone', 'whatsapp']);
    await waitFor(
      () => seen.find((s) => s.event === 'new_whatsapp_message' && s.payload.lead_id === leadId),
      5_000,
      'new_whatsapp_message',
    );
  });

  it("a WhatsApp reply from a Mexican lead's old WhatsApp ID (+52 1...) finds the lead we wrote to", async () => {
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Mexican', last_name: 'Lead', phone: '+525512345678' });
    expect(created.status).toBe(201);
    const messageSid = sid();
    await twilio(
      `/webhooks/twilio/messaging?key=${sms.webhookKey}`,
      {
        MessageSid: messageSid,
        AccountSid: 'AC00000000000000000000000000000000',
        From: 'whatsapp:+5215512345678',
        To: 'whatsapp:+15005550006',
        Body: 'Hola',
        NumMedia: '0',
      },
      `inbound:${messageSid}`,
    );
    const [message] = await db.query(
      `SELECT lead_id FROM messages WHERE tenant_id = $1 AND provider_message_id = $2`,
      [tenant.id, messageSid],
    );
    expect(message).toEqual({ lead_id: created.body.data.id });
  });

  it('STOP opts the lead out of that channel, lists it, and is confirmed once; START opts back in', async () => {
    const phone = '+14155550103';
    await inbound(phone, 'Who is this?');
    const lead = await leadByPhone(phone);
    const stopSid = sid();
    const eventId = await inbound(phone, '  Stop ', stopSid);
    // The provider's retry of the same STOP, the job run again after it was recorded (a worker that died before
    // marking it processed), and a second STOP: nothing more is sent.
    await inbound(phone, '  Stop ', stopSid);
    await db.query(`UPDATE webhook_events SET processed_at = NULL WHERE id = $1`, [eventId]);
    await worker.app.get(InboundJobsService).process({ tenant_id: tenant.id, event_id: eventId });
    await inbound(phone, 'STOP');

    expect((await leadByPhone(phone)).opted_out_channels).toEqual(['sms']);
    const dnc = await db.query(
      `SELECT channel, reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2`,
      [tenant.id, phone],
    );
    expect(dnc).toEqual([{ channel: 'sms', reason: 'stop_keyword' }]);
    const confirmations = await db.query(
      `SELECT idempotency_key, sender, direction, channel, content, status FROM messages
        WHERE tenant_id = $1 AND lead_id = $2 AND direction = 'outbound'`,
      [tenant.id, lead.id],
    );
    expect(confirmations).toEqual([
      {
        idempotency_key: `opt-out-confirmation:${eventId}`,
        sender: 'system',
        direction: 'outbound',
        channel: 'sms',
        content: OPT_OUT_CONFIRMATION,
        status: 'queued',
      },
    ]);
    const optedOut = await waitFor(
      () => seen.find((s) => s.event === 'lead.opted_out' && s.payload.lead_id === lead.id)?.payload,
      5_000,
      'lead.opted_out',
    );
    expect(optedOut).toMatchObject({ channel: 'sms', keyword: 'STOP', event_id: eventId });
    // The inbox still shows what the lead wrote.
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND lead_id = $2 AND direction = 'inbound'`,
      [tenant.id, lead.id],
    );
    expect(n).toBe(3);

    await inbound(phone, 'start');
    expect((await leadByPhone(phone)).opted_out_channels).toEqual([]);
    const [{ left }] = await db.query(
      `SELECT count(*)::int AS left FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2`,
      [tenant.id, phone],
    );
    expect(left).toBe(0);
    await waitFor(
      () => seen.find((s) => s.event === 'lead.opted_in' && s.payload.lead_id === lead.id),
      5_000,
      'lead.opted_in',
    );
  });

  it('a STOP from someone listed for all channels is recorded but not confirmed', async () => {
    const phone = '+14155550105';
    await inbound(phone, 'Hello');
    const lead = await leadByPhone(phone);
    const added = await api.http
      .post('/api/dnc')
      .set(tenant.admin.headers)
      .send({ phone, channel: 'all', reason: 'complaint' });
    expect(added.status).toBe(201);
    await inbound(phone, 'STOP');
    expect((await leadByPhone(phone)).opted_out_channels).toEqual(['sms']);
    expect(
      await db.query(
        `SELECT channel, reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2 ORDER BY channel`,
        [tenant.id, phone],
      ),
    ).toEqual([
      { channel: 'all', reason: 'complaint' },
      { channel: 'sms', reason: 'stop_keyword' },
    ]);
    const outbound = await db.query(
      `SELECT id FROM messages WHERE tenant_id = $1 AND lead_id = $2 AND direction = 'outbound'`,
      [tenant.id, lead.id],
    );
    expect(outbound).toEqual([]);
  });

  it('START leaves a channel closed that a manual do-not-contact entry lists', async () => {
    const phone = '+14155550104';
    await inbound(phone, 'Hello');
    const added = await api.http
      .post('/api/dnc')
      .set(tenant.admin.headers)
      .send({ phone, channel: 'sms', reason: 'manual' });
    expect(added.status).toBe(201);
    await inbound(phone, 'STOP');
    await inbound(phone, 'UNSTOP');
    expect((await leadByPhone(phone)).opted_out_channels).toEqual(['sms']);
    const dnc = await db.query(
      `SELECT reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2 AND channel = 'sms'`,
      [tenant.id, phone],
    );
    expect(dnc).toEqual([{ reason: 'manual' }]);
  });

  /** The lead's sms entries on the list, as (reason, created_by_id). */
  const smsEntries = (phone: string) =>
    db.query(
      `SELECT reason, created_by_id FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2 AND channel = 'sms'`,
      [tenant.id, phone],
    );

  it("a manual listing after the lead's STOP takes the STOP's entry over: their START leaves the channel closed", async () => {
    const phone = '+14155550107';
    await inbound(phone, 'Hello');
    await inbound(phone, 'STOP');
    expect(await smsEntries(phone)).toEqual([{ reason: 'stop_keyword', created_by_id: null }]);
    const added = await api.http
      .post('/api/dnc')
      .set(tenant.admin.headers)
      .send({ phone, channel: 'sms', reason: 'manual' });
    expect(added.status).toBe(200);
    expect(added.body.data).toMatchObject({
      phone,
      channel: 'sms',
      reason: 'manual',
      created_by_id: tenant.admin.id,
      created: false,
      taken_over: true,
    });
    await inbound(phone, 'START');
    expect((await leadByPhone(phone)).opted_out_channels).toEqual(['sms']);
    expect(await smsEntries(phone)).toEqual([{ reason: 'manual', created_by_id: tenant.admin.id }]);
    // Only the admin's DELETE lifts it.
    await api.http.delete(`/api/dnc/${added.body.data.id}`).set(tenant.admin.headers).expect(200);
    expect((await leadByPhone(phone)).opted_out_channels).toEqual([]);
  });

  it("a do-not-contact import after the lead's STOP takes the STOP's entry over: their START leaves the channel closed", async () => {
    const phone = '+14155550108';
    await inbound(phone, 'Hello');
    await inbound(phone, 'STOP');
    const imported = await api.http
      .post('/api/dnc/import')
      .set(tenant.admin.headers)
      .field('channel', 'sms')
      .attach('file', Buffer.from(`Phone\n${phone}\n`), { filename: 'dnc.csv', contentType: 'text/csv' });
    expect(imported.status).toBe(200);
    expect(imported.body.data.results).toEqual({
      total: 1,
      added: 0,
      existing: 1,
      taken_over: 1,
      invalid: 0,
      leads_flagged: 0,
    });
    await inbound(phone, 'UNSTOP');
    expect((await leadByPhone(phone)).opted_out_channels).toEqual(['sms']);
    expect(await smsEntries(phone)).toEqual([{ reason: 'import', created_by_id: tenant.admin.id }]);
  });

  it('on a Twilio number, STOP is recorded without a confirmation of ours (Twilio answers it), unless the channel says Twilio does not', async () => {
    const token = 'twilio-auth-token-0123456789abcd';
    const credentials = {
      account_sid: 'AC0123456789abcdef0123456789abcdef',
      auth_token: token,
      from: '+14155550100',
    };
    const twilioTenant = await createTenant(api.http);
    /** Configures the tenant's SMS on Twilio, then posts a signed STOP from `phone` and waits for it applied. */
    async function stopFrom(
      phone: string,
      settings: Record<string, unknown>,
      words: Record<string, string> = { Body: 'STOP' },
    ): Promise<string> {
      const configured = await api.http
        .put('/api/config/channels/sms')
        .set(twilioTenant.admin.headers)
        .send({
          provider: 'twilio',
          credentials: {
            account_sid: 'AC0123456789abcdef0123456789abcdef',
            auth_token: token,
            from: '+14155550100',
          },
          settings,
        });
      expect(configured.status).toBe(200);
      const channel = await api.app.get(ChannelConfigsService).resolve(twilioTenant.id, 'sms');
      const path = `/webhooks/twilio/messaging?key=${channel.webhookKey}`;
      const messageSid = sid();
      const form = {
        MessageSid: messageSid,
        AccountSid: 'AC0123456789abcdef0123456789abcdef',
        From: phone,
        To: '+14155550100',
        NumMedia: '0',
        ...words,
      };
      const res = await api.http
        .post(path)
        .type('form')
        .set('X-Twilio-Signature', signTwilioRequest(token, `${api.config.publicBaseUrl}${path}`, form))
        .send(form);
      expect(res.status).toBe(200);
      return (await appliedEvent(db, twilioTenant.id, `inbound:${messageSid}`)).lead_id as string;
    }
    const outbound = (leadId: string) =>
      db.query(`SELECT idempotency_key FROM messages WHERE lead_id = $1 AND direction = 'outbound'`, [
        leadId,
      ]);
    const optedOut = async (leadId: string) =>
      (await db.query(`SELECT opted_out_channels FROM leads WHERE id = $1`, [leadId]))[0].opted_out_channels;

    const answeredByTwilio = await stopFrom('+14155550105', { from: '+14155550100' });
    expect(await optedOut(answeredByTwilio)).toEqual(['sms']);
    expect(await outbound(answeredByTwilio)).toEqual([]);

    // A keyword of Twilio's Advanced Opt-Out (custom or localised), which Twilio enforces: reported as OptOutType.
    const localised = await stopFrom(
      '+14155550107',
      { from: '+14155550100' },
      { Body: 'ARRET', OptOutType: 'STOP' },
    );
    expect(await optedOut(localised)).toEqual(['sms']);

    const answeredByUs = await stopFrom('+14155550106', {
      from: '+14155550100',
      provider_opt_out_replies: false,
    });
    expect(await optedOut(answeredByUs)).toEqual(['sms']);
    expect(await outbound(answeredByUs)).toEqual([
      { idempotency_key: expect.stringMatching(/^opt-out-confirmation:/) },
    ]);

    const refused = await api.http
      .put('/api/config/channels/sms')
      .set(twilioTenant.admin.headers)
      .send({ provider: 'twilio', credentials, settings: { provider_opt_out_replies: 'yes' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { field: 'settings.provider_opt_out_replies', reason: 'must be true or false' },
    ]);
    const kept = await api.http.get('/api/config/channels/sms').set(twilioTenant.admin.headers);
    expect(kept.body.data.settings).toEqual({ from: '+14155550100', provider_opt_out_replies: false });
  });
});
