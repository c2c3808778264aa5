import { AchievementProgress, ClassificationService } from '@app/domain';
import {
  applyLeadReply,
  connectLiveClient,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  HeardEvent,
  insertAgentRow,
  insertCallRow,
  ISO_TIMESTAMP,
  TestTenant,
  TestUser,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';

type Json = Record<string, unknown>;
interface Achievement {
  key: string;
  unlocked: boolean;
  unlocked_at: string | null;
  points: number;
  progress: { current: number; target: number; percentage: number };
}

/**
 * Achievements (seed 004): the catalogue with each user's progress, counted from what they did through the API
 * (leads they own qualified, a campaign they created launched, their reply to a lead sent by the worker through
 * the simulator), unlocked once with one notification raised live to them.
 */
describe('achievements (e2e)', () => {
  let tenant: TestTenant;
  let manager: TestUser;
  let agent: TestUser;
  let intruder: TestTenant;
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));
  const { api } = useTestApiAndWorker();

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    intruder = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    agent = await createUser(api.http, tenant, 'agent');
  });

  const get = (user: TestUser, query = '') => api.http.get(`/api/achievements${query}`).set(user.headers);
  const byKey = (body: { data: { achievements: Achievement[] } }, key: string) =>
    body.data.achievements.find((a) => a.key === key) as Achievement;
  const unlocks = (tenantId: string) =>
    api.db.query(
      `SELECT ua.user_id, a.key, ua.unlocked_at FROM user_achievements ua JOIN achievements a ON a.id = ua.achievement_id
        WHERE ua.tenant_id = $1 ORDER BY a.key, ua.user_id`,
      [tenantId],
    );
  const achievementNotifications = (userId: string) =>
    api.db.query(
      `SELECT id, type, title, message, data FROM notifications
        WHERE user_id = $1 AND title LIKE 'Achievement unlocked:%' ORDER BY created_at, id`,
      [userId],
    );
  const listen = async (user: TestUser): Promise<HeardEvent[]> => {
    const client = await connectLiveClient(api.url, user.token);
    sockets.push(client.socket);
    return client.heard;
  };
  async function qualifiedLead(ownerId: string, phone: string): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Quinn', phone, status: 'qualified', owner_id: ownerId });
    expect(res.status).toBe(201);
    return res.body.data.id;
  }

  it('a fresh user sees the whole catalogue locked, with no progress', async () => {
    const res = await get(agent);
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data.progress).toEqual({ total_unlocked: 0, total_available: 10, points: 0 });
    expect(res.body.data.achievements).toHaveLength(10);
    expect(res.body.data.achievements[0]).toEqual({
      id: expect.any(String),
      key: 'first_qualified_lead',
      title: 'First Qualified Lead',
      description: 'A lead you own was qualified',
      category: 'sales',
      rarity: 'common',
      points: 10,
      unlocked: false,
      unlocked_at: null,
      progress: { current: 0, target: 1, percentage: 0 },
    });
    for (const a of res.body.data.achievements as Achievement[]) {
      expect(a).toMatchObject({
        unlocked: false,
        unlocked_at: null,
        progress: { current: 0, percentage: 0 },
      });
    }
    expect(await unlocks(tenant.id)).toEqual([]);
  });

  it('a lead the agent owns made qualified unlocks their first achievement, once, told live', async () => {
    const heard = await listen(agent);
    const leadId = await qualifiedLead(agent.id, '+14155550811');

    // Unlocked by the request itself, before anyone reads their achievements.
    const [notification] = await achievementNotifications(agent.id);
    expect(notification).toMatchObject({
      type: 'system',
      title: 'Achievement unlocked: First Qualified Lead',
      message: 'A lead you own was qualified (+10 points)',
      data: { key: 'first_qualified_lead', points: 10, category: 'sales', rarity: 'common' },
    });
    await waitFor(async () => heard.some((h) => h.event === 'notification'));
    expect(heard.filter((h) => h.event === 'notification').map((h) => h.payload)).toEqual([
      expect.objectContaining({ id: notification.id, type: 'system', title: notification.title }),
    ]);
    const listed = await api.http.get('/api/notifications?type=system').set(agent.headers);
    expect(listed.body.data.map((n: Json) => n.title)).toEqual([
      'Achievement unlocked: First Qualified Lead',
    ]);

    const res = await get(agent);
    const first = byKey(res.body, 'first_qualified_lead');
    expect(first).toMatchObject({
      unlocked: true,
      unlocked_at: expect.stringMatching(ISO_TIMESTAMP),
      points: 10,
      progress: { current: 1, target: 1, percentage: 100 },
    });
    expect(byKey(res.body, 'ten_qualified_leads')).toMatchObject({
      unlocked: false,
      progress: { current: 1, target: 10, percentage: 10 },
    });
    expect(res.body.data.progress).toEqual({ total_unlocked: 1, total_available: 10, points: 10 });

    // Again: the lead changed, another qualified lead, checks at once: still one unlock, one notification.
    api.clock.advance(60_000);
    const patched = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ status: 'converted' });
    expect(patched.status).toBe(200);
    await qualifiedLead(agent.id, '+14155550812');
    const progress = api.app.get(AchievementProgress);
    await Promise.all(
      Array.from({ length: 5 }, () => progress.changed(tenant.id, agent.id, ['leads_qualified'])),
    );
    const again = await get(agent);
    expect(byKey(again.body, 'first_qualified_lead').unlocked_at).toBe(first.unlocked_at);
    expect(byKey(again.body, 'ten_qualified_leads').progress).toEqual({
      current: 2,
      target: 10,
      percentage: 20,
    });
    expect(await unlocks(tenant.id)).toEqual([
      { user_id: agent.id, key: 'first_qualified_lead', unlocked_at: new Date(first.unlocked_at as string) },
    ]);
    expect(await achievementNotifications(agent.id)).toHaveLength(1);
    expect(heard.filter((h) => h.event === 'notification')).toHaveLength(1);
  });

  it('a qualified lead deleted since counts no more: creating and deleting leads builds no progress', async () => {
    const owner = await createUser(api.http, tenant, 'manager');
    for (const phone of ['+14155550821', '+14155550822', '+14155550823']) {
      const leadId = await qualifiedLead(owner.id, phone);
      expect((await api.http.delete(`/api/leads/${leadId}`).set(tenant.admin.headers)).status).toBe(200);
    }
    const kept = await qualifiedLead(owner.id, '+14155550824');
    const res = await get(owner);
    // The one live qualified lead, as the dashboard counts it; not four.
    expect(byKey(res.body, 'ten_qualified_leads').progress).toEqual({
      current: 1,
      target: 10,
      percentage: 10,
    });
    expect((await api.http.delete(`/api/leads/${kept}`).set(tenant.admin.headers)).status).toBe(200);
    const after = await get(owner);
    expect(byKey(after.body, 'ten_qualified_leads').progress).toEqual({
      current: 0,
      target: 10,
      percentage: 0,
    });
  });

  it('a campaign the manager created and launched unlocks Launch Day for them', async () => {
    const created = await api.http
      .post('/api/campaigns')
      .set(manager.headers)
      .send({ name: 'Achievers', subjectLine: 'Hello', template: 'Hi {{firstName}}' });
    expect(created.status).toBe(201);
    expect(byKey((await get(manager)).body, 'first_campaign_launched').unlocked).toBe(false);
    const launched = await api.http
      .post(`/api/campaigns/${created.body.data.id}/launch`)
      .set(manager.headers);
    expect(launched.status).toBe(200);
    expect((await achievementNotifications(manager.id)).map((n: Json) => n.title)).toEqual([
      'Achievement unlocked: Launch Day',
    ]);
    const res = await get(manager);
    expect(byKey(res.body, 'first_campaign_launched')).toMatchObject({
      unlocked: true,
      unlocked_at: expect.stringMatching(ISO_TIMESTAMP),
      progress: { current: 1, target: 1, percentage: 100 },
    });
    expect(byKey(res.body, 'five_campaigns_launched').progress).toEqual({
      current: 1,
      target: 5,
      percentage: 20,
    });
    expect((await achievementNotifications(manager.id)).map((n: Json) => n.title)).toEqual([
      'Achievement unlocked: Launch Day',
    ]);
  });

  it("the manager's reply to a lead who wrote, sent through the simulator, unlocks First Reply", async () => {
    const heard = await listen(manager);
    const reply = await applyLeadReply(api.app, tenant.id, {
      from: '+14155550813',
      body: 'Hello, who is this?',
      now: api.clock.now(),
    });
    const [conversation] = await api.db.query(
      `SELECT id FROM conversations WHERE tenant_id = $1 AND lead_id = $2`,
      [tenant.id, reply.leadId],
    );
    const sent = await api.http
      .post(`/api/conversations/${conversation.id}/messages`)
      .set(manager.headers)
      .send({ body: 'Hi, this is Reachline' });
    expect(sent.status).toBe(201);
    expect(sent.body.data.status).toBe('queued');
    // Unlocked as the worker records the send, before anyone reads their achievements.
    const told = (h: HeardEvent) =>
      h.event === 'notification' && (h.payload as Json).title === 'Achievement unlocked: First Reply';
    await waitFor(async () => heard.some(told));
    expect(heard.filter(told)).toHaveLength(1);
    const res = await get(manager);
    expect(byKey(res.body, 'first_inbox_reply')).toMatchObject({
      unlocked: true,
      points: 10,
      progress: { current: 1, target: 1, percentage: 100 },
    });
    expect(byKey(res.body, 'hundred_messages_sent').progress).toEqual({
      current: 1,
      target: 100,
      percentage: 1,
    });
    expect(res.body.data.progress).toEqual({ total_unlocked: 2, total_available: 10, points: 20 });
  });

  it("a reply the classifier qualifies counts for the lead's owner, told without any read", async () => {
    const owner = await createUser(api.http, tenant, 'agent');
    const patched = await api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      // Between what a greeting can score (neutral: at most 0.85 x 25 + two replies' 8 = 29) and what an interested
      // reply scores at any confidence (0.85 x 88 x 0.5 + 8 = 45): the first reply never qualifies, the second does.
      .send({ settings: { scoring: { qualified_threshold: 40 } } });
    expect(patched.status).toBe(200);
    const first = await applyLeadReply(api.app, tenant.id, {
      from: '+14155550814',
      body: 'Hi there',
      now: api.clock.now(),
    });
    const owned = await api.http
      .patch(`/api/leads/${first.leadId}`)
      .set(tenant.admin.headers)
      .send({ owner_id: owner.id });
    expect(owned.status).toBe(200);
    expect(await achievementNotifications(owner.id)).toEqual([]);
    const reply = await applyLeadReply(api.app, tenant.id, {
      from: '+14155550814',
      body: 'Yes, I am very interested, tell me more about pricing',
      now: api.clock.now(),
    });
    await api.app
      .get(ClassificationService)
      .classify(tenant.id, reply.messageId, { reclassify: false, lastAttempt: false });
    // The worker may classify it too (its job was queued): whichever run qualifies it tells, once.
    await waitFor(async () => (await achievementNotifications(owner.id)).length > 0);
    expect((await achievementNotifications(owner.id)).map((n: Json) => n.title)).toEqual([
      'Achievement unlocked: First Qualified Lead',
    ]);
  });

  it("calls connected to the user's agent count (not their own legs, nor calls never connected)", async () => {
    const agentId = await insertAgentRow(api.db, tenant.id, { user_id: agent.id });
    const at = api.clock.now();
    await insertCallRow(api.db, tenant.id, { agent_id: agentId, kind: 'agent_leg', connected_at: at });
    await insertCallRow(api.db, tenant.id, { agent_id: agentId, status: 'no-answer' });
    const progress = api.app.get(AchievementProgress);
    await progress.agentConnected(tenant.id, agentId);
    expect(byKey((await get(agent)).body, 'first_call_connected')).toMatchObject({
      unlocked: false,
      progress: { current: 0, target: 1, percentage: 0 },
    });
    // As the dialer tells it once it bridged a lead's call to the agent.
    await insertCallRow(api.db, tenant.id, { agent_id: agentId, connected_at: at, talk_time: 30 });
    await progress.agentConnected(tenant.id, agentId);
    expect((await achievementNotifications(agent.id)).map((n: Json) => n.title)).toEqual([
      'Achievement unlocked: First Qualified Lead',
      'Achievement unlocked: First Connection',
    ]);
    const res = await get(agent);
    expect(byKey(res.body, 'first_call_connected')).toMatchObject({ unlocked: true, points: 10 });
    expect(byKey(res.body, 'hundred_calls_connected').progress).toEqual({
      current: 1,
      target: 100,
      percentage: 1,
    });
  });

  it("admins and managers see another user's of their tenant; an agent only their own", async () => {
    const seen = await get(manager, `?user_id=${agent.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.progress).toEqual({ total_unlocked: 2, total_available: 10, points: 20 });
    expect((await get(tenant.admin, `?userId=${manager.id}`)).body.data.progress.points).toBe(20);
    expect((await get(agent, `?user_id=${agent.id}`)).body.data.progress.points).toBe(20);
    const key = await createApiKey(api.http, tenant, 'admin');
    const viaKey = await api.http.get(`/api/achievements?user_id=${agent.id}`).set({ 'X-API-Key': key.key });
    expect(viaKey.body.data.progress.points).toBe(20);
  });

  it('another tenant sees none of it, and its users are a 404', async () => {
    const before = await unlocks(tenant.id);
    const own = await get(intruder.admin);
    expect(own.body.data.progress).toEqual({ total_unlocked: 0, total_available: 10, points: 0 });
    expectError(await get(intruder.admin, `?user_id=${agent.id}`), 404, 'NOT_FOUND', 'User not found');
    expectError(await get(manager, `?user_id=${intruder.admin.id}`), 404, 'NOT_FOUND', 'User not found');
    expect(await unlocks(intruder.id)).toEqual([]);
    expect(await unlocks(tenant.id)).toEqual(before);
  });

  it('refuses bad input with the error envelope, changing nothing', async () => {
    const state = async () => ({
      unlocks: await unlocks(tenant.id),
      notifications: await api.db.query(`SELECT id FROM notifications WHERE tenant_id = $1 ORDER BY id`, [
        tenant.id,
      ]),
    });
    const before = await state();
    expectValidation(await get(manager, '?user_id=not-a-uuid'), ['user_id']);
    expectValidation(await get(manager, '?user_id='), ['user_id']);
    expectValidation(await get(manager, '?category=sales'), ['category']);
    expectError(await get(agent, `?user_id=${manager.id}`), 403, 'AUTHORIZATION_FAILED');
    expectError(
      await get(manager, '?user_id=00000000-0000-4000-8000-000000000000'),
      404,
      'NOT_FOUND',
      'User not found',
    );
    const key = await createApiKey(api.http, tenant, 'admin');
    expectError(
      await api.http.get('/api/achievements').set({ 'X-API-Key': key.key }),
      403,
      'AUTHORIZATION_FAILED',
    );
    expectError(await api.http.get('/api/achievements'), 401, 'AUTHENTICATION_REQUIRED');
    expect(await state()).toEqual(before);
  });
});
