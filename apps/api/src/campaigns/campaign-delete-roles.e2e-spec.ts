import { createTenant, createUser, expectError, ISO_TIMESTAMP, TestApi, TestTenant } from '@app/testing';
import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { campaignRequests, SEED_000 } from './campaign-requests.fixture';

/** DELETE /api/campaigns/:id archives or cancels; who may read and write campaigns. */
describe('campaigns CRUD: deleting campaigns, and roles (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  const { patch, get, created, lead, stored } = campaignRequests((s) => ({ api, db, tenant } = s));

  describe('DELETE /api/campaigns/:id', () => {
    it('archives a draft: it leaves the list, GET still answers it; a second DELETE is the same', async () => {
      const t = await createTenant(api.http);
      const c = await created(t, SEED_000);
      const res = await api.http.delete(`/api/campaigns/${c.id}`).set(t.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: c.id,
        status: 'draft',
        archived_at: expect.stringMatching(ISO_TIMESTAMP),
      });
      expect((await api.http.get('/api/campaigns').set(t.admin.headers)).body.meta.total).toBe(0);
      expect((await get(t, c.id)).body.data.archived_at).toBe(res.body.data.archived_at);
      const again = await api.http.delete(`/api/campaigns/${c.id}`).set(t.admin.headers);
      expect(again.status).toBe(200);
      expect(again.body.data.archived_at).toBe(res.body.data.archived_at);
    });

    it('cancels an active campaign first: its unfinished enrollments stop; then nothing more happens to it', async () => {
      const t = await createTenant(api.http);
      const l1 = await lead(t, { first_name: 'A', email: 'a@example.com' });
      const l2 = await lead(t, { first_name: 'B', email: 'b@example.com' });
      const c = await created(t, { name: 'Run', template: 'Hi', leadIds: [l1, l2] });
      expect((await api.http.post(`/api/campaigns/${c.id}/start`).set(t.admin.headers)).status).toBe(200);
      await db.query(
        `UPDATE campaign_enrollments SET status = 'replied' WHERE tenant_id = $1 AND lead_id = $2`,
        [t.id, l2],
      );
      const res = await api.http.delete(`/api/campaigns/${c.id}`).set(t.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        status: 'cancelled',
        cancelled_at: expect.stringMatching(ISO_TIMESTAMP),
        archived_at: expect.stringMatching(ISO_TIMESTAMP),
      });
      const rows = await db.query(
        'SELECT lead_id, status, stop_reason FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id',
        [t.id, c.id],
      );
      expect(rows).toEqual(
        [
          { lead_id: l1, status: 'stopped', stop_reason: 'cancelled' },
          { lead_id: l2, status: 'replied', stop_reason: null },
        ].sort((x, y) => x.lead_id.localeCompare(y.lead_id)),
      );
      const before = await stored(t.id);
      for (const action of ['start', 'resume', 'send']) {
        const refused = await api.http.post(`/api/campaigns/${c.id}/${action}`).set(t.admin.headers);
        expect(refused.status).toBe(409);
        expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { from: 'cancelled' } });
      }
      const edit = await patch(t, c.id, { name: 'Back' });
      expect(edit.status).toBe(409);
      expect(edit.body.error).toMatchObject({ code: 'CONFLICT', message: 'The campaign is archived' });
      expect(await stored(t.id)).toEqual(before);
    });

    it("empties the tenant's send lines as a cancel does: the other campaigns' sends do not wait behind its turns", async () => {
      const t = await createTenant(api.http);
      const l1 = await lead(t, { first_name: 'A', email: 'a@example.com' });
      const c = await created(t, { name: 'Backlog', template: 'Hi', leadIds: [l1] });
      expect((await api.http.post(`/api/campaigns/${c.id}/start`).set(t.admin.headers)).status).toBe(200);
      // A turn its backlog holds in the tenant's email line, a minute away (the line is a sorted set of turns).
      const line = api.app.get(AppConfig).redisKey('send-line', 'email', t.id);
      const redis = api.app.get<Redis>(REDIS);
      await redis.zadd(line, Date.now() + 60_000, 'backlog');
      expect(await redis.exists(line)).toBe(1);

      expect((await api.http.delete(`/api/campaigns/${c.id}`).set(t.admin.headers)).status).toBe(200);
      expect(await redis.exists(line)).toBe(0);
    });
  });

  describe('roles', () => {
    it('an agent reads campaigns but every write is 403 and changes nothing', async () => {
      const t = await createTenant(api.http);
      const agent = await createUser(api.http, t, 'agent');
      const c = await created(t, SEED_000);
      expect((await api.http.get('/api/campaigns').set(agent.headers)).status).toBe(200);
      expect((await get(agent, c.id)).status).toBe(200);
      const before = await stored(t.id);
      const writes = [
        api.http.post('/api/campaigns').set(agent.headers).send(SEED_000),
        api.http.patch(`/api/campaigns/${c.id}`).set(agent.headers).send({ name: 'x' }),
        api.http.put(`/api/campaigns/${c.id}`).set(agent.headers).send({ name: 'x' }),
        api.http.delete(`/api/campaigns/${c.id}`).set(agent.headers),
        ...['start', 'launch', 'send', 'pause', 'resume', 'cancel'].map((a) =>
          api.http.post(`/api/campaigns/${c.id}/${a}`).set(agent.headers),
        ),
        api.http.post(`/api/campaigns/${c.id}/leads`).set(agent.headers).send({ target_filter: 'ALL' }),
        api.http.get(`/api/campaigns/${c.id}/leads`).set(agent.headers),
      ];
      for (const res of await Promise.all(writes)) expectError(res, 403, 'AUTHORIZATION_FAILED');
      expect(await stored(t.id)).toEqual(before);
    });

    it('a manager does everything', async () => {
      const manager = await createUser(api.http, tenant, 'manager');
      const c = await created(manager, { name: 'By a manager', steps: [{ type: 'SMS', content: 'x' }] });
      expect(c.created_by).toBe(manager.id);
      expect((await patch(manager, c.id, { name: 'Renamed' })).status).toBe(200);
      expect((await api.http.post(`/api/campaigns/${c.id}/start`).set(manager.headers)).status).toBe(200);
      expect((await api.http.delete(`/api/campaigns/${c.id}`).set(manager.headers)).status).toBe(200);
    });

    it('without credentials: 401', async () => {
      expectError(await api.http.get('/api/campaigns'), 401, 'AUTHENTICATION_REQUIRED');
    });
  });
});
