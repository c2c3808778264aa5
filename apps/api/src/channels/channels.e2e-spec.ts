import { SecretBox } from '@app/common';
import { ChannelConfigsService } from '@app/domain';
import { TwilioMessagingAdapter, SimulatorMessagingAdapter } from '@app/providers';
import {
  countRows,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  insertCallRow,
  ISO_TIMESTAMP,
  PgSessions,
  TEST_PUBLIC_BASE_URL,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';
import { twilioMessageResource } from '../../../../libs/providers/test/fixtures/twilio.fixtures';

/**
 * Channel configs (issue 4 item 1, DESIGN §3 key shapes): GET/PUT /api/config/channels/:channel and
 * /api/config/whatsapp; credentials validated per provider, sealed at rest, shown masked; the webhook URLs to give
 * the provider; a channel nobody configured runs on the simulator.
 */

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-auth-token-0123456789abcd';
const TWILIO = {
  provider: 'twilio',
  credentials: { account_sid: SID, auth_token: TOKEN, from: '+14155550100' },
};
const WHATSAPP_CLOUD = {
  access_token: 'EAAG-access-token-1234',
  phone_number_id: '106540352242922',
  app_secret: 'app-secret-5678',
  verify_token: 'verify-me-9012',
};
const KEY = /^[A-Za-z0-9_-]{43}$/;

describe('channel config (e2e)', () => {
  const api = useTestApi();
  let channels: ChannelConfigsService;

  beforeAll(async () => {
    channels = api.app.get(ChannelConfigsService);
  });

  const get = (t: TestTenant, channel: string) =>
    api.http.get(`/api/config/channels/${channel}`).set(t.admin.headers);
  const put = (t: TestTenant, channel: string, body: object) =>
    api.http.put(`/api/config/channels/${channel}`).set(t.admin.headers).send(body);
  const row = async (t: TestTenant, channel: string) =>
    (
      await api.db.query(
        'SELECT provider, credentials_sealed, settings, webhook_key, updated_at FROM channel_configs WHERE tenant_id = $1 AND channel = $2',
        [t.id, channel],
      )
    )[0];

  it('a channel nobody configured is the simulator, with a routing key and its webhook URLs', async () => {
    const t = await createTenant(api.http);
    const res = await get(t, 'sms');
    expect(res.status).toBe(200);
    const key = (await row(t, 'sms')).webhook_key;
    expect(key).toMatch(KEY);
    expect(res.body).toEqual({
      success: true,
      data: {
        channel: 'sms',
        provider: 'simulator',
        credentials: {},
        settings: {},
        webhooks: [
          expect.objectContaining({
            purpose: 'inbound',
            method: 'POST',
            url: `${TEST_PUBLIC_BASE_URL}/webhooks/twilio/messaging?key=${key}`,
          }),
          expect.objectContaining({
            purpose: 'status',
            url: `${TEST_PUBLIC_BASE_URL}/webhooks/twilio/message-status?key=${key}`,
          }),
        ],
        api_url: null,
        webhook_url: `${TEST_PUBLIC_BASE_URL}/webhooks/twilio/messaging?key=${key}`,
        status: 'simulator',
        last_sync: null,
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
      },
    });
    // The simulator's signing secret is sealed like any credential.
    expect((await row(t, 'sms')).credentials_sealed).toMatch(/^v1:/);
    const telegram = await get(t, 'telegram');
    const telegramKey = (await row(t, 'telegram')).webhook_key;
    expect(telegramKey).not.toBe(key);
    expect(telegram.body.data.webhooks.map((w: { url: string }) => w.url)).toEqual([
      `${TEST_PUBLIC_BASE_URL}/webhooks/telegram/${telegramKey}`,
    ]);
  });

  it('PUT twilio stores the credentials sealed and answers them masked; GET shows the same', async () => {
    const t = await createTenant(api.http);
    const res = await put(t, 'sms', { ...TWILIO, settings: { from: '+14155550100' } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      channel: 'sms',
      provider: 'twilio',
      credentials: { account_sid: SID, auth_token: '********abcd', from: '+14155550100' },
      settings: { from: '+14155550100' },
    });
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    const stored = await row(t, 'sms');
    expect(stored.provider).toBe('twilio');
    expect(stored.credentials_sealed).toMatch(/^v1:/);
    expect(stored.credentials_sealed).not.toContain(TOKEN);
    expect((await get(t, 'sms')).body.data).toEqual(res.body.data);
    const activity = await api.http
      .get('/api/system/activity?type=channel_config.updated')
      .set(t.admin.headers);
    expect(activity.body.data).toEqual([
      expect.objectContaining({
        data: { channel: 'sms', provider: 'twilio', previous_provider: 'simulator' },
      }),
    ]);
    const status = await api.http.get('/api/system/status').set(t.admin.headers);
    expect(status.body.data).toMatchObject({ simulator: 'online', twilio: 'configured' });
  });

  it('resolve() builds the configured adapter; findByWebhookKey routes its key to the tenant', async () => {
    const t = await createTenant(api.http);
    const sim = await channels.resolve(t.id, 'whatsapp');
    expect(sim.port).toBeInstanceOf(SimulatorMessagingAdapter);
    expect(sim).toMatchObject({ tenantId: t.id, channel: 'whatsapp', provider: 'simulator' });
    expect(sim.signingSecret).toMatch(KEY);
    expect((await channels.resolve(t.id, 'whatsapp')).signingSecret).toBe(sim.signingSecret);
    expect(await countRows(api.db, 'channel_configs', 'tenant_id = $1', [t.id])).toBe(1);

    await put(t, 'whatsapp', TWILIO).expect(200);
    const twilio = await channels.resolve(t.id, 'whatsapp');
    expect(twilio.port).toBeInstanceOf(TwilioMessagingAdapter);
    expect(twilio).toMatchObject({ provider: 'twilio', signingSecret: TOKEN, webhookKey: sim.webhookKey });
    const routed = await channels.findByWebhookKey(sim.webhookKey);
    expect(routed).toMatchObject({
      tenantId: t.id,
      channel: 'whatsapp',
      provider: 'twilio',
      signingSecret: TOKEN,
    });
    expect(await channels.findByWebhookKey('no-such-key-0123456789abcdef')).toBeNull();
    expect(await channels.findByWebhookKey("' OR 1=1 --")).toBeNull();
  });

  it('a change is a new adapter even when it carries the same timestamp as the one before', async () => {
    const t = await createTenant(api.http);
    await put(t, 'sms', TWILIO).expect(200);
    const before = await channels.resolve(t.id, 'sms');
    const { updated_at } = await row(t, 'sms');
    const ROTATED = 'twilio-auth-token-rotated-5555abcd';
    await put(t, 'sms', { ...TWILIO, credentials: { ...TWILIO.credentials, auth_token: ROTATED } }).expect(
      200,
    );
    // Two changes whose transactions began in the same millisecond store the same updated_at.
    await api.db.query('UPDATE channel_configs SET updated_at = $3 WHERE tenant_id = $1 AND channel = $2', [
      t.id,
      'sms',
      updated_at,
    ]);
    const after = await channels.resolve(t.id, 'sms');
    expect(before.signingSecret).toBe(TOKEN);
    expect(after.signingSecret).toBe(ROTATED);
    expect(after.port).not.toBe(before.port);
  });

  it('resolve() made concurrently makes one row and one secret', async () => {
    const t = await createTenant(api.http);
    const all = await Promise.all(Array.from({ length: 8 }, () => channels.resolve(t.id, 'email')));
    expect(new Set(all.map((r) => r.webhookKey)).size).toBe(1);
    expect(new Set(all.map((r) => r.signingSecret)).size).toBe(1);
    expect(await countRows(api.db, 'channel_configs', 'tenant_id = $1', [t.id])).toBe(1);
  });

  it('takes a provider in any case, as other enums are taken', async () => {
    const t = await createTenant(api.http);
    const res = await put(t, 'sms', { ...TWILIO, provider: 'Twilio' });
    expect(res.status).toBe(200);
    expect(res.body.data.provider).toBe('twilio');
    const whatsapp = await api.http
      .put('/api/config/whatsapp')
      .set(t.admin.headers)
      .send({ provider: 'WhatsApp_Cloud', credentials: WHATSAPP_CLOUD });
    expect(whatsapp.body.data?.provider).toBe('whatsapp_cloud');
  });

  it('a secret sent back masked (or left out) keeps its stored value', async () => {
    const t = await createTenant(api.http);
    await put(t, 'sms', TWILIO).expect(200);
    const res = await put(t, 'sms', {
      provider: 'twilio',
      credentials: {
        account_sid: SID,
        auth_token: '********abcd',
        messaging_service_sid: `MG${'a'.repeat(32)}`,
      },
    });
    expect(res.status).toBe(200);
    expect((await channels.resolve(t.id, 'sms')).signingSecret).toBe(TOKEN);
    expect(res.body.data.credentials).toEqual({
      account_sid: SID,
      auth_token: '********abcd',
      messaging_service_sid: `MG${'a'.repeat(32)}`,
    });
  });

  it('a stored secret is never kept for another account or server: a new SMTP host or Twilio account needs its secret', async () => {
    const t = await createTenant(api.http);
    const SMTP = {
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      user: 'mailer',
      pass: 'smtp-password-1234',
      from: 'hello@clinic.example',
      inbound_secret: 'in-s3cret-5678',
    };
    await put(t, 'email', { provider: 'smtp', credentials: SMTP }).expect(200);
    const before = await row(t, 'email');
    // The masked password would go to a server the tenant never gave it to (SMTP AUTH sends it there).
    const moved = { ...SMTP, host: 'mail.elsewhere.example', pass: '********1234' };
    expectValidation(await put(t, 'email', { provider: 'smtp', credentials: moved }), ['credentials.pass']);
    const { pass: _pass, ...withoutPass } = moved;
    expectValidation(await put(t, 'email', { provider: 'smtp', credentials: withoutPass }), [
      'credentials.pass',
    ]);
    expect(await row(t, 'email')).toEqual(before);
    // Our own secrets (the inbound one) and the same host keep theirs.
    await put(t, 'email', {
      provider: 'smtp',
      credentials: { ...SMTP, pass: '********1234', inbound_secret: '********5678', port: 465, secure: true },
    }).expect(200);
    const box = new SecretBox(api.config.encryptionKey);
    const sealed = JSON.parse(box.decrypt((await row(t, 'email')).credentials_sealed));
    expect(sealed).toMatchObject({ pass: SMTP.pass, inbound_secret: SMTP.inbound_secret, port: 465 });
    await put(t, 'email', {
      provider: 'smtp',
      credentials: {
        ...SMTP,
        host: 'mail.elsewhere.example',
        pass: 'new-password',
        inbound_secret: '********5678',
      },
    }).expect(200);

    // A Twilio auth token belongs to its account.
    await put(t, 'sms', TWILIO).expect(200);
    const sms = await row(t, 'sms');
    const OTHER_SID = `AC${'b'.repeat(32)}`;
    expectValidation(
      await put(t, 'sms', {
        provider: 'twilio',
        credentials: { ...TWILIO.credentials, account_sid: OTHER_SID, auth_token: '********abcd' },
      }),
      ['credentials.auth_token'],
    );
    expect(await row(t, 'sms')).toEqual(sms);
  });

  it('a PUT keeping a masked secret while another rotates it keeps the new secret (composed from the row under its lock)', async () => {
    const t = await createTenant(api.http);
    await put(t, 'sms', TWILIO).expect(200);
    const ROTATED = 'twilio-auth-token-rotated-9876wxyz';
    const sessions = new PgSessions(api.db);
    try {
      const holder = await sessions.begin();
      await holder.tx.query(
        'SELECT 1 FROM channel_configs WHERE tenant_id = $1 AND channel = $2 FOR UPDATE',
        [t.id, 'sms'],
      );
      // The rotation queues first; then an edit of the sender alone, its token sent back masked as GET showed it.
      const rotation = put(t, 'sms', {
        ...TWILIO,
        credentials: { ...TWILIO.credentials, auth_token: ROTATED },
      }).then((r) => r.status);
      await sessions.lockWaiters('%channel_configs%', 1);
      const edit = put(t, 'sms', {
        provider: 'twilio',
        credentials: { account_sid: SID, auth_token: '********abcd', from: '+14155550111' },
      }).then((r) => r.status);
      await sessions.lockWaiters('%channel_configs%', 2);
      await holder.tx.commitTransaction();
      expect(await Promise.all([rotation, edit])).toEqual([200, 200]);
    } finally {
      await sessions.close();
    }
    const resolved = await channels.resolve(t.id, 'sms');
    expect(resolved.signingSecret).toBe(ROTATED);
    expect((await get(t, 'sms')).body.data.credentials).toMatchObject({ from: '+14155550111' });
  });

  it('PUT each real provider with its own credentials', async () => {
    const t = await createTenant(api.http);
    const cases: [string, object, Record<string, unknown>, string][] = [
      [
        'whatsapp',
        {
          provider: 'whatsapp_cloud',
          credentials: {
            ...WHATSAPP_CLOUD,
            graph_api_version: 'v26.0',
          },
        },
        {
          phone_number_id: '106540352242922',
          access_token: '********1234',
          app_secret: '********5678',
          verify_token: '********9012',
          graph_api_version: 'v26.0',
        },
        'app-secret-5678',
      ],
      [
        'telegram',
        {
          provider: 'telegram',
          credentials: {
            bot_token: '123456789:AAE-abcdefghijklmnopqrstuvwxyz',
            secret_token: 'tg_secret_token-42',
          },
        },
        { bot_token: '********wxyz', secret_token: '********n-42' },
        'tg_secret_token-42',
      ],
      [
        'email',
        {
          provider: 'smtp',
          credentials: {
            host: 'smtp.example.com',
            port: 587,
            secure: false,
            user: 'mailer',
            pass: 'smtp-pass-3456',
            from: 'Clinic <hello@clinic.example>',
            inbound_secret: 'inbound-secret-7890',
          },
        },
        {
          host: 'smtp.example.com',
          port: 587,
          secure: false,
          user: 'mailer',
          pass: '********3456',
          from: 'Clinic <hello@clinic.example>',
          inbound_secret: '********7890',
        },
        'inbound-secret-7890',
      ],
    ];
    for (const [channel, body, masked, secret] of cases) {
      const res = await put(t, channel, body);
      expect({ channel, status: res.status, credentials: res.body.data?.credentials }).toEqual({
        channel,
        status: 200,
        credentials: masked,
      });
      const resolved = await channels.resolve(t.id, channel as 'whatsapp' | 'telegram' | 'email');
      expect(resolved.signingSecret).toBe(secret);
    }
    expect((await channels.resolve(t.id, 'whatsapp')).settings).toEqual({ verify_token: 'verify-me-9012' });
    const whatsapp = await get(t, 'whatsapp');
    const key = (await row(t, 'whatsapp')).webhook_key;
    expect(
      whatsapp.body.data.webhooks.map((w: { method: string; url: string }) => `${w.method} ${w.url}`),
    ).toEqual([
      `GET ${TEST_PUBLIC_BASE_URL}/webhooks/whatsapp?key=${key}`,
      `POST ${TEST_PUBLIC_BASE_URL}/webhooks/whatsapp?key=${key}`,
    ]);
  });

  it('WhatsApp on Twilio takes its WhatsApp sender (whatsapp_from) alone; SMS does not', async () => {
    const t = await createTenant(api.http);
    const credentials = { account_sid: SID, auth_token: TOKEN, whatsapp_from: '+14155238886' };
    const res = await put(t, 'whatsapp', { provider: 'twilio', credentials });
    expect(res.status).toBe(200);
    expect(res.body.data.credentials).toEqual({
      account_sid: SID,
      auth_token: '********abcd',
      whatsapp_from: '+14155238886',
    });
    expect((await channels.resolve(t.id, 'whatsapp')).sender).toBe('+14155238886');
    // An SMS number cannot be a WhatsApp sender: the SMS config still needs from or a messaging service.
    expectValidation(await put(t, 'sms', { provider: 'twilio', credentials }), ['credentials.from']);
    expect(await row(t, 'sms')).toBeUndefined();
  });

  it("settings.from is the Twilio channel's sender, as it is the simulator's and the voice caller id", async () => {
    const twilio = await FakeHttpServer.start();
    try {
      twilio.reply({ status: 201, body: twilioMessageResource() });
      const t = await createTenant(api.http);
      await put(t, 'sms', { ...TWILIO, settings: { from: '+14155550177' } }).expect(200);
      // The same config, its API at the local server (a credential a tenant cannot set).
      const box = new SecretBox(api.config.encryptionKey);
      await api.db.query(
        `UPDATE channel_configs SET credentials_sealed = $3, version = version + 1 WHERE tenant_id = $1 AND channel = $2`,
        [t.id, 'sms', box.encrypt(JSON.stringify({ ...TWILIO.credentials, base_url: twilio.url }))],
      );
      const sms = await channels.resolve(t.id, 'sms');
      expect(sms.sender).toBe('+14155550177');
      await sms.port.send({ channel: 'sms', to: '+14155550199', body: 'Hi', message_id: 'm-1' });
      expect(Object.fromEntries(twilio.requests[0].form!)).toMatchObject({
        To: '+14155550199',
        From: '+14155550177',
      });
    } finally {
      await twilio.close();
    }
  });

  it('settings.from on Twilio must be a sender Twilio takes (what every send and call goes from): else 400, nothing changed', async () => {
    const t = await createTenant(api.http);
    await put(t, 'sms', { ...TWILIO, settings: { from: '+14155550177' } }).expect(200);
    const before = await row(t, 'sms');
    for (const from of ['not a number!!', '+1 (415) 555-0100', 'x'.repeat(12)])
      expectValidation(await put(t, 'sms', { ...TWILIO, settings: { from } }), ['settings.from']);
    expect(await row(t, 'sms')).toEqual(before);
    // An alphanumeric sender id is an SMS sender only: WhatsApp and voice go from a number.
    expect((await put(t, 'sms', { ...TWILIO, settings: { from: 'Clinic' } })).status).toBe(200);
    expectValidation(await put(t, 'whatsapp', { ...TWILIO, settings: { from: 'Clinic' } }), [
      'settings.from',
    ]);
    expectValidation(await put(t, 'voice', { ...TWILIO, settings: { from: 'Clinic' } }), ['settings.from']);
    expect(await row(t, 'whatsapp')).toBeUndefined();
    expect(await row(t, 'voice')).toBeUndefined();
    // The simulator's sender is free text.
    expect((await put(t, 'whatsapp', { provider: 'simulator', settings: { from: 'Clinic' } })).status).toBe(
      200,
    );
  });

  it('a rejected PUT names each bad field and changes nothing', async () => {
    const t = await createTenant(api.http);
    await put(t, 'sms', TWILIO).expect(200);
    const before = await row(t, 'sms');
    const bad: [object, string[]][] = [
      // The stored auth token stands in for the one left out: only the bad SID is named.
      [{ provider: 'twilio', credentials: { account_sid: 'nope' } }, ['credentials.account_sid']],
      [
        { provider: 'twilio', credentials: { account_sid: SID, auth_token: 'x', extra: 1 } },
        ['credentials.extra'],
      ],
      [{ provider: 'twilio', credentials: { account_sid: SID, auth_token: 'x' } }, ['credentials.from']],
      [{ provider: 'telegram', credentials: {} }, ['provider']],
      [{ provider: 'carrier-pigeon' }, ['provider']],
      [{ provider: 'simulator', credentials: { auth_token: 'x' } }, ['credentials.auth_token']],
      [{ provider: 'twilio', credentials: 'token' }, ['credentials']],
      [{ provider: 'twilio', settings: { from: 42 }, credentials: TWILIO.credentials }, ['settings.from']],
      [{ ...TWILIO, webhook_key: 'mine' }, ['webhook_key']],
    ];
    for (const [body, fields] of bad) {
      const res = await put(t, 'sms', body);
      expectValidation(res, fields);
      // Worded as every other refused input: "Invalid input: " and the fields with their reasons.
      expect(res.body.error.message).toBe(
        `Invalid input: ${res.body.error.details.map((d: { field: string; reason: string }) => `${d.field} ${d.reason}`).join('; ')}`,
      );
    }
    for (const settings of [null, { from: '' }, { cps: 0 }])
      expect((await put(t, 'voice', { provider: 'simulator', settings })).body.error.message).toMatch(
        /^Invalid input: settings/,
      );
    expectValidation(
      await put(t, 'email', {
        provider: 'smtp',
        credentials: { host: 'smtp.example.com', port: 70000, secure: 'yes', from: 'x' },
      }),
      ['credentials.port', 'credentials.secure', 'credentials.from', 'credentials.inbound_secret'],
    );
    expectValidation(
      await put(t, 'whatsapp', {
        provider: 'whatsapp_cloud',
        credentials: {
          ...WHATSAPP_CLOUD,
          graph_api_version: 'latest',
        },
      }),
      ['credentials.graph_api_version'],
    );
    // Our servers connect to the SMTP host: never to an internal address (EGRESS_ALLOWED here: 127.0.0.1 only).
    for (const host of ['10.0.0.5', '169.254.169.254', '192.168.1.10'])
      expectValidation(
        await put(t, 'email', {
          provider: 'smtp',
          credentials: {
            host,
            port: 587,
            secure: false,
            from: 'hello@clinic.example',
            inbound_secret: 'in-s3cret',
          },
        }),
        ['credentials.host'],
      );
    // With nothing stored (another channel), a secret left out is missing.
    expectValidation(await put(t, 'whatsapp', { provider: 'twilio', credentials: { account_sid: 'nope' } }), [
      'credentials.account_sid',
      'credentials.auth_token',
    ]);
    expect(await row(t, 'sms')).toEqual(before);
    // Not even the simulator rows a read would have made.
    expect(await row(t, 'email')).toBeUndefined();
    expect(await row(t, 'whatsapp')).toBeUndefined();
    const activity = await api.http
      .get('/api/system/activity?type=channel_config.updated')
      .set(t.admin.headers);
    expect(activity.body.data).toHaveLength(1);
  });

  it("the voice config's agent group for inbound calls must be one of the tenant's, its ring time whole seconds: else 400, nothing changed", async () => {
    const t = await createTenant(api.http);
    const stranger = await createTenant(api.http);
    const group = async (tenant: typeof t) => {
      const res = await api.http
        .post('/api/agent-groups')
        .set(tenant.admin.headers)
        .send({ name: 'Inbound' });
      expect(res.status).toBe(201);
      return res.body.data.id as string;
    };
    const theirs = await group(stranger);
    await put(t, 'voice', { provider: 'simulator', settings: { cps: 2 } }).expect(200);
    const before = await row(t, 'voice');
    for (const agent_group_id of ['abc', 42, theirs]) {
      expectValidation(await put(t, 'voice', { provider: 'simulator', settings: { agent_group_id } }), [
        'settings.agent_group_id',
      ]);
    }
    expect(await row(t, 'voice')).toEqual(before);
    // How long a caller waits for that group: whole seconds from 1 to 600 (a value the dialer would ignore is refused).
    for (const inbound_ring_seconds of [-3, 0, 1.5, 'abc', 601, null]) {
      expectValidation(await put(t, 'voice', { provider: 'simulator', settings: { inbound_ring_seconds } }), [
        'settings.inbound_ring_seconds',
      ]);
    }
    expect(await row(t, 'voice')).toEqual(before);
    const ours = await group(t);
    const res = await put(t, 'voice', { provider: 'simulator', settings: { agent_group_id: ours } });
    expect(res.status).toBe(200);
    expect(res.body.data.settings).toEqual({ agent_group_id: ours });
  });

  it('an unknown channel is 404; only admins (user or key) read or change a config', async () => {
    const t = await createTenant(api.http);
    expectError(await get(t, 'fax'), 404, 'NOT_FOUND', 'Channel not found');
    expectError(await put(t, 'fax', TWILIO), 404, 'NOT_FOUND', 'Channel not found');
    const manager = await createUser(api.http, t, 'manager');
    const agentKey = await createApiKey(api.http, t, 'agent');
    for (const headers of [manager.headers, { 'X-API-Key': agentKey.key }]) {
      expectError(await api.http.get('/api/config/channels/sms').set(headers), 403, 'AUTHORIZATION_FAILED');
      expectError(
        await api.http.put('/api/config/whatsapp').set(headers).send(TWILIO),
        403,
        'AUTHORIZATION_FAILED',
      );
    }
    expectError(await api.http.get('/api/config/whatsapp'), 401, 'AUTHENTICATION_REQUIRED');
    expect(await countRows(api.db, 'channel_configs', 'tenant_id = $1', [t.id])).toBe(0);
    const adminKey = await createApiKey(api.http, t, 'admin');
    expect((await api.http.get('/api/config/channels/SMS').set({ 'X-API-Key': adminKey.key })).status).toBe(
      200,
    );
  });

  it('config/whatsapp is config/channels/whatsapp; another tenant sees only its own', async () => {
    const a = await createTenant(api.http);
    const b = await createTenant(api.http);
    const res = await api.http.put('/api/config/whatsapp').set(a.admin.headers).send(TWILIO);
    expect(res.status).toBe(200);
    expect((await get(a, 'whatsapp')).body.data).toEqual(res.body.data);
    const theirs = await api.http.get('/api/config/whatsapp').set(b.admin.headers);
    expect(theirs.body.data.provider).toBe('simulator');
    expect(JSON.stringify(theirs.body)).not.toContain((await row(a, 'whatsapp')).webhook_key);
    expect(JSON.stringify(theirs.body)).not.toContain(SID);
    expect((await row(a, 'whatsapp')).provider).toBe('twilio');
  });
  describe("seed 003's GET config/whatsapp: apiUrl, webhookUrl, status and lastSync", () => {
    /** A lead of the tenant whose last message on `channel` reached us at `at` (as the inbound store leaves it). */
    async function inbound(t: TestTenant, channel: string, at: Date, lastMessageAt = at): Promise<void> {
      const [lead] = await api.db.query(
        `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Ana', $2, $2) RETURNING id`,
        [t.id, `+1415555${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`],
      );
      await api.db.query(
        `INSERT INTO conversations (tenant_id, lead_id, channel, last_message_at, last_inbound_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [t.id, lead.id, channel, lastMessageAt, at],
      );
    }
    const whatsapp = async (t: TestTenant) => {
      const res = await api.http.get('/api/config/whatsapp').set(t.admin.headers);
      expect(res.status).toBe(200);
      const { api_url, webhook_url, status, last_sync } = res.body.data;
      return { api_url, webhook_url, status, last_sync };
    };
    const inboundUrl = async (t: TestTenant) =>
      `${TEST_PUBLIC_BASE_URL}/webhooks/whatsapp?key=${(await row(t, 'whatsapp')).webhook_key}`;

    it("is simulator until a provider is set, configured until a lead's message reaches us after it was saved, then connected", async () => {
      const t = await createTenant(api.http);
      const other = await createTenant(api.http);
      const before = await whatsapp(t);
      expect(before).toEqual({
        api_url: null,
        webhook_url: `${TEST_PUBLIC_BASE_URL}/webhooks/twilio/messaging?key=${(await row(t, 'whatsapp')).webhook_key}`,
        status: 'simulator',
        last_sync: null,
      });

      await put(t, 'whatsapp', { provider: 'whatsapp_cloud', credentials: WHATSAPP_CLOUD }).expect(200);
      const saved = new Date((await row(t, 'whatsapp')).updated_at);
      expect(await whatsapp(t)).toEqual({
        api_url: 'https://graph.facebook.com/v25.0',
        webhook_url: await inboundUrl(t),
        status: 'configured',
        last_sync: null,
      });

      // A message from before the config was saved proves nothing of it; one after it does. Other channels' and
      // other tenants' messages count for nothing here.
      await inbound(t, 'whatsapp', new Date(saved.getTime() - 60_000));
      expect(await whatsapp(t)).toMatchObject({
        status: 'configured',
        last_sync: new Date(saved.getTime() - 60_000).toISOString(),
      });
      const later = new Date(saved.getTime() + 60_000);
      await inbound(t, 'sms', new Date(saved.getTime() + 120_000));
      await inbound(other, 'whatsapp', new Date(saved.getTime() + 180_000));
      await inbound(t, 'whatsapp', later);
      // The conversation written to last is not the one a lead wrote in last.
      await inbound(t, 'whatsapp', new Date(saved.getTime() + 30_000), new Date(saved.getTime() + 300_000));
      const connected = await whatsapp(t);
      expect(connected).toEqual({
        api_url: 'https://graph.facebook.com/v25.0',
        webhook_url: await inboundUrl(t),
        status: 'connected',
        last_sync: later.toISOString(),
      });
      expect((await get(t, 'whatsapp')).body.data).toMatchObject(connected);
      expect((await get(t, 'sms')).body.data).toMatchObject({
        status: 'simulator',
        last_sync: new Date(saved.getTime() + 120_000).toISOString(),
      });

      // The other tenant sees its own channel only: its simulator, its message.
      expect(await whatsapp(other)).toMatchObject({
        status: 'simulator',
        last_sync: new Date(saved.getTime() + 180_000).toISOString(),
      });

      // A refused PUT changes nothing, the status included.
      const stored = await row(t, 'whatsapp');
      expectValidation(
        await api.http.put('/api/config/whatsapp').set(t.admin.headers).send({ apiToken: '' }),
        ['api_token'],
      );
      expect(await row(t, 'whatsapp')).toEqual(stored);
      expect(await whatsapp(t)).toEqual(connected);
    });

    it("names where Twilio and Telegram are called; voice's last sync is the latest call the provider reported", async () => {
      const t = await createTenant(api.http);
      expect((await put(t, 'sms', TWILIO)).body.data).toMatchObject({
        api_url: 'https://api.twilio.com',
        status: 'configured',
      });
      await put(t, 'telegram', {
        provider: 'telegram',
        credentials: {
          bot_token: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
          secret_token: 'tg-secret-1234',
        },
      }).expect(200);
      expect((await get(t, 'telegram')).body.data.api_url).toBe('https://api.telegram.org');

      const ended = new Date(Date.now() - 30_000);
      await insertCallRow(api.db, t.id, {
        call_sid: 'CA0123',
        start_time: ended,
        answer_time: ended,
        end_time: ended,
      });
      // A call logged through the API never reached the provider.
      await insertCallRow(api.db, t.id, { kind: 'manual', end_time: new Date() });
      expect((await get(t, 'voice')).body.data).toMatchObject({
        api_url: null,
        status: 'simulator',
        last_sync: ended.toISOString(),
      });
    });
  });

  describe("seed 003's form of PUT config/whatsapp: { apiToken, webhookUrl }", () => {
    const putSeed = (t: TestTenant, body: object) =>
      api.http.put('/api/config/whatsapp').set(t.admin.headers).send(body);
    const sealed = async (t: TestTenant) =>
      JSON.parse(
        new SecretBox(api.config.encryptionKey).decrypt((await row(t, 'whatsapp')).credentials_sealed),
      );
    const SEED = {
      apiToken: 'EAAG-new-token-9999',
      webhookUrl: 'https://clinic.example.com/webhook/whatsapp',
    };

    it("sets the WhatsApp Cloud access token, keeping the config's other credentials and settings", async () => {
      const t = await createTenant(api.http);
      const other = await createTenant(api.http);
      await put(t, 'whatsapp', {
        provider: 'whatsapp_cloud',
        credentials: WHATSAPP_CLOUD,
        settings: { from: '+14155550100' },
      }).expect(200);
      await put(other, 'whatsapp', { provider: 'whatsapp_cloud', credentials: WHATSAPP_CLOUD }).expect(200);
      const key = (await row(t, 'whatsapp')).webhook_key;

      const res = await putSeed(t, SEED);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          channel: 'whatsapp',
          provider: 'whatsapp_cloud',
          credentials: {
            access_token: '********9999',
            phone_number_id: WHATSAPP_CLOUD.phone_number_id,
            app_secret: '********5678',
            verify_token: '********9012',
          },
          settings: { from: '+14155550100' },
          // The URL Meta calls is the platform's (PUBLIC_BASE_URL and this config's key), not the one sent.
          webhooks: [
            expect.objectContaining({
              method: 'GET',
              url: `${TEST_PUBLIC_BASE_URL}/webhooks/whatsapp?key=${key}`,
            }),
            expect.objectContaining({
              method: 'POST',
              url: `${TEST_PUBLIC_BASE_URL}/webhooks/whatsapp?key=${key}`,
            }),
          ],
          api_url: 'https://graph.facebook.com/v25.0',
          webhook_url: `${TEST_PUBLIC_BASE_URL}/webhooks/whatsapp?key=${key}`,
          status: 'configured',
          last_sync: null,
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      expect(JSON.stringify(res.body)).not.toContain(SEED.apiToken);
      expect(JSON.stringify(res.body)).not.toContain('clinic.example.com');
      expect(await sealed(t)).toEqual({ ...WHATSAPP_CLOUD, access_token: SEED.apiToken });
      expect((await channels.resolve(t.id, 'whatsapp')).signingSecret).toBe(WHATSAPP_CLOUD.app_secret);
      expect((await api.http.get('/api/config/whatsapp').set(t.admin.headers)).body.data).toEqual(
        res.body.data,
      );
      expect(await sealed(other)).toEqual(WHATSAPP_CLOUD);
    });

    it('with the rest in credentials, sets up WhatsApp Cloud from nothing (snake_case too)', async () => {
      const t = await createTenant(api.http);
      const { access_token: _token, ...rest } = WHATSAPP_CLOUD;
      const res = await putSeed(t, {
        api_token: SEED.apiToken,
        webhook_url: SEED.webhookUrl,
        credentials: rest,
      });
      expect(res.status).toBe(200);
      expect(res.body.data.provider).toBe('whatsapp_cloud');
      expect(await sealed(t)).toEqual({ ...WHATSAPP_CLOUD, access_token: SEED.apiToken });
    });

    it('without a WhatsApp Cloud config to complete, answers 400 naming each missing credential and changes nothing', async () => {
      const t = await createTenant(api.http);
      const res = await putSeed(t, SEED);
      expectValidation(res, [
        'credentials.phone_number_id',
        'credentials.app_secret',
        'credentials.verify_token',
      ]);
      expect(res.body.error.details).toContainEqual({
        field: 'credentials.phone_number_id',
        reason: 'is required',
      });
      expect(await countRows(api.db, 'channel_configs', 'tenant_id = $1', [t.id])).toBe(0);

      // A tenant on Twilio for WhatsApp keeps it: the token is not a Twilio credential.
      await put(t, 'whatsapp', TWILIO).expect(200);
      const before = await row(t, 'whatsapp');
      expectValidation(await putSeed(t, SEED), [
        'credentials.phone_number_id',
        'credentials.app_secret',
        'credentials.verify_token',
      ]);
      expect(await row(t, 'whatsapp')).toEqual(before);
    });

    it('refuses a bad token, URL or a provider other than whatsapp_cloud with 400 on the field, changing nothing', async () => {
      const t = await createTenant(api.http);
      await put(t, 'whatsapp', { provider: 'whatsapp_cloud', credentials: WHATSAPP_CLOUD }).expect(200);
      const before = await row(t, 'whatsapp');
      const cases: [object, string[]][] = [
        [{ apiToken: '' }, ['api_token']],
        [{ apiToken: '   ' }, ['api_token']],
        [{ apiToken: 12345 }, ['api_token']],
        [{ apiToken: 'x'.repeat(1001) }, ['api_token']],
        [{ apiToken: null }, ['api_token']],
        [{ ...SEED, webhookUrl: 'not a url' }, ['webhook_url']],
        [{ ...SEED, webhookUrl: 'ftp://clinic.example.com/hook' }, ['webhook_url']],
        [{ ...SEED, provider: 'twilio' }, ['provider']],
        [{ ...SEED, credentials: { ...WHATSAPP_CLOUD } }, ['api_token']],
        [{ ...SEED, api_token: 'another' }, ['api_token']],
        [{ ...SEED, extra: 1 }, ['extra']],
        [{}, ['provider']],
      ];
      for (const [body, fields] of cases) {
        const res = await putSeed(t, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expectValidation(res, fields);
      }
      expect(await row(t, 'whatsapp')).toEqual(before);
    });
  });
});
