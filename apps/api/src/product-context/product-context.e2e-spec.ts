import { ManualClock } from '@app/common';
import {
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  TestTenant,
  TestUser,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { ScriptedAnswer, ScriptedOpenAiServer, ScriptedRequest } from '../ai-agents/scripted-openai.fixture';

/**
 * Product context (issue 7 item 4, seed 002 "Product Context & Use-Case Definition"): read, chat (both spellings
 * of path and body), the log, validation that changes nothing, roles, tenancy, concurrent chats that both keep what
 * they taught, and a provider failure that stores nothing. The model is played by a scripted OpenAI-compatible
 * server that applies `field=value` pairs of the user's message to the metadata it is sent.
 */

type Json = Record<string, unknown>;
type Metadata = {
  product: string | null;
  description: string | null;
  value_propositions: string[];
  industries: string[];
  ideal_customer: string | null;
  tone: string | null;
};

const NOW = '2026-11-30T10:00:00.000Z';
const EMPTY: Metadata = {
  product: null,
  description: null,
  value_propositions: [],
  industries: [],
  ideal_customer: null,
  tone: null,
};
const FIELDS = Object.keys(EMPTY) as (keyof Metadata)[];
const ESSENTIAL: (keyof Metadata)[] = ['product', 'value_propositions', 'industries', 'ideal_customer'];

/** The scripted model: `field=value` pairs (lists comma-separated, added) separated by `|`; `slow` waits. */
function productModel(request: ScriptedRequest): ScriptedAnswer {
  const input = request.user as { current_metadata: Metadata; user_message: string };
  if (input.user_message.includes('please fail')) return { status: 401 };
  const metadata: Metadata = { ...input.current_metadata };
  for (const part of input.user_message.split('|').map((p) => p.trim())) {
    const [key, value] = part.split('=').map((s) => s?.trim());
    if (!value || !FIELDS.includes(key as keyof Metadata)) continue;
    const field = key as keyof Metadata;
    if (Array.isArray(EMPTY[field])) {
      (metadata as Json)[field] = [
        ...(metadata[field] as string[]),
        ...value.split(',').map((v) => v.trim()),
      ];
    } else (metadata as Json)[field] = value;
  }
  const missing = FIELDS.filter((f) => (Array.isArray(metadata[f]) ? !metadata[f]!.length : !metadata[f]));
  const open = ESSENTIAL.filter((f) => missing.includes(f));
  return {
    json: {
      reply: open.length ? `What about ${open[0]}?` : `Confirmed: ${metadata.product}`,
      // "confirm anyway": a model that confirms with essentials still missing.
      status: open.length && !input.user_message.includes('confirm anyway') ? 'clarifying' : 'confirmed',
      metadata,
      missing,
    },
    delayMs: input.user_message.includes('slow') ? 400 : 0,
  };
}

describe('product context (e2e)', () => {
  let model: ScriptedOpenAiServer;
  let mine: TestTenant;
  let theirs: TestTenant;
  let manager: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    model = await new ScriptedOpenAiServer(productModel).start();
  });
  const api = useTestApi({
    clock: new ManualClock(NOW),
    env: { LLM_MAX_RETRIES: '0', LLM_TIMEOUT_MS: '5000' },
  });
  beforeAll(async () => {
    mine = await createTenant(api.http);
    theirs = await createTenant(api.http);
    manager = await createUser(api.http, mine, 'manager');
    rep = await createUser(api.http, mine, 'agent');
    const llm = await api.http
      .patch('/api/llm/providers')
      .set(mine.admin.headers)
      .send({ provider: 'openai', api_key: 'sk-test-product-context', base_url: model.baseUrl });
    expect(llm.status).toBe(200);
  });
  afterAll(() => model.stop());

  const turns = (t: TestTenant): Promise<Json[]> =>
    api.db.query(
      `SELECT id, role, content, metadata, user_id, interaction_id, created_at FROM product_context_messages
        WHERE tenant_id = $1 ORDER BY created_at, CASE role WHEN 'user' THEN 0 ELSE 1 END, id`,
      [t.id],
    );
  const contextRow = async (t: TestTenant): Promise<Json | undefined> =>
    (
      await api.db.query('SELECT metadata, status, updated_at FROM product_contexts WHERE tenant_id = $1', [
        t.id,
      ])
    )[0];
  const interactions = (t: TestTenant): Promise<Json[]> =>
    api.db.query(
      `SELECT id, kind, success, error_code, provider, model, input, input_tokens, output_tokens
         FROM ai_interactions WHERE tenant_id = $1 AND kind = 'product_context' ORDER BY id`,
      [t.id],
    );
  const state = async (t: TestTenant) => ({
    turns: await turns(t),
    context: await contextRow(t),
    interactions: await interactions(t),
  });

  const chat = (headers: Record<string, string>, body: unknown, path = '/api/product-context/chat') =>
    api.http
      .post(path)
      .set(headers)
      .send(body as object);

  describe('GET /api/product-context', () => {
    it('answers the empty context before any chat, under both spellings', async () => {
      const fresh = await createTenant(api.http);
      for (const path of ['/api/product-context', '/api/productContext']) {
        const res = await api.http.get(path).set(fresh.admin.headers);
        expect({ path, status: res.status, body: res.body }).toEqual({
          path,
          status: 200,
          body: { success: true, data: { metadata: EMPTY, status: 'empty', updated_at: null } },
        });
      }
    });
  });

  describe('POST /api/product-context/chat', () => {
    it("stores the user's turn, the model's reply, the metadata and the interaction together", async () => {
      const res = await chat(manager.headers, { userMessage: 'product=Fleetwise | industries=Automotive' });
      const metadata = { ...EMPTY, product: 'Fleetwise', industries: ['Automotive'] };
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          reply: 'What about value_propositions?',
          status: 'clarifying',
          metadata,
          missing: ['description', 'value_propositions', 'ideal_customer', 'tone'],
        },
      });
      // The model read the empty metadata and no history.
      expect(model.seen.at(-1)).toMatchObject({
        task: 'product_context_turn',
        user: {
          current_metadata: EMPTY,
          earlier_turns: [],
          user_message: 'product=Fleetwise | industries=Automotive',
        },
      });
      const [interaction] = await interactions(mine);
      expect(interaction).toMatchObject({
        kind: 'product_context',
        success: true,
        error_code: null,
        provider: 'openai',
        input_tokens: 120,
        output_tokens: 40,
        input: { user_message: 'product=Fleetwise | industries=Automotive', history_turns: 0 },
      });
      expect(await turns(mine)).toEqual([
        {
          id: expect.stringMatching(UUID_PATTERN),
          role: 'user',
          content: 'product=Fleetwise | industries=Automotive',
          metadata: null,
          user_id: manager.id,
          interaction_id: null,
          created_at: new Date(NOW),
        },
        {
          id: expect.stringMatching(UUID_PATTERN),
          role: 'assistant',
          content: 'What about value_propositions?',
          metadata,
          user_id: null,
          interaction_id: interaction.id,
          created_at: new Date(NOW),
        },
      ]);
      expect(await contextRow(mine)).toEqual({ metadata, status: 'clarifying', updated_at: new Date(NOW) });
      const get = await api.http.get('/api/product-context').set(rep.headers);
      expect(get.body.data).toEqual({ metadata, status: 'clarifying', updated_at: NOW });
    });

    it('answers on the seed spelling with user_message; the model reads the metadata and the earlier turns', async () => {
      api.clock.set('2026-11-30T10:05:00.000Z');
      const res = await chat(
        mine.admin.headers,
        { user_message: 'value_propositions=Fewer late shipments | ideal_customer=Operations leads' },
        '/api/productContext/chat',
      );
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        reply: 'Confirmed: Fleetwise',
        status: 'confirmed',
        metadata: {
          ...EMPTY,
          product: 'Fleetwise',
          industries: ['Automotive'],
          value_propositions: ['Fewer late shipments'],
          ideal_customer: 'Operations leads',
        },
        missing: ['description', 'tone'],
      });
      expect(model.seen.at(-1)?.user).toMatchObject({
        current_metadata: { ...EMPTY, product: 'Fleetwise', industries: ['Automotive'] },
        earlier_turns: [
          { role: 'user', content: 'product=Fleetwise | industries=Automotive' },
          { role: 'assistant', content: 'What about value_propositions?' },
        ],
      });
      expect(await contextRow(mine)).toMatchObject({
        status: 'confirmed',
        updated_at: new Date('2026-11-30T10:05:00.000Z'),
      });
    });

    it('concurrent chats of one tenant both keep what they taught (scalars and list items)', async () => {
      const before = (await contextRow(mine))!.metadata as Metadata;
      const seen = model.seen.length;
      const [a, b] = await Promise.all([
        chat(manager.headers, { user_message: 'slow | tone=Friendly | industries=Logistics' }),
        chat(mine.admin.headers, { user_message: 'slow | description=Supply-chain SaaS | industries=Rail' }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      // Both turns started from the same metadata: neither saw the other's change.
      expect(model.seen.slice(seen).map((r) => (r.user as Json).current_metadata)).toEqual([before, before]);
      const expected = {
        ...before,
        tone: 'Friendly',
        description: 'Supply-chain SaaS',
        industries: ['Automotive', 'Logistics', 'Rail'],
      };
      const stored = (await contextRow(mine))!;
      expect({
        ...(stored.metadata as Metadata),
        industries: [...(stored.metadata as Metadata).industries].sort(),
      }).toEqual(expected);
      expect(stored.status).toBe('confirmed');
      // The later of the two answers with everything.
      const answers = [a.body.data, b.body.data];
      expect(answers.some((d) => d.metadata.tone && d.metadata.description)).toBe(true);
      expect((await turns(mine)).length).toBe(8);
    });

    it('a failing provider answers 503, records the failed call and stores nothing else', async () => {
      const before = await state(mine);
      const res = await chat(manager.headers, { user_message: 'please fail' });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        success: false,
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: expect.any(String),
          details: { provider: 'openai', kind: 'auth', provider_status: 401, retryable: false },
        },
      });
      const after = await state(mine);
      expect({ turns: after.turns, context: after.context }).toEqual({
        turns: before.turns,
        context: before.context,
      });
      const known = new Set(before.interactions.map((i) => i.id));
      const added = after.interactions.filter((i) => !known.has(i.id));
      expect(after.interactions.length).toBe(before.interactions.length + 1);
      expect(added[0]).toMatchObject({
        kind: 'product_context',
        success: false,
        error_code: 'auth',
        provider: 'openai',
      });
    });

    it('a model that confirms with a required field missing is not believed: the context stays clarifying', async () => {
      const t = await createTenant(api.http);
      const llm = await api.http
        .patch('/api/llm/providers')
        .set(t.admin.headers)
        .send({ provider: 'openai', api_key: 'sk-test-product-context', base_url: model.baseUrl });
      expect(llm.status).toBe(200);
      const res = await chat(t.admin.headers, { userMessage: 'product=Acme | tone=warm | confirm anyway' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        status: 'clarifying',
        metadata: { product: 'Acme', industries: [] },
        missing: expect.arrayContaining(['industries', 'value_propositions', 'ideal_customer']),
      });
      expect(await contextRow(t)).toMatchObject({ status: 'clarifying' });
    });

    it('a model answer whose text is cut where an emoji stands is stored without half of the emoji', async () => {
      const t = await createTenant(api.http);
      const llm = await api.http
        .patch('/api/llm/providers')
        .set(t.admin.headers)
        .send({ provider: 'openai', api_key: 'sk-test-product-context', base_url: model.baseUrl });
      expect(llm.status).toBe(200);
      // A value proposition is kept to 200 characters: the cut falls inside the emoji.
      const benefit = `${'a'.repeat(199)}\u{1F600} and more`;
      const res = await chat(t.admin.headers, {
        userMessage: `product=Acme | value_propositions=${benefit}`,
      });
      expect(res.status).toBe(200);
      expect(res.body.data.metadata).toMatchObject({
        product: 'Acme',
        value_propositions: ['a'.repeat(199)],
      });
      expect(await contextRow(t)).toMatchObject({ metadata: { value_propositions: ['a'.repeat(199)] } });
      expect((await turns(t)).map((turn) => turn.role)).toEqual(['user', 'assistant']);
    });

    it('works on the built-in local provider too (a tenant without an LLM config)', async () => {
      const local = await createTenant(api.http);
      const res = await chat(local.admin.headers, { userMessage: 'We sell a CRM for dental clinics.' });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        reply: expect.any(String),
        status: expect.stringMatching(/^(clarifying|confirmed)$/),
        metadata: expect.objectContaining({
          value_propositions: expect.any(Array),
          industries: expect.any(Array),
        }),
        missing: expect.any(Array),
      });
      expect(res.body.data.reply.length).toBeGreaterThan(0);
      expect((await turns(local)).map((t) => t.role)).toEqual(['user', 'assistant']);
      const [interaction] = await interactions(local);
      expect(interaction).toMatchObject({ provider: 'local', success: true });
    });

    it('the local provider shortens a long description before an emoji, never inside it', async () => {
      const local = await createTenant(api.http);
      const res = await chat(local.admin.headers, {
        userMessage: `We sell Fleetwise. Description: ${'a'.repeat(198)}\u{1F600} and much more`,
      });
      expect(res.status).toBe(200);
      expect(res.body.data.metadata.description).toBe(`${'a'.repeat(198)}…`);
      expect(await contextRow(local)).toMatchObject({ metadata: { description: `${'a'.repeat(198)}…` } });
    });

    describe('rejects bad input and changes nothing', () => {
      it.each([
        ['no message', {}, ['user_message']],
        ['a blank message', { userMessage: '   ' }, ['user_message']],
        ['a message over 4000 characters', { user_message: 'x'.repeat(4001) }, ['user_message']],
        ['a number', { user_message: 42 }, ['user_message']],
        ['an unknown field', { user_message: 'product=X', mood: 'happy' }, ['mood']],
        [
          'both spellings with different messages',
          { userMessage: 'product=X', user_message: 'product=Y' },
          ['user_message'],
        ],
      ])('%s', async (_, body, fields) => {
        const before = await state(mine);
        const calls = model.seen.length;
        const res = await chat(manager.headers, body);
        expectValidation(res, fields);
        expect(await state(mine)).toEqual(before);
        expect(model.seen.length).toBe(calls);
      });

      it('both spellings with the same message are one message', async () => {
        const t = await createTenant(api.http);
        const res = await chat(t.admin.headers, {
          userMessage: 'We sell a CRM.',
          user_message: 'We sell a CRM.',
        });
        expect(res.status).toBe(200);
        expect((await turns(t)).filter((turn) => turn.role === 'user').map((turn) => turn.content)).toEqual([
          'We sell a CRM.',
        ]);
      });

      it('an emoji across the 1000th character (where the ledger cuts its copy) is a message like any other', async () => {
        const t = await createTenant(api.http);
        const message = `We sell ${'a'.repeat(991)}\u{1F600} to dental clinics.`;
        const res = await chat(t.admin.headers, { user_message: message });
        expect(res.status).toBe(200);
        expect(
          (await turns(t)).map((turn) => [turn.role, turn.role === 'user' ? turn.content : 'reply']),
        ).toEqual([
          ['user', message],
          ['assistant', 'reply'],
        ]);
        const [interaction] = await interactions(t);
        expect(interaction).toMatchObject({
          success: true,
          input: { user_message: `We sell ${'a'.repeat(991)}` },
        });
      });

      it('4000 characters are accepted', async () => {
        const res = await chat(theirs.admin.headers, { user_message: 'y'.repeat(4000) });
        expect(res.status).toBe(200);
        expect((await turns(theirs))[0].content).toBe('y'.repeat(4000));
      });
    });
  });

  describe('GET /api/product-context/log', () => {
    it('lists the turns oldest first with list meta, paginated, under both spellings', async () => {
      const all = await turns(mine);
      const res = await api.http.get('/api/product-context/log').set(rep.headers);
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ total: all.length, limit: 50, offset: 0 });
      expect(res.body.data.map((t: Json) => t.id)).toEqual(all.map((t) => t.id));
      expect(res.body.data[0]).toEqual({
        id: all[0].id,
        role: 'user',
        content: 'product=Fleetwise | industries=Automotive',
        metadata: null,
        user_id: manager.id,
        interaction_id: null,
        created_at: NOW,
      });
      expect(res.body.data[1]).toMatchObject({
        role: 'assistant',
        metadata: { ...EMPTY, product: 'Fleetwise', industries: ['Automotive'] },
        interaction_id: expect.stringMatching(UUID_PATTERN),
      });
      const page = await api.http.get('/api/productContext/log?limit=2&offset=2').set(rep.headers);
      expect(page.body.meta).toEqual({ total: all.length, limit: 2, offset: 2 });
      expect(page.body.data.map((t: Json) => t.id)).toEqual(all.slice(2, 4).map((t) => t.id));
      const byPage = await api.http.get('/api/product-context/log?page=2&limit=3').set(rep.headers);
      expect(byPage.body.data.map((t: Json) => t.id)).toEqual(all.slice(3, 6).map((t) => t.id));
    });

    it('rejects a bad window', async () => {
      expectValidation(await api.http.get('/api/product-context/log?limit=0').set(rep.headers), ['limit']);
      expectValidation(await api.http.get('/api/product-context/log?page=1&offset=1').set(rep.headers), [
        'page',
      ]);
    });
  });

  describe('roles', () => {
    it('an agent (user or API key) cannot chat, under either spelling, and nothing changes', async () => {
      const key = await createApiKey(api.http, mine, 'agent');
      const before = await state(mine);
      for (const headers of [rep.headers, { 'X-API-Key': key.key }]) {
        for (const path of ['/api/product-context/chat', '/api/productContext/chat']) {
          const res = await chat(headers, { user_message: 'product=Hijack' }, path);
          expectError(res, 403, 'AUTHORIZATION_FAILED', 'This needs the manager role');
        }
      }
      expect(await state(mine)).toEqual(before);
    });

    it('every role reads the context, the log and the recommendations', async () => {
      for (const path of [
        '/api/product-context',
        '/api/product-context/log',
        '/api/product-context/recommendations',
      ]) {
        const res = await api.http.get(path).set(rep.headers);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });

    it('without credentials every route is a 401', async () => {
      for (const [method, path] of [
        ['get', '/api/product-context'],
        ['post', '/api/product-context/chat'],
        ['get', '/api/productContext/log'],
        ['get', '/api/product-context/recommendations'],
      ] as const) {
        const res = await api.http[method](path).send(method === 'post' ? { user_message: 'x' } : undefined);
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
    });
  });

  describe('tenancy', () => {
    it('another tenant sees none of it, and its chat lands in its own context only', async () => {
      const other = await createTenant(api.http);
      const mineBefore = await state(mine);
      const get = await api.http.get('/api/product-context').set(other.admin.headers);
      expect(get.body.data).toEqual({ metadata: EMPTY, status: 'empty', updated_at: null });
      const log = await api.http.get('/api/productContext/log').set(other.admin.headers);
      expect({ data: log.body.data, meta: log.body.meta }).toEqual({
        data: [],
        meta: { total: 0, limit: 50, offset: 0 },
      });
      const res = await chat(other.admin.headers, { user_message: 'We make ERP software.' });
      expect(res.status).toBe(200);
      expect(await state(mine)).toEqual(mineBefore);
      expect((await turns(other)).length).toBe(2);
      // Its call went to its own (local) provider, not to the first tenant's OpenAI.
      expect((await interactions(other))[0]).toMatchObject({ provider: 'local' });
    });
  });
});
