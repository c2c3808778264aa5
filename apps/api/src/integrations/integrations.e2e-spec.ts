import {
  countRows,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestTenant,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { SecretBox } from '@app/common';

const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstWXYZ';
const ZAPIER_URL = 'https://hooks.zapier.com/hooks/catch/123456/abcdefg/';
const ZAPIER_KEY = 'zk_live_0123456789abcdef4321';

describe('integrations (e2e)', () => {
  // No private address allowed here: the platform's default.
  const api = useTestApi({ env: { EGRESS_ALLOWED: '' } });

  const rowsOf = async (tenantId: string) =>
    (await api.db.query('SELECT * FROM integrations WHERE tenant_id = $1 ORDER BY type', [
      tenantId,
    ])) as Record<string, unknown>[];
  const list = (tenant: TestTenant) => api.http.get('/api/integrations').set(tenant.admin.headers);
  const connect = (tenant: TestTenant, id: string, body: Record<string, unknown>) =>
    api.http.post(`/api/integrations/${id}/connect`).set(tenant.admin.headers).send(body);
  const slackOf = async (tenant: TestTenant) =>
    ((await list(tenant)).body.data as { id: string }[]).find((i) => i.id === 'slack');

  it('lists the whole catalogue, every entry disconnected for a new tenant', async () => {
    const tenant = await createTenant(api.http);
    const res = await list(tenant);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
    expect(res.body.data).toEqual([
      {
        id: 'slack',
        name: 'Slack',
        type: 'slack',
        category: 'notifications',
        description: expect.any(String),
        status: 'disconnected',
        credentials: {},
        config: { sync_frequency: 'real-time', data_types: [] },
        last_sync: null,
        last_error: null,
        connected_at: null,
      },
      expect.objectContaining({ id: 'zapier', name: 'Zapier', status: 'disconnected', credentials: {} }),
    ]);
    expect(await rowsOf(tenant.id)).toEqual([]);
  });

  it('connects Slack (seed spellings too), seals the URL, shows it masked, and disconnects it', async () => {
    const tenant = await createTenant(api.http);
    const res = await connect(tenant, 'slack', {
      credentials: { webhookUrl: SLACK_URL },
      config: { syncFrequency: 'real-time', dataTypes: ['leads', 'messages'], channel: '#sales' },
    });
    expect(res.status).toBe(200);
    const connected = {
      id: 'slack',
      name: 'Slack',
      type: 'slack',
      category: 'notifications',
      description: expect.any(String),
      status: 'connected',
      credentials: { webhook_url: 'https://hooks.slack.com/********WXYZ' },
      config: { sync_frequency: 'real-time', data_types: ['leads', 'messages'], channel: '#sales' },
      last_sync: null,
      last_error: null,
      connected_at: expect.stringMatching(ISO_TIMESTAMP),
    };
    expect(res.body).toEqual({ success: true, data: connected });
    expect(await slackOf(tenant)).toEqual(connected);

    // The URL (Slack's secret) is stored sealed, and shown nowhere: not in a row, an answer or the activity feed.
    const secret = 'abcdefghijklmnopqrst';
    const [row] = await rowsOf(tenant.id);
    expect(row).toMatchObject({
      type: 'slack',
      status: 'connected',
      credentials_sealed: expect.stringMatching(/^v1:/),
    });
    expect(row.id).toMatch(UUID_PATTERN);
    expect(JSON.stringify(row)).not.toContain(secret);
    const activity = await api.http.get('/api/system/activity').set(tenant.admin.headers);
    expect((activity.body.data as { type: string }[]).map((a) => a.type)).toContain('integration.connected');
    expect(JSON.stringify(activity.body) + JSON.stringify((await list(tenant)).body)).not.toContain(secret);

    const off = await api.http.post('/api/integrations/slack/disconnect').set(tenant.admin.headers);
    expect(off.status).toBe(200);
    expect(off.body.data).toEqual({
      ...connected,
      status: 'disconnected',
      credentials: {},
      connected_at: null,
    });
    const [after] = await rowsOf(tenant.id);
    expect(after).toMatchObject({ status: 'disconnected', credentials_sealed: null, credentials_hint: null });
    // Disconnecting again answers it as it is.
    const again = await api.http.post('/api/integrations/slack/disconnect').set(tenant.admin.headers);
    expect(again.body.data).toEqual(off.body.data);
    const types = (
      (await api.http.get('/api/system/activity').set(tenant.admin.headers)).body.data as {
        type: string;
      }[]
    ).map((a) => a.type);
    expect(types.filter((t) => t === 'integration.disconnected')).toHaveLength(1);
  });

  it('connects Zapier with an API key, masked; connecting again replaces credentials and config', async () => {
    const tenant = await createTenant(api.http);
    const first = await connect(tenant, 'zapier', {
      credentials: { webhook_url: ZAPIER_URL, api_key: ZAPIER_KEY },
    });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({
      status: 'connected',
      credentials: { webhook_url: 'https://hooks.zapier.com/********efg/', api_key: '********4321' },
      config: { sync_frequency: 'real-time', data_types: ['leads', 'messages', 'imports'] },
    });
    expect(JSON.stringify(first.body)).not.toContain(ZAPIER_KEY);
    const second = await connect(tenant, 'zapier', {
      credentials: { webhook_url: ZAPIER_URL },
      config: { data_types: ['imports'] },
    });
    expect(second.body.data.credentials).toEqual({ webhook_url: 'https://hooks.zapier.com/********efg/' });
    expect(second.body.data.config).toEqual({ sync_frequency: 'real-time', data_types: ['imports'] });
    expect(await countRows(api.db, 'integrations', 'tenant_id = $1', [tenant.id])).toBe(1);
  });

  it('a reconnect keeps a secret sent back masked as GET shows it, and all of them when credentials are left out', async () => {
    const tenant = await createTenant(api.http);
    const sealed = async () => {
      const [row] = await api.db.query(
        `SELECT credentials_sealed FROM integrations WHERE tenant_id = $1 AND type = 'zapier'`,
        [tenant.id],
      );
      return JSON.parse(new SecretBox(api.config.encryptionKey).decrypt(row.credentials_sealed)) as unknown;
    };
    await connect(tenant, 'zapier', { credentials: { webhook_url: ZAPIER_URL, api_key: ZAPIER_KEY } }).expect(
      200,
    );
    const shown = (await list(tenant)).body.data.find((i: { id: string }) => i.id === 'zapier').credentials;
    expect(shown).toEqual({ webhook_url: 'https://hooks.zapier.com/********efg/', api_key: '********4321' });

    // Sent back as shown (the seed's spelling too), with new config: the stored secrets stay.
    const masked = await connect(tenant, 'zapier', {
      credentials: { webhookUrl: shown.webhook_url, api_key: shown.api_key },
      config: { data_types: ['leads'] },
    });
    expect(masked.status).toBe(200);
    expect(masked.body.data.config).toEqual({ sync_frequency: 'real-time', data_types: ['leads'] });
    expect(await sealed()).toEqual({ webhook_url: ZAPIER_URL, api_key: ZAPIER_KEY });
    // Config alone: every credential stays.
    await connect(tenant, 'zapier', { config: { data_types: ['imports'] } }).expect(200);
    expect(await sealed()).toEqual({ webhook_url: ZAPIER_URL, api_key: ZAPIER_KEY });
    // A new key with the URL as shown: the URL stays, the key is the new one.
    await connect(tenant, 'zapier', {
      credentials: { webhook_url: shown.webhook_url, api_key: 'zk_new_9876' },
    }).expect(200);
    expect(await sealed()).toEqual({ webhook_url: ZAPIER_URL, api_key: 'zk_new_9876' });

    // Never connected (or disconnected): there is nothing to keep, and the mask is no URL.
    const fresh = await createTenant(api.http);
    expectValidation(await connect(fresh, 'zapier', { config: { data_types: ['leads'] } }), ['credentials']);
    expectValidation(await connect(fresh, 'zapier', { credentials: { webhook_url: shown.webhook_url } }), [
      'credentials.webhook_url',
    ]);
    expect(await rowsOf(fresh.id)).toEqual([]);
  });

  it('refuses bad credentials or config for the integration, field by field, and changes nothing', async () => {
    const tenant = await createTenant(api.http);
    expect((await connect(tenant, 'slack', { credentials: { webhook_url: SLACK_URL } })).status).toBe(200);
    const before = await rowsOf(tenant.id);
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['slack', { credentials: 'x' }, ['credentials']],
      ['slack', { credentials: null }, ['credentials']],
      ['slack', { credentials: {} }, ['credentials.webhook_url']],
      ['slack', { credentials: { webhook_url: 42 } }, ['credentials.webhook_url']],
      ['slack', { credentials: { webhook_url: 'not a url' } }, ['credentials.webhook_url']],
      [
        'slack',
        { credentials: { webhook_url: 'http://hooks.slack.com/services/x' } },
        ['credentials.webhook_url'],
      ],
      ['slack', { credentials: { webhook_url: 'ftp://hooks.slack.com/x' } }, ['credentials.webhook_url']],
      [
        'slack',
        { credentials: { webhook_url: 'https://u:p@hooks.slack.com/x' } },
        ['credentials.webhook_url'],
      ],
      [
        'slack',
        { credentials: { webhook_url: `https://h.example.com/${'x'.repeat(2000)}` } },
        ['credentials.webhook_url'],
      ],
      ['slack', { credentials: { webhook_url: SLACK_URL, api_key: 'k' } }, ['credentials.api_key']],
      [
        'slack',
        { credentials: { webhook_url: SLACK_URL, webhookUrl: SLACK_URL } },
        ['credentials.webhook_url'],
      ],
      [
        'slack',
        { credentials: { webhook_url: SLACK_URL }, config: { sync_frequency: 'hourly' } },
        ['config.sync_frequency'],
      ],
      [
        'slack',
        { credentials: { webhook_url: SLACK_URL }, config: { data_types: [] } },
        ['config.data_types'],
      ],
      [
        'slack',
        { credentials: { webhook_url: SLACK_URL }, config: { data_types: ['calls'] } },
        ['config.data_types'],
      ],
      [
        'slack',
        { credentials: { webhook_url: SLACK_URL }, config: { data_types: 'leads' } },
        ['config.data_types'],
      ],
      [
        'slack',
        { credentials: { webhook_url: SLACK_URL }, config: { channel: 'sales team!' } },
        ['config.channel'],
      ],
      ['slack', { credentials: { webhook_url: SLACK_URL }, config: { polling: true } }, ['config.polling']],
      ['slack', { credentials: { webhook_url: SLACK_URL }, config: [] }, ['config']],
      ['slack', { credentials: { webhook_url: SLACK_URL }, tenant_id: tenant.id }, ['tenant_id']],
      [
        'zapier',
        { credentials: { webhook_url: ZAPIER_URL }, config: { channel: '#sales' } },
        ['config.channel'],
      ],
      ['zapier', { credentials: { webhook_url: ZAPIER_URL, api_key: 'has space' } }, ['credentials.api_key']],
      [
        'zapier',
        { credentials: { api_key: ZAPIER_KEY, token: 'x' } },
        ['credentials.webhook_url', 'credentials.token'],
      ],
    ];
    for (const [id, body, fields] of cases) {
      const res = await connect(tenant, id, body);
      expect({ id, body, status: res.status }).toEqual({ id, body, status: 400 });
      expectValidation(res, fields);
    }
    expect(await rowsOf(tenant.id)).toEqual(before);
  });

  it.each([
    'https://127.0.0.1/hook',
    'https://localhost/hook',
    'https://10.0.0.5/hook',
    'https://192.168.1.10/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/hook',
    'https://[fd00::1]/hook',
    'https://0x7f.1/hook',
    'https://[::ffff:127.0.0.1]/hook',
  ])('refuses %s as a webhook URL (SSRF) and connects nothing', async (url) => {
    const tenant = await createTenant(api.http);
    for (const id of ['slack', 'zapier']) {
      const res = await connect(tenant, id, { credentials: { webhook_url: url } });
      expectValidation(res, ['credentials.webhook_url']);
      expect(res.body.error.details[0].reason).toMatch(/private, loopback or reserved/);
    }
    expect(await rowsOf(tenant.id)).toEqual([]);
  });

  it('answers 404 for an id not in the catalogue, and writes nothing', async () => {
    const tenant = await createTenant(api.http);
    for (const id of ['hubspot', '00000000-0000-4000-8000-000000000000']) {
      expectError(await connect(tenant, id, { credentials: { webhook_url: SLACK_URL } }), 404, 'NOT_FOUND');
      expectError(
        await api.http.post(`/api/integrations/${id}/disconnect`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
      );
    }
    expect(await rowsOf(tenant.id)).toEqual([]);
  });

  it('lists for admins and managers; only admins connect or disconnect; agents get 403, no token 401', async () => {
    const tenant = await createTenant(api.http);
    expect((await connect(tenant, 'slack', { credentials: { webhook_url: SLACK_URL } })).status).toBe(200);
    const before = await rowsOf(tenant.id);
    const manager = await createUser(api.http, tenant, 'manager');
    const agent = await createUser(api.http, tenant, 'agent');
    const managerKey = await createApiKey(api.http, tenant, 'manager');
    const listed = await api.http.get('/api/integrations').set(manager.headers);
    expect(listed.status).toBe(200);
    expect(listed.body.data[0]).toMatchObject({ id: 'slack', status: 'connected' });
    for (const headers of [manager.headers, agent.headers, { 'X-API-Key': managerKey.key }]) {
      for (const res of [
        await api.http
          .post('/api/integrations/zapier/connect')
          .set(headers)
          .send({ credentials: { webhook_url: ZAPIER_URL } }),
        await api.http.post('/api/integrations/slack/disconnect').set(headers),
      ])
        expectError(res, 403, 'AUTHORIZATION_FAILED');
    }
    expectError(await api.http.get('/api/integrations').set(agent.headers), 403, 'AUTHORIZATION_FAILED');
    expectError(await api.http.get('/api/integrations'), 401, 'AUTHENTICATION_REQUIRED');
    expectError(await api.http.post('/api/integrations/slack/disconnect'), 401, 'AUTHENTICATION_REQUIRED');
    expect(await rowsOf(tenant.id)).toEqual(before);
  });

  it("another tenant sees only its own statuses and cannot touch the first's connection", async () => {
    const owner = await createTenant(api.http);
    const other = await createTenant(api.http);
    expect((await connect(owner, 'slack', { credentials: { webhook_url: SLACK_URL } })).status).toBe(200);
    const before = await rowsOf(owner.id);
    expect(await slackOf(other)).toMatchObject({ status: 'disconnected', credentials: {} });
    const off = await api.http.post('/api/integrations/slack/disconnect').set(other.admin.headers);
    expect(off.body.data).toMatchObject({ status: 'disconnected' });
    expect(await rowsOf(owner.id)).toEqual(before);
    expect(await slackOf(owner)).toMatchObject({ status: 'connected' });
    expect(await rowsOf(other.id)).toEqual([]);
  });
});
