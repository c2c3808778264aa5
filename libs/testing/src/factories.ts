import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { zoneInDaytime } from './daytime-zone';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  role: 'admin' | 'manager' | 'agent';
  tenant_id: string;
  token: string;
  refresh_token: string;
  /** `{ Authorization: 'Bearer …' }` */
  headers: Record<string, string>;
}

export interface TestTenant {
  id: string;
  name: string;
  admin: TestUser;
}

const unique = () => randomBytes(5).toString('hex');

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

function toUser(body: {
  data: { token: string; refresh_token: string; user: Record<string, string> };
}): TestUser {
  const { token, refresh_token, user } = body.data;
  return {
    id: user.id,
    email: user.email,
    role: user.role as TestUser['role'],
    tenant_id: user.tenant_id,
    token,
    refresh_token,
    headers: bearer(token),
  };
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** A fresh tenant and its admin, through the public register route. */
export async function createTenant(http: TestAgent, name = `Tenant ${unique()}`): Promise<TestTenant> {
  const res = await http.post('/api/auth/register').send({
    email: `admin-${unique()}@example.test`,
    password: TEST_PASSWORD,
    first_name: 'Ada',
    last_name: 'Admin',
    tenant_name: name,
  });
  expectStatus(res, 201, 'register');
  const admin = toUser(res.body);
  return { id: admin.tenant_id, name, admin };
}

/**
 * A lead of `tenant` made through POST /api/leads with `fields`, in a zone where it is day now (zoneInDaytime), so
 * the 08:00-21:00 contact bound lets its campaign steps go whenever the test runs: answers its id.
 */
export async function createDaytimeLead(
  http: TestAgent,
  tenant: TestTenant,
  fields: Record<string, string>,
): Promise<string> {
  const res = await http
    .post('/api/leads')
    .set(tenant.admin.headers)
    .send({ ...fields, timezone: zoneInDaytime() });
  expectStatus(res, 201, 'create lead');
  return res.body.data.id as string;
}

/** A user of `tenant` with `role`, created by its admin, then logged in. */
export async function createUser(
  http: TestAgent,
  tenant: TestTenant,
  role: TestUser['role'],
  extra: Record<string, string> = {},
): Promise<TestUser> {
  const email = `${role}-${unique()}@example.test`;
  const created = await http
    .post('/api/users')
    .set(tenant.admin.headers)
    .send({ email, password: TEST_PASSWORD, first_name: 'Sam', last_name: role, role, ...extra });
  expectStatus(created, 201, 'create user');
  const login = await http.post('/api/auth/login').send({ email, password: TEST_PASSWORD });
  expectStatus(login, 200, 'login');
  return toUser(login.body);
}

export interface TestApiKey {
  id: string;
  key: string;
  role: string;
}

export async function createApiKey(
  http: TestAgent,
  tenant: TestTenant,
  role: TestUser['role'],
): Promise<TestApiKey> {
  const res = await http
    .post('/api/api-keys')
    .set(tenant.admin.headers)
    .send({ name: `key ${unique()}`, role });
  expectStatus(res, 201, 'create API key');
  return { id: res.body.data.id, key: res.body.data.key, role };
}

/** An agent group of `tenant`, created by its admin; its id. */
export async function createAgentGroup(http: TestAgent, tenant: TestTenant, name = 'Team'): Promise<string> {
  const res = await http.post('/api/agent-groups').set(tenant.admin.headers).send({ name });
  expectStatus(res, 201, 'create agent group');
  return res.body.data.id as string;
}

/** An agent of `tenant` (Ann Agent, with a phone unless `phone: null`), created by its admin; its id. */
export async function createAgent(
  http: TestAgent,
  tenant: TestTenant,
  fields: { name?: string; phone?: string | null; agent_group_id?: string; user_id?: string } = {},
): Promise<string> {
  const { phone = '+14155550100', ...rest } = fields;
  const res = await http
    .post('/api/agents')
    .set(tenant.admin.headers)
    .send({ name: 'Ann Agent', ...(phone ? { phone } : {}), ...rest });
  expectStatus(res, 201, 'create agent');
  return res.body.data.id as string;
}
