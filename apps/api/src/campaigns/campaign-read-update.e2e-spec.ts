import { createTenant, expectError, expectValidation, PgSessions, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { campaignRequests, type Json, SEED_000, step } from './campaign-requests.fixture';

/** GET /api/campaigns and /api/campaigns/:id, PATCH and PUT /api/campaigns/:id. */
describe('campaigns CRUD: reading and changing campaigns (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  const { patch, get, created, lead, stored } = campaignRequests((s) => ({ api, db, tenant } = s));

  describe('GET /api/campaigns', () => {
    it('lists newest first with the status filter and pagination; archived campaigns are left out', async () => {
      const t = await createTenant(api.http);
      const a = await created(t, { name: 'A', steps: [{ type: 'SMS', content: 'x' }] });
      const b = await created(t, { name: 'B', steps: [{ type: 'SMS', content: 'x' }] });
      const c = await created(t, { name: 'C' });
      const d = await created(t, { name: 'D' });
      expect((await api.http.post(`/api/campaigns/${b.id}/start`).set(t.admin.headers)).status).toBe(200);
      expect((await api.http.delete(`/api/campaigns/${d.id}`).set(t.admin.headers)).status).toBe(200);

      const all = await api.http.get('/api/campaigns').set(t.admin.headers);
      expect(all.status).toBe(200);
      expect(all.body.meta).toEqual({ total: 3, limit: 50, offset: 0 });
      expect(all.body.data.map((x: Json) => x.name)).toEqual(['C', 'B', 'A']);
      expect(all.body.data[1].steps).toEqual([step(0, { type: 'SMS', content: 'x' })]);
      expect(all.body.data[0].stats).toBeUndefined();

      const active = await api.http.get('/api/campaigns?status=active').set(t.admin.headers);
      expect(active.body.data.map((x: Json) => x.id)).toEqual([b.id]);
      const drafts = await api.http.get('/api/campaigns?status=draft&limit=1&page=2').set(t.admin.headers);
      expect(drafts.body.meta).toEqual({ total: 2, limit: 1, offset: 1 });
      expect(drafts.body.data.map((x: Json) => x.id)).toEqual([a.id]);
      expect(c.id).toBeTruthy();
    });

    it('refuses a bad status or page', async () => {
      expectValidation(await api.http.get('/api/campaigns?status=running').set(tenant.admin.headers), [
        'status',
      ]);
      expectValidation(await api.http.get('/api/campaigns?limit=500').set(tenant.admin.headers), ['limit']);
    });
  });

  describe('GET /api/campaigns/:id', () => {
    it('answers the campaign, its steps and its enrollment totals', async () => {
      const t = await createTenant(api.http);
      const l1 = await lead(t, { first_name: 'A', email: 'a@example.com' });
      const l2 = await lead(t, { first_name: 'B', email: 'b@example.com' });
      const c = await created(t, { name: 'Stats', template: 'Hi', leadIds: [l1, l2] });
      await db.query(
        `UPDATE campaign_enrollments SET status = 'replied' WHERE tenant_id = $1 AND lead_id = $2`,
        [t.id, l2],
      );
      const res = await get(t, c.id);
      expect(res.status).toBe(200);
      expect(res.body.data.stats).toEqual({
        total_leads: 2,
        by_status: {
          pending: 1,
          queued: 0,
          in_progress: 0,
          waiting: 0,
          replied: 1,
          completed: 0,
          failed: 0,
          stopped: 0,
          dnc: 0,
        },
      });
    });

    it('answers 404 for an unknown id and for something that is not an id', async () => {
      expectError(await get(tenant, randomUUID()), 404, 'NOT_FOUND', 'Campaign not found');
      expectError(await get(tenant, 'not-a-uuid'), 404, 'NOT_FOUND', 'Campaign not found');
    });
  });

  describe('PATCH / PUT /api/campaigns/:id', () => {
    it('changes the fields sent; new steps replace the old ones and bump steps_version', async () => {
      const c = await created(tenant, SEED_000);
      const res = await patch(tenant, c.id, {
        name: 'Welcome v2',
        followUpIntervalDays: 2,
        steps: [{ type: 'SMS', content: 'Hi {{first_name|there}}' }],
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        name: 'Welcome v2',
        follow_up_interval_days: 2,
        target_filter: 'ALL',
        steps_version: 2,
        steps: [step(0, { type: 'SMS', content: 'Hi {{first_name|there}}' })],
      });
      const count = await db.query(
        'SELECT count(*)::int AS n FROM campaign_steps WHERE tenant_id = $1 AND campaign_id = $2',
        [tenant.id, c.id],
      );
      expect(count).toEqual([{ n: 1 }]);
    });

    it('a new seed 002 template without channel keeps the channel the campaign sends on (email when it has none)', async () => {
      const sms = await created(tenant, { name: 'By SMS', channel: 'sms', template: 'Hi {{firstName}}' });
      const res = await patch(tenant, sms.id, { template: 'Hello {{firstName|there}}' });
      expect(res.status).toBe(200);
      expect(res.body.data.steps).toEqual([step(0, { type: 'SMS', content: 'Hello {{firstName|there}}' })]);
      const whatsapp = await created(tenant, SEED_000);
      const put = await api.http
        .put(`/api/campaigns/${whatsapp.id}`)
        .set(tenant.admin.headers)
        .send({ template: 'One message' });
      expect(put.body.data.steps).toEqual([step(0, { type: 'WHATSAPP', content: 'One message' })]);
      const moved = await patch(tenant, sms.id, { template: 'By mail now', channel: 'email' });
      expect(moved.body.data.steps).toEqual([step(0, { type: 'EMAIL', content: 'By mail now' })]);
      const empty = await created(tenant, { name: 'No steps yet' });
      const first = await patch(tenant, empty.id, { template: 'Hi' });
      expect(first.body.data.steps).toEqual([step(0, { type: 'EMAIL', content: 'Hi' })]);
    });

    it('PUT takes the same fields, all optional (seed 001); null clears what may be empty', async () => {
      const c = await created(tenant, { ...SEED_000, caller_id: '+14155551234', timezone: 'Europe/Lisbon' });
      const res = await api.http
        .put(`/api/campaigns/${c.id}`)
        .set(tenant.admin.headers)
        .send({ caller_id: '+14155550000', timezone: null, record_calls: true });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        name: 'Welcome Series',
        caller_id: '+14155550000',
        timezone: null,
        record_calls: true,
        steps_version: 1,
        steps: [
          step(0, { type: 'WHATSAPP', content: 'Welcome aboard!' }),
          expect.anything(),
          expect.anything(),
        ],
      });
    });

    it('sending the current steps back changes nothing (steps_version stays)', async () => {
      const c = await created(tenant, SEED_000);
      const res = await patch(tenant, c.id, { steps: SEED_000.steps });
      expect(res.status).toBe(200);
      expect(res.body.data.steps_version).toBe(1);
      expect(res.body.data.steps.map((s: Json) => s.id)).toEqual((c.steps as Json[]).map((s) => s.id));
    });

    it('checks a change against the values a concurrent change committed meanwhile', async () => {
      const c = await created(tenant, {
        name: 'Race',
        calling_hours_start: '09:00',
        calling_hours_end: '17:00',
      });
      const sessions = new PgSessions(db);
      try {
        // Another PATCH moved the start to 16:00 and holds the row, not committed yet.
        const other = await sessions.begin();
        await other.tx.query(`UPDATE campaigns SET calling_hours_start = '16:00' WHERE id = $1`, [c.id]);
        // Against the row it first read (09:00-17:00) this end is fine; against 16:00 it leaves no window.
        const mine = patch(tenant, c.id, { calling_hours_end: '10:00' }).then((res) => res);
        expect(await sessions.doneOrWaiting(mine, [other.pid])).toHaveLength(1);
        await other.tx.commitTransaction();
        expectValidation(await mine, ['calling_hours_end']);
      } finally {
        await sessions.close();
      }
      const [row] = await db.query(
        'SELECT calling_hours_start, calling_hours_end FROM campaigns WHERE id = $1',
        [c.id],
      );
      expect(row).toEqual({ calling_hours_start: '16:00:00', calling_hours_end: '17:00:00' });
    });

    it('checks a change against the current values (calling hours, schedule) and refuses it whole', async () => {
      const c = await created(tenant, {
        name: 'Window',
        calling_hours_start: '10:00',
        calling_hours_end: '12:00',
        schedule_start: '2030-01-10T00:00:00Z',
      });
      const before = await stored(tenant.id);
      expectValidation(await patch(tenant, c.id, { name: 'Renamed', calling_hours_end: '09:30' }), [
        'calling_hours_end',
      ]);
      expectValidation(await patch(tenant, c.id, { schedule_end: '2030-01-01T00:00:00Z' }), ['schedule_end']);
      expectValidation(await patch(tenant, c.id, { name: null }), ['name']);
      expectValidation(await patch(tenant, c.id, { dialing_mode: null }), ['dialing_mode']);
      expectValidation(await patch(tenant, c.id, { lead_ids: [randomUUID()] }), ['lead_ids']);
      expectValidation(
        await patch(tenant, c.id, { steps: [{ type: 'SMS', content: '{{unknown_thing}}' }] }),
        ['steps.0.content'],
      );
      expectValidation(await patch(tenant, c.id, { status: 'finished' }), ['status']);
      expect(await stored(tenant.id)).toEqual(before);
    });

    it('answers 404 for an unknown campaign', async () => {
      expectError(await patch(tenant, randomUUID(), { name: 'x' }), 404, 'NOT_FOUND', 'Campaign not found');
    });
  });
});
