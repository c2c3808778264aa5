import { JobProducer, QueueName } from '@app/queues';
import {
  createTenant,
  createTestApi,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestTenant,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

const NO_SKIPS = { do_not_contact: 0, opted_out: 0, no_address: 0, archived: 0, not_found: 0 };

/**
 * Issue 5 item 3: enrollment by lead ids or target filter, once per lead, the contact policy's refusals counted and
 * skipped; the enrollment list; GET leads?campaign_id= (seed 001); POST leads/import with campaign_id; tenancy.
 */
describe('campaign enrollment (e2e)', () => {
  const api = useTestApi();

  const now = () => api.clock.now();

  async function campaign(t: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/campaigns').set(t.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`create campaign answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  async function lead(t: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/leads').set(t.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`create lead answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  const enroll = (t: TestTenant, id: string, body: Json) =>
    api.http.post(`/api/campaigns/${id}/leads`).set(t.admin.headers).send(body);

  async function fanouts(campaignId: string): Promise<number> {
    const jobs = await api.app
      .get(JobProducer)
      .queue(QueueName.CampaignSteps)
      .getJobs(['waiting', 'delayed', 'active', 'paused']);
    return jobs.filter((j) => j.name === 'campaigns.fanout' && (j.data as Json).campaign_id === campaignId)
      .length;
  }

  async function enrolled(t: TestTenant, campaignId: string): Promise<Json[]> {
    return api.db.query(
      `SELECT lead_id, status, next_action_at FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id`,
      [t.id, campaignId],
    );
  }

  async function state(t: TestTenant) {
    return {
      campaigns: await api.db.query('SELECT * FROM campaigns WHERE tenant_id = $1 ORDER BY id', [t.id]),
      enrollments: await api.db.query('SELECT * FROM campaign_enrollments WHERE tenant_id = $1 ORDER BY id', [
        t.id,
      ]),
      leads: await api.db.query('SELECT id, updated_at FROM leads WHERE tenant_id = $1 ORDER BY id', [t.id]),
    };
  }

  const SMS = [{ type: 'SMS', content: 'Hi {{first_name|there}}' }];

  /** One lead for each rule of the contact policy, for an SMS campaign. */
  async function policyLeads(t: TestTenant) {
    const ok = await lead(t, { first_name: 'Ok', phone: '+14155550101' });
    const ok2 = await lead(t, { first_name: 'Ok2', phone: '+14155550102', email: 'ok2@example.com' });
    const archived = await lead(t, { first_name: 'Gone', phone: '+14155550103' });
    expect((await api.http.delete(`/api/leads/${archived}`).set(t.admin.headers)).status).toBe(200);
    const dncSms = await lead(t, { first_name: 'NoSms', phone: '+14155550104' });
    expect(
      (await api.http.post('/api/dnc').set(t.admin.headers).send({ phone: '+14155550104', channel: 'sms' }))
        .status,
    ).toBe(201);
    const dncAll = await lead(t, { first_name: 'NoAll', phone: '+14155550105' });
    expect(
      (await api.http.post('/api/dnc').set(t.admin.headers).send({ phone: '+14155550105', channel: 'all' }))
        .status,
    ).toBe(201);
    const optedOut = await lead(t, { first_name: 'Stop', phone: '+14155550106' });
    await api.db.query(`UPDATE leads SET opted_out_channels = '{sms}' WHERE tenant_id = $1 AND id = $2`, [
      t.id,
      optedOut,
    ]);
    const emailOnly = await lead(t, { first_name: 'Mail', email: 'mail@example.com' });
    const dncEmail = await lead(t, {
      first_name: 'MailDnc',
      email: 'nomail@example.com',
      phone: '+14155550107',
    });
    expect(
      (
        await api.http
          .post('/api/dnc')
          .set(t.admin.headers)
          .send({ email: 'nomail@example.com', channel: 'email' })
      ).status,
    ).toBe(201);
    return { ok, ok2, archived, dncSms, dncAll, optedOut, emailOnly, dncEmail };
  }

  describe('POST /api/campaigns/:id/leads', () => {
    it("counts and skips what the contact policy refuses for the first message step's channel (SMS)", async () => {
      const t = await createTenant(api.http);
      const other = await createTenant(api.http);
      const foreign = await lead(other, { first_name: 'Foreign', phone: '+14155550199' });
      const l = await policyLeads(t);
      const id = await campaign(t, { name: 'SMS', steps: [{ type: 'DELAY', content: '1' }, ...SMS] });
      const res = await enroll(t, id, {
        leadIds: [...Object.values(l), l.ok, randomUUID(), foreign],
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        enrolled: 3,
        already_enrolled: 0,
        skipped: { do_not_contact: 2, opted_out: 1, no_address: 1, archived: 1, not_found: 2 },
      });
      expect((await enrolled(t, id)).map((e) => e.lead_id)).toEqual([l.ok, l.ok2, l.dncEmail].sort());
      expect(await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [id])).toEqual([
        { total_leads: 3 },
      ]);
      expect(
        await api.db.query('SELECT count(*)::int AS n FROM campaign_enrollments WHERE lead_id = $1', [
          foreign,
        ]),
      ).toEqual([{ n: 0 }]);
    });

    it('for an EMAIL campaign: the email do-not-contact entry and leads without an email are refused', async () => {
      const t = await createTenant(api.http);
      const l = await policyLeads(t);
      const id = await campaign(t, { name: 'Mail', template: 'Hi' });
      const res = await enroll(t, id, { lead_ids: Object.values(l) });
      expect(res.body.data).toEqual({
        enrolled: 2,
        already_enrolled: 0,
        skipped: { do_not_contact: 2, opted_out: 0, no_address: 3, archived: 1, not_found: 0 },
      });
      expect((await enrolled(t, id)).map((e) => e.lead_id)).toEqual([l.ok2, l.emailOnly].sort());
    });

    it('for a CALL campaign: do_not_call refuses the lead for voice', async () => {
      const t = await createTenant(api.http);
      const calm = await lead(t, { first_name: 'Calm', phone: '+14155550111' });
      const noCalls = await lead(t, { first_name: 'NoCalls', phone: '+14155550112' });
      await api.db.query(`UPDATE leads SET do_not_call = true WHERE tenant_id = $1 AND id = $2`, [
        t.id,
        noCalls,
      ]);
      const id = await campaign(t, { name: 'Calls', steps: [{ type: 'CALL', content: 'Script' }] });
      const res = await enroll(t, id, { lead_ids: [calm, noCalls] });
      expect(res.body.data).toEqual({
        enrolled: 1,
        already_enrolled: 0,
        skipped: { ...NO_SKIPS, do_not_contact: 1 },
      });
    });

    it('enrolls a lead once: a second time counts it as already enrolled and changes nothing', async () => {
      const t = await createTenant(api.http);
      const a = await lead(t, { first_name: 'A', phone: '+14155550121' });
      const b = await lead(t, { first_name: 'B', phone: '+14155550122' });
      const id = await campaign(t, { name: 'Once', steps: SMS });
      expect((await enroll(t, id, { lead_ids: [a] })).body.data).toEqual({
        enrolled: 1,
        already_enrolled: 0,
        skipped: NO_SKIPS,
      });
      const before = await state(t);
      expect((await enroll(t, id, { lead_ids: [a] })).body.data).toEqual({
        enrolled: 0,
        already_enrolled: 1,
        skipped: NO_SKIPS,
      });
      expect(await state(t)).toEqual(before);
      expect((await enroll(t, id, { target_filter: 'all' })).body.data).toEqual({
        enrolled: 1,
        already_enrolled: 1,
        skipped: NO_SKIPS,
      });
      expect((await enrolled(t, id)).map((e) => e.lead_id)).toEqual([a, b].sort());
      expect(await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [id])).toEqual([
        { total_leads: 2 },
      ]);
    });

    it('enrolls by target filter (the filters of GET /api/leads); archived leads are never in it', async () => {
      const t = await createTenant(api.http);
      const vip = await lead(t, {
        first_name: 'Vip',
        phone: '+14155550131',
        tags: ['vip'],
        status: 'qualified',
      });
      await lead(t, { first_name: 'Vip2', phone: '+14155550132', tags: ['vip'] });
      await lead(t, { first_name: 'Plain', phone: '+14155550133' });
      const gone = await lead(t, {
        first_name: 'Gone',
        phone: '+14155550134',
        tags: ['vip'],
        status: 'qualified',
      });
      await api.http.delete(`/api/leads/${gone}`).set(t.admin.headers);
      const id = await campaign(t, { name: 'Filtered', steps: SMS });
      const res = await enroll(t, id, { targetFilter: { tag: 'vip', status: 'qualified' } });
      expect(res.body.data).toEqual({ enrolled: 1, already_enrolled: 0, skipped: NO_SKIPS });
      expect((await enrolled(t, id)).map((e) => e.lead_id)).toEqual([vip]);
      const all = await enroll(t, id, { target_filter: 'ALL' });
      expect(all.body.data).toEqual({ enrolled: 2, already_enrolled: 1, skipped: NO_SKIPS });
    });

    it('while draft the leads wait without a time; into an active campaign they are due now and fanned out', async () => {
      const t = await createTenant(api.http);
      const a = await lead(t, { first_name: 'A', phone: '+14155550141' });
      const b = await lead(t, { first_name: 'B', phone: '+14155550142' });
      const id = await campaign(t, { name: 'Timing', steps: SMS });
      await enroll(t, id, { lead_ids: [a] });
      expect(await enrolled(t, id)).toEqual([{ lead_id: a, status: 'pending', next_action_at: null }]);
      expect((await api.http.post(`/api/campaigns/${id}/start`).set(t.admin.headers)).status).toBe(200);
      expect(await fanouts(id)).toBe(1);
      await enroll(t, id, { lead_ids: [b] });
      expect(await enrolled(t, id)).toEqual(
        [a, b].sort().map((leadId) => ({ lead_id: leadId, status: 'pending', next_action_at: now() })),
      );
      expect(await fanouts(id)).toBe(2);
    });

    it('into a scheduled campaign the leads are due at its start', async () => {
      const t = await createTenant(api.http);
      const a = await lead(t, { first_name: 'A', phone: '+14155550151' });
      const at = new Date(api.clock.nowMs() + 86_400_000);
      const id = await campaign(t, { name: 'Later', steps: SMS, schedule_start: at });
      expect(
        (await api.http.post(`/api/campaigns/${id}/start`).set(t.admin.headers)).body.data.campaign.status,
      ).toBe('scheduled');
      await enroll(t, id, { lead_ids: [a] });
      expect(await enrolled(t, id)).toEqual([{ lead_id: a, status: 'pending', next_action_at: at }]);
      expect(await fanouts(id)).toBe(0);
    });

    it.each(['completed', 'cancelled'])(
      'a %s campaign takes no more leads: 409, nothing enrolled',
      async (status) => {
        const t = await createTenant(api.http);
        const a = await lead(t, { first_name: 'A', phone: '+14155550161' });
        const id = await campaign(t, { name: 'Over', steps: SMS });
        await api.db.query(`UPDATE campaigns SET status = $2 WHERE id = $1`, [id, status]);
        const before = await state(t);
        const res = await enroll(t, id, { lead_ids: [a] });
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { status } });
        expect(await state(t)).toEqual(before);
      },
    );

    it.each<[string, Json, string[]]>([
      ['neither lead_ids nor target_filter', {}, ['lead_ids']],
      [
        'both lead_ids and target_filter',
        { lead_ids: [randomUUID()], target_filter: 'ALL' },
        ['target_filter'],
      ],
      ['an empty lead_ids', { lead_ids: [] }, ['lead_ids']],
      ['lead ids that are not UUIDs', { lead_ids: ['101'] }, ['lead_ids']],
      [
        'more than 10,000 lead ids',
        { lead_ids: Array.from({ length: 10_001 }, () => randomUUID()) },
        ['lead_ids'],
      ],
      ['a bad target filter', { target_filter: { score_min: 500 } }, ['target_filter.score_min']],
      [
        'a target filter whose score range is empty',
        { target_filter: { score_min: 90, score_max: 10 } },
        ['target_filter.score_max'],
      ],
      ['an unknown field', { leads: [] }, ['leads']],
    ])('refuses %s: 400, nothing enrolled', async (_what, body, fields) => {
      const t = await createTenant(api.http);
      await lead(t, { first_name: 'A', phone: '+14155550171' });
      const id = await campaign(t, { name: 'Bad', steps: SMS });
      const before = await state(t);
      expectValidation(await enroll(t, id, body), fields);
      expect(await state(t)).toEqual(before);
    });
  });

  describe('GET /api/campaigns/:id/leads', () => {
    it("lists the enrollments with their lead's name, phone and email and their state; status filter, pages", async () => {
      const t = await createTenant(api.http);
      const a = await lead(t, {
        first_name: 'Sara',
        last_name: 'Ahmed',
        phone: '(415) 555-0181',
        country: 'US',
        email: 's@example.com',
      });
      const b = await lead(t, { first_name: 'Omar', phone: '+14155550182' });
      const id = await campaign(t, { name: 'List', steps: SMS });
      await enroll(t, id, { lead_ids: [a] });
      await enroll(t, id, { lead_ids: [b] });
      await api.db.query(
        `UPDATE campaign_enrollments SET status = 'waiting', current_step = 1, attempts = 1 WHERE tenant_id = $1 AND lead_id = $2`,
        [t.id, b],
      );
      const res = await api.http.get(`/api/campaigns/${id}/leads`).set(t.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
      expect(res.body.data[0]).toEqual({
        id: expect.stringMatching(UUID_PATTERN),
        campaign_id: id,
        lead_id: a,
        name: 'Sara Ahmed',
        first_name: 'Sara',
        last_name: 'Ahmed',
        email: 's@example.com',
        phone: '(415) 555-0181',
        phone_normalized: '+14155550181',
        status: 'pending',
        current_step: 0,
        attempts: 0,
        next_action_at: null,
        last_attempt_at: null,
        ai_paused: false,
        stop_reason: null,
        last_call_disposition: null,
        replied_at: null,
        completed_at: null,
        created_at: expect.stringMatching(ISO_TIMESTAMP),
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
      });
      expect(res.body.data[1]).toMatchObject({ lead_id: b, status: 'waiting', current_step: 1, attempts: 1 });
      const waiting = await api.http.get(`/api/campaigns/${id}/leads?status=waiting`).set(t.admin.headers);
      expect(waiting.body.data.map((e: Json) => e.lead_id)).toEqual([b]);
      expect(waiting.body.meta.total).toBe(1);
      const second = await api.http.get(`/api/campaigns/${id}/leads?limit=1&offset=1`).set(t.admin.headers);
      expect(second.body.data.map((e: Json) => e.lead_id)).toEqual([b]);
      // Seed 001's `calling`: the dialer has the lead (in_progress).
      await api.db.query(
        `UPDATE campaign_enrollments SET status = 'in_progress' WHERE tenant_id = $1 AND lead_id = $2`,
        [t.id, a],
      );
      const calling = await api.http.get(`/api/campaigns/${id}/leads?status=Calling`).set(t.admin.headers);
      expect(calling.body.data.map((e: Json) => [e.lead_id, e.status])).toEqual([[a, 'in_progress']]);
      expectValidation(await api.http.get(`/api/campaigns/${id}/leads?status=dialing`).set(t.admin.headers), [
        'status',
      ]);
      expectError(
        await api.http.get(`/api/campaigns/${randomUUID()}/leads`).set(t.admin.headers),
        404,
        'NOT_FOUND',
        'Campaign not found',
      );
    });
  });

  describe('GET /api/leads?campaign_id= (seed 001)', () => {
    it("lists the campaign's leads only; status=pending (seed 001) or enrollment_status filter the enrollments", async () => {
      const t = await createTenant(api.http);
      const a = await lead(t, { first_name: 'A', phone: '+14155550191' });
      const b = await lead(t, { first_name: 'B', phone: '+14155550192' });
      await lead(t, { first_name: 'C', phone: '+14155550193' });
      const id = await campaign(t, { name: 'Filter', steps: SMS });
      await enroll(t, id, { lead_ids: [a, b] });
      const c = await lead(t, { first_name: 'D', phone: '+14155550194' });
      await enroll(t, id, { lead_ids: [c] });
      await api.db.query(
        `UPDATE campaign_enrollments SET status = 'replied' WHERE tenant_id = $1 AND lead_id = $2`,
        [t.id, b],
      );
      await api.db.query(
        `UPDATE campaign_enrollments SET status = 'in_progress' WHERE tenant_id = $1 AND lead_id = $2`,
        [t.id, c],
      );
      const ids = async (query: string) => {
        const res = await api.http.get(`/api/leads?${query}`).set(t.admin.headers);
        expect(res.status).toBe(200);
        expect(res.body.meta.total).toBe(res.body.data.length);
        return (res.body.data as Json[]).map((l) => l.id).sort();
      };
      expect(await ids(`campaign_id=${id}`)).toEqual([a, b, c].sort());
      expect(await ids(`campaignId=${id}&status=pending&limit=50&offset=0`)).toEqual([a]);
      expect(await ids(`campaign_id=${id}&enrollment_status=replied`)).toEqual([b]);
      expect(await ids(`campaign_id=${id}&status=calling`)).toEqual([c]);
      // Any case, through the one value-alias table (seed 000 writes values in upper case).
      expect(await ids(`campaign_id=${id}&status=CALLING`)).toEqual([c]);
      expect(await ids(`campaign_id=${id}&status=PENDING`)).toEqual([a]);
      expect(await ids(`campaign_id=${id}&enrollment_status=Calling`)).toEqual([c]);
      expect(await ids(`campaign_id=${id}&enrollment_status=REPLIED`)).toEqual([b]);
      expectValidation(
        await api.http.get(`/api/leads?campaign_id=${id}&status=DIALING`).set(t.admin.headers),
        ['status'],
      );
      expect(await ids(`campaign_id=${id}&status=new`)).toEqual([a, b, c].sort());
      expect(await ids(`campaign_id=${randomUUID()}`)).toEqual([]);
      expectValidation(await api.http.get('/api/leads?status=pending').set(t.admin.headers), ['status']);
      expectValidation(await api.http.get('/api/leads?enrollment_status=queued').set(t.admin.headers), [
        'enrollment_status',
      ]);
      expectValidation(await api.http.get('/api/leads?campaign_id=nope').set(t.admin.headers), [
        'campaign_id',
      ]);
    });

    it('each lead of a list by campaign_id carries campaign_id and its enrollment_status there (seed 001), its own status kept', async () => {
      const t = await createTenant(api.http);
      const a = await lead(t, { first_name: 'A', phone: '+14155550195' });
      const b = await lead(t, { first_name: 'B', phone: '+14155550196' });
      const first = await campaign(t, { name: 'First', steps: SMS });
      const second = await campaign(t, { name: 'Second', steps: SMS });
      await enroll(t, first, { lead_ids: [a, b] });
      await enroll(t, second, { lead_ids: [a] });
      await api.db.query(
        `UPDATE campaign_enrollments SET status = 'in_progress' WHERE tenant_id = $1 AND campaign_id = $2 AND lead_id = $3`,
        [t.id, first, b],
      );
      const listed = async (query: string, headers = t.admin.headers) => {
        const res = await api.http.get(`/api/leads?${query}`).set(headers);
        expect(res.status).toBe(200);
        return (res.body.data as Json[]).map((l) => ({
          id: l.id,
          status: l.status,
          campaign_id: l.campaign_id,
          enrollment_status: l.enrollment_status,
        }));
      };
      const row = (id: string, campaignId: string, status: string) => ({
        id,
        status: 'new',
        campaign_id: campaignId,
        enrollment_status: status,
      });
      expect(await listed(`campaign_id=${first}&sort=first_name&order=asc`)).toEqual([
        row(a, first, 'pending'),
        row(b, first, 'in_progress'),
      ]);
      expect(await listed(`campaign_id=${first}&status=calling`)).toEqual([row(b, first, 'in_progress')]);
      // A lead in two campaigns answers for the campaign asked about.
      expect(await listed(`campaignId=${second}`)).toEqual([row(a, second, 'pending')]);
      // Not listed by campaign: a lead is in any number of them, so neither key is there.
      const plain = await api.http.get('/api/leads').set(t.admin.headers);
      for (const l of plain.body.data as Json[]) {
        expect(Object.keys(l)).not.toContain('campaign_id');
        expect(Object.keys(l)).not.toContain('enrollment_status');
      }
      // Another tenant naming this campaign sees none of its leads, nor anything of their enrollments.
      const other = await createTenant(api.http);
      await lead(other, { first_name: 'Z', phone: '+14155550195' });
      expect(await listed(`campaign_id=${first}`, other.admin.headers)).toEqual([]);
      // A refused list changes nothing.
      const before = await state(t);
      expectValidation(
        await api.http.get(`/api/leads?campaign_id=${first}&enrollment_status=dialing`).set(t.admin.headers),
        ['enrollment_status'],
      );
      expect(await state(t)).toEqual(before);
    });
  });

  describe('POST /api/leads/import with campaign_id', () => {
    const upload = (t: TestTenant, csv: string, fields: Json) => {
      let req = api.http.post('/api/leads/import').set(t.admin.headers);
      for (const [k, v] of Object.entries(fields)) req = req.field(k, String(v));
      return req.attach('file', Buffer.from(csv), { filename: 'leads.csv', contentType: 'text/csv' });
    };

    it("enrolls the leads of the import's rows, inserted or updated (not the invalid, do-not-contact or refused ones)", async () => {
      const t = await createTenant(api.http);
      const existing = await lead(t, { first_name: 'Old', phone: '+14155550201' });
      const untouched = await lead(t, { first_name: 'Untouched', phone: '+14155550209' });
      const optedOut = await lead(t, { first_name: 'Stop', phone: '+14155550202' });
      await api.db.query(`UPDATE leads SET opted_out_channels = '{sms}' WHERE tenant_id = $1 AND id = $2`, [
        t.id,
        optedOut,
      ]);
      await lead(t, { first_name: 'NoAll', phone: '+14155550204' });
      expect(
        (await api.http.post('/api/dnc').set(t.admin.headers).send({ phone: '+14155550204', channel: 'all' }))
          .status,
      ).toBe(201);
      const id = await campaign(t, { name: 'Imported', steps: SMS });
      const csv = [
        'first_name,phone,email',
        'Ana,+14155550203,',
        'Old Updated,+14155550201,',
        'Stop,+14155550202,',
        'Bad,12,',
        'Mail,,mail@example.com',
        'NoAll,+14155550204,',
      ].join('\n');
      const res = await upload(t, csv, { campaignId: id, on_duplicate: 'update' });
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ total: 6, inserted: 2, updated: 2, invalid: 1, dnc: 1 });
      const [ana] = await api.db.query(
        `SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = '+14155550203'`,
        [t.id],
      );
      const rows = await enrolled(t, id);
      expect(rows.map((e) => e.lead_id)).toEqual([existing, ana.id].sort());
      expect(rows.every((e) => e.status === 'pending' && e.next_action_at === null)).toBe(true);
      expect(rows.map((e) => e.lead_id)).not.toContain(untouched);
      expect(await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [id])).toEqual([
        { total_leads: 2 },
      ]);
    });

    it('the same list into a second campaign enrolls its existing leads, each once (duplicates with on_duplicate=skip)', async () => {
      const t = await createTenant(api.http);
      const old = await lead(t, { first_name: 'Old', phone: '+14155550302' });
      const already = await lead(t, {
        first_name: 'Already',
        phone: '+14155550303',
        email: 'al@example.com',
      });
      const noAll = await lead(t, { first_name: 'NoAll', phone: '+14155550304' });
      expect(
        (await api.http.post('/api/dnc').set(t.admin.headers).send({ phone: '+14155550304', channel: 'all' }))
          .status,
      ).toBe(201);
      const first = await campaign(t, { name: 'First', steps: SMS });
      const firstRes = await upload(t, 'first_name,phone\nAna,+14155550301\nOld,+14155550302\n', {
        campaign_id: first,
      });
      expect(firstRes.body.data.results).toMatchObject({ total: 2, inserted: 1, duplicates: 1, updated: 0 });
      const [ana] = await api.db.query(
        `SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = '+14155550301'`,
        [t.id],
      );
      expect((await enrolled(t, first)).map((e) => e.lead_id)).toEqual([ana.id, old].sort());

      const second = await campaign(t, { name: 'Second', steps: SMS });
      expect((await enroll(t, second, { lead_ids: [already] })).body.data.enrolled).toBe(1);
      const [before] = await api.db.query(
        'SELECT * FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 AND lead_id = $3',
        [t.id, second, already],
      );
      const leads = await api.db.query('SELECT * FROM leads WHERE tenant_id = $1 ORDER BY id', [t.id]);
      const csv = [
        'first_name,phone,email',
        'Ana,+14155550301,',
        'Old,+14155550302,',
        'Ana again,+14155550301,',
        'Already,,AL@example.com',
        'Bad,12,',
        'NoAll,+14155550304,',
      ].join('\n');
      const res = await upload(t, csv, { campaign_id: second });
      expect(res.status).toBe(200);
      expect(res.body.data.results).toEqual({
        total: 6,
        valid: 0,
        inserted: 0,
        updated: 0,
        duplicates: 4,
        invalid: 1,
        dnc: 1,
      });
      const rows = await enrolled(t, second);
      expect(rows.map((e) => e.lead_id)).toEqual([ana.id, old, already].sort());
      expect(rows.map((e) => e.lead_id)).not.toContain(noAll);
      expect(
        await api.db.query(
          'SELECT * FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 AND lead_id = $3',
          [t.id, second, already],
        ),
      ).toEqual([before]);
      expect(await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [second])).toEqual([
        { total_leads: 3 },
      ]);
      expect(await api.db.query('SELECT * FROM leads WHERE tenant_id = $1 ORDER BY id', [t.id])).toEqual(
        leads,
      );
    });

    it('an archived lead in the file is neither brought back nor enrolled: its row is a new lead, enrolled', async () => {
      const t = await createTenant(api.http);
      const gone = await lead(t, { first_name: 'Gone', phone: '+14155550311' });
      expect((await api.http.delete(`/api/leads/${gone}`).set(t.admin.headers)).status).toBe(200);
      const [archived] = await api.db.query('SELECT * FROM leads WHERE id = $1', [gone]);
      const id = await campaign(t, { name: 'Archived', steps: SMS });
      const res = await upload(t, 'first_name,phone\nGone,+14155550311\n', { campaign_id: id });
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ total: 1, inserted: 1, duplicates: 0, updated: 0 });
      const [fresh] = await api.db.query(
        `SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = '+14155550311' AND archived_at IS NULL`,
        [t.id],
      );
      expect(fresh.id).not.toBe(gone);
      expect((await enrolled(t, id)).map((e) => e.lead_id)).toEqual([fresh.id]);
      expect(await api.db.query('SELECT * FROM leads WHERE id = $1', [gone])).toEqual([archived]);
    });

    it("a row repeating an earlier row of the file enrolls that row's lead, whatever batch it falls in", async () => {
      // Row 3 has Ann's phone and Old's email: a duplicate of row 1 (Ann), in one batch or in batches of two, so
      // Old is not enrolled; row 4 repeats Ben, met in the next batch as a lead this import wrote: enrolled once.
      const small = await createTestApi({ env: { IMPORT_BATCH_ROWS: '2' } });
      try {
        for (const on of [api, small]) {
          const t = await createTenant(on.http);
          const old = await on.http
            .post('/api/leads')
            .set(t.admin.headers)
            .send({ first_name: 'Old', email: 'old@example.com', phone: '+14155550329' });
          expect(old.status).toBe(201);
          const created = await on.http
            .post('/api/campaigns')
            .set(t.admin.headers)
            .send({ name: 'Batches', steps: SMS });
          expect(created.status).toBe(201);
          const csv = [
            'first_name,phone,email',
            'Ann,+14155550321,ann@example.com',
            'Ben,+14155550322,ben@example.com',
            'Ann again,+14155550321,old@example.com',
            'Ben again,+14155550322,',
          ].join('\n');
          const res = await on.http
            .post('/api/leads/import')
            .set(t.admin.headers)
            .field('campaign_id', created.body.data.id)
            .attach('file', Buffer.from(csv), { filename: 'leads.csv', contentType: 'text/csv' });
          expect(res.status).toBe(200);
          expect(res.body.data.results).toMatchObject({ inserted: 2, duplicates: 2, invalid: 0, updated: 0 });
          const people = await api.db.query(
            `SELECT l.first_name FROM campaign_enrollments e JOIN leads l ON l.id = e.lead_id
              WHERE e.tenant_id = $1 AND e.campaign_id = $2 ORDER BY l.first_name`,
            [t.id, created.body.data.id],
          );
          expect(people).toEqual([{ first_name: 'Ann' }, { first_name: 'Ben' }]);
          expect(
            await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [created.body.data.id]),
          ).toEqual([{ total_leads: 2 }]);
        }
      } finally {
        await small.close();
      }
    });

    it('into an active campaign: the leads are due now and a fan-out is enqueued', async () => {
      const t = await createTenant(api.http);
      const id = await campaign(t, { name: 'Running', steps: SMS });
      expect((await api.http.post(`/api/campaigns/${id}/start`).set(t.admin.headers)).status).toBe(200);
      const res = await upload(t, 'name,phone\nAna,+14155550211\nBob,+14155550212\n', { campaign_id: id });
      expect(res.status).toBe(200);
      const rows = await enrolled(t, id);
      expect(rows).toHaveLength(2);
      expect(rows.every((e) => (e.next_action_at as Date).getTime() === now().getTime())).toBe(true);
      expect(await fanouts(id)).toBe(2);
    });

    it.each<[string, (t: TestTenant, other: TestTenant) => Promise<string>]>([
      ['another tenant', async (_t, other) => campaign(other, { name: 'Theirs', steps: SMS })],
      ['no campaign', async () => randomUUID()],
      ['not an id', async () => 'campaign-1'],
      [
        'a cancelled campaign',
        async (t) => {
          const id = await campaign(t, { name: 'Done', steps: SMS });
          await api.http.post(`/api/campaigns/${id}/cancel`).set(t.admin.headers);
          return id;
        },
      ],
      [
        'an archived campaign',
        async (t) => {
          const id = await campaign(t, { name: 'Gone', steps: SMS });
          await api.http.delete(`/api/campaigns/${id}`).set(t.admin.headers);
          return id;
        },
      ],
    ])('refuses the campaign_id of %s: 400 naming it, nothing imported', async (_what, make) => {
      const t = await createTenant(api.http);
      const other = await createTenant(api.http);
      const campaignId = await make(t, other);
      const before = await state(t);
      const theirs = await state(other);
      const res = await upload(t, 'name,phone\nAna,+14155550221\n', { campaign_id: campaignId });
      expectValidation(res, ['campaign_id']);
      expect(await state(t)).toEqual(before);
      expect(await state(other)).toEqual(theirs);
      expect(
        await api.db.query('SELECT count(*)::int AS n FROM lead_imports WHERE tenant_id = $1', [t.id]),
      ).toEqual([{ n: 0 }]);
    });
  });

  describe('tenancy', () => {
    it("a second tenant gets 404 on every campaign route with the first's ids, and nothing of the first changes", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const leadA = await lead(a, { first_name: 'A', phone: '+14155550231' });
      const id = await campaign(a, { name: 'Alpha', target_filter: 'ALL', steps: SMS });
      await enroll(a, id, { lead_ids: [leadA] });
      const before = await state(a);
      const as = (method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, body?: Json) => {
        const req = api.http[method](`/api/campaigns/${id}${path}`).set(b.admin.headers);
        return body ? req.send(body) : req;
      };
      const calls = [
        as('get', ''),
        as('patch', '', { name: 'Mine' }),
        as('put', '', { name: 'Mine' }),
        as('delete', ''),
        ...['start', 'launch', 'send', 'pause', 'resume', 'cancel'].map((action) => as('post', `/${action}`)),
        as('post', '/leads', { target_filter: 'ALL' }),
        as('post', '/leads', { lead_ids: [leadA] }),
        as('get', '/leads'),
      ];
      for (const res of await Promise.all(calls)) expectError(res, 404, 'NOT_FOUND', 'Campaign not found');
      expect((await api.http.get('/api/campaigns').set(b.admin.headers)).body.meta.total).toBe(0);
      expect((await api.http.get(`/api/leads?campaign_id=${id}`).set(b.admin.headers)).body.data).toEqual([]);
      expect(await state(a)).toEqual(before);
    });

    it("cannot enroll the first tenant's leads into its own campaign: they count as not found", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const leadA = await lead(a, { first_name: 'A', phone: '+14155550241' });
      const id = await campaign(b, { name: 'Bravo', steps: SMS });
      const res = await enroll(b, id, { lead_ids: [leadA] });
      expect(res.body.data).toEqual({
        enrolled: 0,
        already_enrolled: 0,
        skipped: { ...NO_SKIPS, not_found: 1 },
      });
      const created = await api.http
        .post('/api/campaigns')
        .set(b.admin.headers)
        .send({ name: 'Seed 002', template: 'Hi', leadIds: [leadA] });
      expect(created.body.data).toMatchObject({
        total_leads: 0,
        enrollment: { enrolled: 0, skipped: { not_found: 1 } },
      });
      expect(
        await api.db.query('SELECT count(*)::int AS n FROM campaign_enrollments WHERE lead_id = $1', [leadA]),
      ).toEqual([{ n: 0 }]);
    });
  });
});
