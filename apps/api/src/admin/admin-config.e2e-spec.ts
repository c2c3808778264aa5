import { DEFAULT_SCORING } from '@app/domain';
import {
  createTenant,
  expectValidation,
  PgSessions,
  TestTenant,
  uniqueSuffix,
  useTestApi,
} from '@app/testing';

describe('GET/PATCH /api/admin/config (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(api.http, `Config Clinic ${uniqueSuffix()}`);
  });

  const settings = async (tenantId = tenant.id) =>
    (await api.db.query('SELECT settings FROM tenants WHERE id = $1', [tenantId]))[0].settings;

  it('shows the LLM, each channel’s provider, the effective scoring and the AI switches', async () => {
    const res = await api.http.get('/api/admin/config').set(tenant.admin.headers);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      tenant: { name: tenant.name, timezone: expect.any(String), default_country: null },
      llm: expect.objectContaining({ provider: 'local', model: 'reachline-local-1', source: 'default' }),
      channels: {
        sms: 'simulator',
        whatsapp: 'simulator',
        voice: 'simulator',
        email: 'simulator',
        telegram: 'simulator',
      },
      scoring: DEFAULT_SCORING,
      ai: { auto_reply: false, human_cost_per_message: 1 },
    });
  });

  it('merges scoring and AI changes key by key; the rest keeps its defaults', async () => {
    const first = await api.http
      .patch('/api/admin/config')
      .set(tenant.admin.headers)
      .send({ scoring: { qualified_threshold: 60, intent: { question: 65 } }, ai: { auto_reply: true } });
    expect(first.status).toBe(200);
    const cost = await api.http
      .patch('/api/admin/config')
      .set(tenant.admin.headers)
      .send({ ai: { human_cost_per_message: 2.5 } });
    expect(cost.status).toBe(200);
    const second = await api.http
      .patch('/api/admin/config')
      .set(tenant.admin.headers)
      .send({ scoring: { intent: { interested: 90 }, engagement: { per_reply: 6 } } });
    expect(second.status).toBe(200);
    expect(second.body.data.scoring).toEqual({
      ...DEFAULT_SCORING,
      qualified_threshold: 60,
      intent: { ...DEFAULT_SCORING.intent, question: 65, interested: 90 },
      engagement: { ...DEFAULT_SCORING.engagement, per_reply: 6 },
    });
    expect(second.body.data.ai).toEqual({ auto_reply: true, human_cost_per_message: 2.5 });
    expect(await settings()).toMatchObject({
      scoring: {
        qualified_threshold: 60,
        intent: { question: 65, interested: 90 },
        engagement: { per_reply: 6 },
      },
      ai: { auto_reply: true, human_cost_per_message: 2.5 },
    });
    const view = await api.http.get('/api/admin/config').set(tenant.admin.headers);
    expect(view.body.data.scoring).toEqual(second.body.data.scoring);
  });

  it.each([
    [{ scoring: { qualified_threshold: 101 } }, ['scoring.qualified_threshold']],
    [{ scoring: { intent_weight: 1.5 } }, ['scoring.intent_weight']],
    [{ scoring: { intent: { interested: -1 } } }, ['scoring.intent.interested']],
    [{ scoring: { intent: { maybe: 10 } } }, ['scoring.intent.maybe']],
    [{ scoring: { engagement: { per_reply: 'lots' } } }, ['scoring.engagement.per_reply']],
    [{ ai: { auto_reply: 'yes' } }, ['ai.auto_reply']],
    [{ ai: { human_cost_per_message: -1 } }, ['ai.human_cost_per_message']],
    [{ ai: { human_cost_per_message: '2' } }, ['ai.human_cost_per_message']],
    [{ llm: { provider: 'openai' } }, ['llm']],
    [{ scoring: [{ qualified_threshold: 60 }] }, ['scoring']],
    [{ scoring: { intent: [] } }, ['scoring.intent']],
    [{ scoring: { engagement: [{ per_reply: 6 }] } }, ['scoring.engagement']],
    [{ ai: [] }, ['ai']],
  ])('refuses %j (400) and changes nothing', async (body, fields) => {
    const before = await settings();
    const res = await api.http.patch('/api/admin/config').set(tenant.admin.headers).send(body);
    expectValidation(res, fields);
    expect(await settings()).toEqual(before);
  });

  it('two edits of different keys at once both land (each merged into the row read under its lock)', async () => {
    const t = await createTenant(api.http, `Config Race ${uniqueSuffix()}`);
    const sessions = new PgSessions(api.db);
    try {
      // A transaction holds the tenant's row while both edits are under way.
      const holder = await sessions.begin();
      await holder.tx.query('SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE', [t.id]);
      const patches = [
        { scoring: { intent: { question: 61 } } },
        { scoring: { engagement: { per_reply: 7 } }, ai: { auto_reply: true } },
      ].map((body) =>
        api.http
          .patch('/api/admin/config')
          .set(t.admin.headers)
          .send(body)
          .then((r) => r.status),
      );
      // One waits for the holder, the other behind it.
      await sessions.lockWaiters('%tenants%', 2);
      await holder.tx.commitTransaction();
      expect(await Promise.all(patches)).toEqual([200, 200]);
    } finally {
      await sessions.close();
    }
    const stored = await settings(t.id);
    expect(stored.scoring.intent).toEqual({ question: 61 });
    expect(stored.scoring.engagement).toEqual({ per_reply: 7 });
    expect(stored.ai).toEqual({ auto_reply: true });
  });

  it("another tenant's admin sees and changes only its own configuration", async () => {
    const other = await createTenant(api.http, `Config Other ${uniqueSuffix()}`);
    const before = await settings();
    const res = await api.http
      .patch('/api/admin/config')
      .set(other.admin.headers)
      .send({ scoring: { qualified_threshold: 10 } });
    expect(res.status).toBe(200);
    expect(res.body.data.tenant.name).toBe(other.name);
    expect(await settings()).toEqual(before);
    expect((await settings(other.id)).scoring).toEqual({ qualified_threshold: 10 });
  });
});
