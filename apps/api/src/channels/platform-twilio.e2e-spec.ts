import { createTenant, expectValidation, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';
import { twilioMessageResource } from '../../../../libs/providers/test/fixtures/twilio.fixtures';
import { signTwilioRequest } from '../../../../libs/providers/src/signatures/twilio-signature';

const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
const AUTH_TOKEN = 'platform-auth-token-0123456789abcdef';
const PLATFORM_FROM = '+14155559000';

/**
 * DESIGN §2: with TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN set, a tenant's SMS, WhatsApp and voice channels that it
 * has not configured run on the platform's Twilio account (here a local Twilio API), not on the simulator; its
 * credentials are read from the platform's config at each use, shown masked, and never become the tenant's.
 */
describe('platform-wide Twilio (e2e)', () => {
  let twilio: FakeHttpServer;
  let tenant: TestTenant;

  beforeAll(async () => {
    twilio = await FakeHttpServer.start();
    twilio.reply({
      status: 201,
      body: twilioMessageResource({ account_sid: ACCOUNT_SID, num_segments: '1' }),
    });
  });
  const { api } = useTestApiAndWorker(() => ({
    env: {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: PLATFORM_FROM,
      TWILIO_BASE_URL: twilio.url,
      WORKER_QUEUES: 'outbound-messages',
    },
  }));
  afterAll(() => twilio?.close());

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  const channel = async (name: string) =>
    (await api.http.get(`/api/config/channels/${name}`).set(tenant.admin.headers)).body.data;

  it("system/status shows the platform's Twilio line to a tenant that has not yet looked at its channels", async () => {
    const fresh = await createTenant(api.http);
    const status = await api.http.get('/api/system/status').set(fresh.admin.headers);
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({
      simulator: 'online',
      twilio: 'configured',
      whatsapp_api: 'configured',
      call_system: 'configured',
    });
  });

  it("runs a tenant's unconfigured SMS, WhatsApp and voice on the platform's account, shown masked; Telegram and email stay on the simulator", async () => {
    for (const name of ['sms', 'whatsapp', 'voice']) {
      const view = await channel(name);
      expect(view).toMatchObject({
        provider: 'twilio',
        credentials: { platform: true, from: PLATFORM_FROM },
      });
      expect(JSON.stringify(view)).not.toContain(AUTH_TOKEN);
    }
    for (const name of ['telegram', 'email']) expect((await channel(name)).provider).toBe('simulator');
    const status = await api.http.get('/api/system/status').set(tenant.admin.headers);
    expect(status.body.data).toMatchObject({ twilio: 'configured', call_system: 'configured' });
  });

  it("sends an SMS through the platform's account from its number, and takes Twilio's callbacks signed with its token", async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ada', phone: '+14155550199' });
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Hello from the platform' });
    expect(sent.status).toBe(201);
    const request = await waitFor(() => twilio.requests.find((r) => r.method === 'POST'), 15_000, 'the send');
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(Object.fromEntries(request.form!)).toMatchObject({
      To: '+14155550199',
      From: PLATFORM_FROM,
      Body: 'Hello from the platform',
    });
    const basic = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');
    expect(request.headers.authorization).toBe(`Basic ${basic}`);
    const [message] = await waitFor(async () => {
      const rows = await api.db.query(
        `SELECT provider_message_id FROM messages WHERE id = $1 AND status = 'sent'`,
        [sent.body.data.id],
      );
      return rows.length ? rows : undefined;
    });

    const key = (await channel('sms')).webhooks[0].url.split('key=')[1].split('&')[0];
    const path = `/webhooks/twilio/message-status?key=${key}`;
    const form = {
      MessageSid: message.provider_message_id,
      MessageStatus: 'delivered',
      AccountSid: ACCOUNT_SID,
      From: PLATFORM_FROM,
      To: '+14155550199',
    };
    const signed = (token: string) =>
      api.http
        .post(path)
        .type('form')
        .set('X-Twilio-Signature', signTwilioRequest(token, `${api.config.publicBaseUrl}${path}`, form))
        .send(form);
    expect((await signed('another-token')).status).toBe(403);
    expect((await signed(AUTH_TOKEN)).status).toBe(200);
  });

  it("a tenant's own Twilio config gives all its own credentials: the platform's are never kept for it", async () => {
    const before = await channel('sms');
    const res = await api.http
      .put('/api/config/channels/sms')
      .set(tenant.admin.headers)
      .send({ provider: 'twilio', credentials: { from: '+14155550000' } });
    expectValidation(res, ['credentials.account_sid', 'credentials.auth_token']);
    expect(await channel('sms')).toEqual(before);
  });
});
