import { createTenant, createUser, TestTenant, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import {
  FIELD_VALUES,
  Hostile,
  jsonBodySchema,
  NESTED_VALUES,
  nestedLeaves,
  OpenApi,
  PATH_VALUES,
  QUERY_VALUES,
  replaced,
  requestExamples,
  Route,
  routesOf,
  schemaResolver,
} from './hostile-input.fixture';

/**
 * DESIGN §3: "a 500 is a bug". Every operation of the OpenAPI document, sent by a tenant's admin with its first
 * documented body and then with one value at a time replaced by a hostile one (wrong types, NUL bytes, edge numbers,
 * impossible dates, long strings), every query parameter and path id likewise: each answer is below 500, and an
 * error is the envelope with a code.
 */

/** Routes that end the caller's session: sent last, each with a tenant of its own. */
const SESSION_ENDING = new Set(['post /api/auth/logout']);

/** The collection a path names before its `{param}`, and an id of the tenant's own there, when the test made one. */
type Owned = Record<string, string>;

describe('hostile input on every documented route (e2e)', () => {
  const api = useTestApi();
  let doc: OpenApi;
  let routes: Route[];
  let tenant: TestTenant;
  let owned: Owned;

  beforeAll(async () => {
    doc = (await api.http.get('/api/docs-json')).body as OpenApi;
    routes = routesOf(doc);
    tenant = await createTenant(api.http);
    owned = await ownedRows(tenant);
  }, 60_000);

  async function ownedRows(t: TestTenant): Promise<Owned> {
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({
        first_name: 'Hostile',
        phone: '+447911123456',
        email: `h.${randomUUID().slice(0, 8)}@example.com`,
      });
    const campaign = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({ name: 'Hostile', steps: [{ type: 'SMS', content: 'Hi {{first_name}}' }] });
    expect([lead.status, campaign.status]).toEqual([201, 201]);
    return { leads: lead.body.data.id as string, campaigns: campaign.body.data.id as string };
  }

  /** The path with each `{param}` filled: the tenant's own row where there is one, else `fill`. */
  function pathWith(path: string, fill?: string): string {
    return path.replace(/\{[^}]+\}/g, (_m, offset: number) => {
      if (fill !== undefined) return fill;
      const collection = path.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
      return owned[collection] ?? randomUUID();
    });
  }

  /**
   * What is wrong with an answer: a 5xx, or an error that is not the envelope. A 503 SERVICE_UNAVAILABLE is an
   * outside service's answer (the examples of `PATCH llm/providers` choose OpenAI, which no test reaches).
   */
  function fault(res: Response): string | undefined {
    if (res.status === 503 && res.body?.error?.code === 'SERVICE_UNAVAILABLE') return undefined;
    if (res.status >= 500)
      return `${res.status} ${JSON.stringify(res.body?.error ?? res.text).slice(0, 200)}`;
    if (res.status < 400) return undefined;
    const body = res.body as { success?: unknown; error?: { code?: unknown; message?: unknown } };
    const enveloped =
      body?.success === false &&
      typeof body.error?.code === 'string' &&
      typeof body.error?.message === 'string';
    return enveloped
      ? undefined
      : `${res.status} without the error envelope: ${(res.text ?? '').slice(0, 200)}`;
  }

  async function send(
    route: Route,
    t: TestTenant,
    url: string,
    body?: unknown,
    headers: Record<string, string> = t.admin.headers,
  ): Promise<Response> {
    const methods = api.http as unknown as Record<string, (u: string) => Test>;
    const req = methods[route.method](url).set(headers).timeout(20_000);
    return body === undefined ? req : req.set('Content-Type', 'application/json').send(JSON.stringify(body));
  }

  /**
   * The examples with their ids made the tenant's own: `lead_id(s)` and `campaign_id` name the rows the test made;
   * other ids (of users, agents, groups the tenant lacks) are left out, so the body gets past its references.
   */
  function ownIds(example: unknown): unknown {
    if (!example || typeof example !== 'object' || Array.isArray(example)) return example;
    const own: Record<string, unknown> = {
      lead_id: owned.leads,
      lead_ids: [owned.leads],
      campaign_id: owned.campaigns,
    };
    return Object.fromEntries(
      Object.entries(example)
        .filter(([k]) => k in own || !/_ids?$/.test(k))
        .map(([k, v]) => [k, k in own ? own[k] : v]),
    );
  }

  /** The requests of one route: `[what, url, body]`. */
  function variants(route: Route): [string, string, unknown][] {
    const resolve = schemaResolver(doc);
    const bodySchema = jsonBodySchema(route.op);
    const base = bodySchema ? ownIds(requestExamples(route.op, resolve)[0]?.[1]) : undefined;
    const url = pathWith(route.path);
    const out: [string, string, unknown][] = [['the examples', url, base]];
    if (route.path.includes('{'))
      for (const h of PATH_VALUES)
        out.push([`path id ${h.what}`, pathWith(route.path, String(h.value)), base]);
    for (const p of (route.op.parameters ?? []).filter((p) => p.in === 'query')) {
      for (const h of QUERY_VALUES)
        out.push([`query ${p.name} ${h.what}`, `${url}?${p.name}=${h.value}`, base]);
      out.push([`query ${p.name} given twice`, `${url}?${p.name}=1&${p.name}=2`, base]);
    }
    if (bodySchema) {
      for (const whole of [[], 'text', null, 0] as unknown[])
        out.push([`body ${JSON.stringify(whole)}`, url, whole]);
      if (base && typeof base === 'object' && !Array.isArray(base)) {
        const field = (key: string, h: Hostile) => [
          `body ${key} ${h.what}`,
          url,
          { ...base, [key]: h.value },
        ];
        for (const key of Object.keys(base))
          for (const h of FIELD_VALUES) out.push(field(key, h) as [string, string, unknown]);
        for (const leaf of nestedLeaves(base))
          for (const h of NESTED_VALUES)
            out.push([`body ${leaf.join('.')} ${h.what}`, url, replaced(base, leaf, h.value)]);
      }
    }
    return out;
  }

  async function faultsOf(route: Route, t: TestTenant): Promise<string[]> {
    const faults: string[] = [];
    for (const [what, url, body] of variants(route)) {
      const res = await send(route, t, url, body);
      const f = fault(res);
      if (f) faults.push(`${route.method.toUpperCase()} ${route.path} (${what}): ${f}`);
    }
    return faults;
  }

  /** The documented routes grouped by their first segment after /api, so a failure names its area. */
  const areas = () => [...new Set(routes.map((r) => r.path.split('/')[2] ?? ''))].sort();

  it('the document lists the routes this test walks', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(areas()).toEqual(expect.arrayContaining(['leads', 'campaigns', 'dnc', 'conversations']));
  });

  it('no route answers 5xx or an error outside the envelope, whatever the client sends', async () => {
    const faults: string[] = [];
    // Deletes last, so the rows the others name are still there for them.
    const queue = routes
      .filter((r) => !SESSION_ENDING.has(`${r.method} ${r.path}`))
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    // A few routes at a time, each one's requests in turn.
    const lane = async () => {
      for (let route = queue.shift(); route; route = queue.shift()) {
        faults.push(...(await faultsOf(route, tenant)));
        // A route that ended the admin's session would hide every later fault behind 401s: name it instead.
        const me = await api.http.get('/api/auth/me').set(tenant.admin.headers);
        if (me.status === 401) {
          faults.push(`${route.method.toUpperCase()} ${route.path}: ended the caller's session`);
          tenant = await createTenant(api.http);
          owned = await ownedRows(tenant);
        }
      }
    };
    await Promise.all([1, 2, 3, 4].map(lane));
    for (const route of routes.filter((r) => SESSION_ENDING.has(`${r.method} ${r.path}`)))
      for (const [what, url, body] of variants(route)) {
        const own = await createTenant(api.http);
        const f = fault(await send(route, own, url, body));
        if (f) faults.push(`${route.method.toUpperCase()} ${route.path} (${what}): ${f}`);
      }
    expect(faults).toEqual([]);
  }, 600_000);

  it("an agent's every route, with its documented example and an id of the tenant's own, answers below 500 in the envelope", async () => {
    const own = await createTenant(api.http);
    const rows = await ownedRows(own);
    const agent = await createUser(api.http, own, 'agent');
    const saved = owned;
    owned = rows;
    try {
      const faults: string[] = [];
      const walk = routes
        .filter((r) => !SESSION_ENDING.has(`${r.method} ${r.path}`))
        .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
      for (const route of walk) {
        const [[what, url, body]] = variants(route);
        const f = fault(await send(route, own, url, body, agent.headers));
        if (f) faults.push(`${route.method.toUpperCase()} ${route.path} (${what}, as an agent): ${f}`);
      }
      expect(faults).toEqual([]);
    } finally {
      owned = saved;
    }
  }, 300_000);
});
