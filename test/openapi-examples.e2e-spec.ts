import { createAgent, createAgentGroup, createTenant, TestTenant, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { OpenApi, requestExamples, Route, routesOf, schemaResolver } from './hostile-input.fixture';

/**
 * DESIGN §3 "Every route is in the OpenAPI document with its DTOs, examples": a documented request body is one the
 * route accepts. Each operation's named examples (else the body its schema's property examples make) are sent by a
 * tenant's admin, with the ids in them made the tenant's own rows; none is refused as invalid.
 */

/** Routes that end the caller's session, or answer only with a credential no example can hold. */
const SKIPPED = new Set(['post /api/auth/logout', 'post /api/auth/refresh']);

/** An example's field naming a row, snake_case: the tenant's own row of that kind. */
type Own = Record<string, string | string[]>;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('the OpenAPI request examples (e2e)', () => {
  const api = useTestApi();
  let doc: OpenApi;
  let tenant: TestTenant;
  let own: Own;
  let paths: Record<string, string>;

  async function ownRows(): Promise<void> {
    tenant = await createTenant(api.http);
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Example', phone: '+447911123456' });
    const campaign = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({ name: 'Example', steps: [{ type: 'SMS', content: 'Hi {{first_name}}' }] });
    expect([lead.status, campaign.status]).toEqual([201, 201]);
    const group = await createAgentGroup(api.http, tenant);
    const agent = await createAgent(api.http, tenant, { agent_group_id: group });
    const leadId = lead.body.data.id as string;
    const user = tenant.admin.id;
    own = {
      lead_id: leadId,
      lead_ids: [leadId],
      campaign_id: campaign.body.data.id,
      agent_id: agent,
      agent_group_id: group,
      user_id: user,
      owner_id: user,
      assigned_to: user,
    };
    paths = { leads: leadId, contacts: leadId, campaigns: campaign.body.data.id, agents: agent };
    paths['agent-groups'] = group;
  }

  beforeAll(async () => {
    doc = (await api.http.get('/api/docs-json')).body as OpenApi;
    await ownRows();
  }, 60_000);

  /** A file uploaded to send: each goes out once, so every example naming one gets its own. */
  async function upload(): Promise<string> {
    const res = await api.http
      .post('/api/messages/attachments')
      .set(tenant.admin.headers)
      .attach('file', Buffer.from('%PDF-1.4\n'), 'brochure.pdf');
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  /** The example with the ids in it the tenant's own, its files uploaded, and its schedule ahead of now. */
  async function ownRowsIn(example: unknown): Promise<unknown> {
    if (!example || typeof example !== 'object' || Array.isArray(example)) return example;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(example)) {
      const key = snake(k);
      if (key === 'attachment_ids') out[k] = [await upload()];
      else if (key === 'scheduled_time' || key === 'schedule_start') out[k] = tomorrow;
      else out[k] = key in own ? own[key] : v;
    }
    return out;
  }

  function pathOf(path: string): string {
    return path.replace(/\{[^}]+\}/g, (_m, offset: number) => {
      const collection = path.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
      return paths[collection] ?? randomUUID();
    });
  }

  function send(route: Route, body: unknown): Promise<Response> {
    const methods = api.http as unknown as Record<string, (u: string) => Test>;
    return methods[route.method](pathOf(route.path))
      .set(tenant.admin.headers)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  }

  it('every documented request body is accepted by its route', async () => {
    const resolve = schemaResolver(doc);
    const routes = routesOf(doc)
      .filter((r) => !SKIPPED.has(`${r.method} ${r.path}`))
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    const refused: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (const [name, example] of requestExamples(route.op, resolve)) {
        const res = await send(route, await ownRowsIn(example));
        sent += 1;
        // 503: an outside LLM no test reaches (an example chose OpenAI).
        if (res.status === 400 || (res.status >= 500 && res.status !== 503))
          refused.push(
            `${route.method.toUpperCase()} ${route.path} (${name}): ${res.status} ${res.body?.error?.message}`,
          );
        // An example that changed the admin's credentials: the rest go with a new tenant.
        if ((await api.http.get('/api/auth/me').set(tenant.admin.headers)).status === 401) await ownRows();
      }
    }
    expect(sent).toBeGreaterThan(50);
    expect(refused).toEqual([]);
  }, 300_000);
});
