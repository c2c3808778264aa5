import { createTenant, createUser, expectValidation, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { type Json, type Lead, leadRequests, sleep } from './lead-requests.fixture';

describe('GET /api/leads: paging and filters (e2e)', () => {
  const api = useTestApi();

  const { post, getLead, patchLead, putLead, list, createLead, listIds } = leadRequests(() => api);

  describe('GET /api/leads', () => {
    it("lists the tenant's live leads newest first and pages with limit, offset or page", async () => {
      const tenant = await createTenant(api.http);
      const created: Lead[] = [];
      for (let i = 0; i < 5; i++) created.push(await createLead(tenant, { email: `p${i}@example.com` }));
      const newestFirst = created.map((l) => l.id).reverse();
      await createLead(await createTenant(api.http), { email: 'p0@example.com' });

      const all = await list(tenant);
      expect(all.status).toBe(200);
      expect(all.body).toEqual({
        success: true,
        data: [...created].reverse(),
        meta: { total: 5, limit: 50, offset: 0 },
      });
      const window = async (query: string) => {
        const res = await list(tenant, query);
        expect(res.status).toBe(200);
        return { ids: res.body.data.map((l: Lead) => l.id), meta: res.body.meta };
      };
      expect(await window('limit=2')).toEqual({
        ids: newestFirst.slice(0, 2),
        meta: { total: 5, limit: 2, offset: 0 },
      });
      expect(await window('limit=2&offset=3')).toEqual({
        ids: newestFirst.slice(3),
        meta: { total: 5, limit: 2, offset: 3 },
      });
      expect(await window('limit=2&page=2')).toEqual({
        ids: newestFirst.slice(2, 4),
        meta: { total: 5, limit: 2, offset: 2 },
      });
      expect(await window('offset=9')).toEqual({ ids: [], meta: { total: 5, limit: 50, offset: 9 } });
      for (const query of ['limit=0', 'limit=101', 'offset=-1', 'page=0', 'limit=x']) {
        expect((await list(tenant, query)).status).toBe(400);
      }
      expectValidation(await list(tenant, 'page=2&offset=1'), ['page']);
    });

    it('filters by status, source, tag, tags (all of), classification, score range, priority, created range, owner and archived', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const make = async (body: Json) => {
        const lead = await createLead(tenant, body);
        await sleep(15);
        return lead.id;
      };
      const l0 = await make({
        name: 'Ann',
        email: 'ann@example.com',
        source: 'website',
        tags: ['vip'],
        classification: 'interested',
        score: 10,
        priority: 'low',
        owner_id: manager.id,
      });
      const l1 = await make({
        name: 'Ben',
        email: 'ben@example.com',
        status: 'qualified',
        source: 'referral',
        tags: ['vip', 'q4'],
        classification: 'not_interested',
        score: 50,
        priority: 'high',
      });
      const l2 = await make({
        name: 'Cat',
        email: 'cat@example.com',
        status: 'qualified',
        source: 'website',
        tags: ['q4'],
        score: 90,
        priority: 'high',
        owner_id: manager.id,
      });
      const l3 = await make({
        name: 'Dan',
        email: 'dan@example.com',
        status: 'lost',
        tags: [],
        classification: 'interested',
        score: 50,
      });
      const l4 = await make({
        name: 'Eve',
        email: 'eve@example.com',
        status: 'qualified',
        source: 'website',
        tags: ['vip', 'q4'],
        score: 50,
      });
      expect((await api.http.delete(`/api/leads/${l4}`).set(tenant.admin.headers)).status).toBe(200);
      const at = async (id: string) => (await getLead(tenant, id)).body.data.created_at as string;
      const [t1, t2, t3] = [await at(l1), await at(l2), await at(l3)];

      const cases: [string, string[]][] = [
        ['', [l3, l2, l1, l0]],
        ['status=qualified', [l2, l1]],
        ['status=lost', [l3]],
        ['source=website', [l2, l0]],
        ['tag=vip', [l1, l0]],
        ['tags=vip', [l1, l0]],
        ['tags=vip,q4', [l1]],
        ['tags=q4&tag=vip', [l1]],
        ['tags=q4,nope', []],
        ['classification=interested', [l3, l0]],
        ['score_min=50', [l3, l2, l1]],
        ['score_max=50', [l3, l1, l0]],
        ['score_min=50&score_max=50', [l3, l1]],
        ['score_min=91', []],
        ['priority=high', [l2, l1]],
        ['priority=normal', [l3]],
        // Any case, as status and source are read.
        ['classification=Interested', [l3, l0]],
        ['priority=HIGH', [l2, l1]],
        [`created_from=${encodeURIComponent(t1)}`, [l3, l2, l1]],
        [`created_to=${encodeURIComponent(t2)}`, [l1, l0]],
        [`created_from=${encodeURIComponent(t1)}&created_to=${encodeURIComponent(t3)}`, [l2, l1]],
        [`owner_id=${manager.id}`, [l2, l0]],
        [`owner_id=${randomUUID()}`, []],
        ['archived=true', [l4]],
        ['archived=true&status=qualified&tags=vip,q4', [l4]],
        ['archived=true&status=new', []],
        ['archived=false', [l3, l2, l1, l0]],
        // true and false in any case, as the other boolean filters.
        ['archived=TRUE', [l4]],
        ['archived=False', [l3, l2, l1, l0]],
        ['status=qualified&tag=vip', [l1]],
        ['source=website&priority=high&owner_id=' + manager.id, [l2]],
      ];
      const answers = [];
      for (const [query] of cases) answers.push([query, await listIds(tenant, query)]);
      expect(answers).toEqual(cases);
    });

    it('filters by source whatever its case, as people and files write it', async () => {
      const tenant = await createTenant(api.http);
      const typed = await createLead(tenant, { email: 'typed@example.com', source: 'website' });
      const imported = await createLead(tenant, { email: 'imported@example.com', source: 'Website' });
      await createLead(tenant, { email: 'other@example.com', source: 'Website form' });
      expect(await listIds(tenant, 'source=website')).toEqual([imported.id, typed.id]);
      expect(await listIds(tenant, 'source=WEBSITE')).toEqual([imported.id, typed.id]);
      // Trimmed, as the stored source is; blank is no source.
      expect(await listIds(tenant, 'source=%20website%20')).toEqual([imported.id, typed.id]);
      expectValidation(await list(tenant, 'source=%20'), ['source']);
      expectValidation(await list(tenant, 'tag=%20'), ['tag']);
    });

    it('filters by tag whatever its case (VIP is vip), keeps each tag as written, and leaves the other filters as they were', async () => {
      const tenant = await createTenant(api.http);
      const lower = await createLead(tenant, {
        email: 'lower@example.com',
        tags: ['vip'],
        status: 'qualified',
      });
      const upper = await createLead(tenant, { email: 'upper@example.com', tags: ['VIP', 'Q4'] });
      const mixed = await createLead(tenant, { email: 'mixed@example.com', tags: ['Vip', 'q4'], score: 80 });
      const near = await createLead(tenant, {
        email: 'near@example.com',
        tags: ['vip club', 'vipper', 'q5'],
      });
      await createLead(tenant, { email: 'none@example.com' });
      const cases: [string, string[]][] = [
        ['tag=VIP', [mixed.id, upper.id, lower.id]],
        ['tag=vip', [mixed.id, upper.id, lower.id]],
        ['tags=Vip', [mixed.id, upper.id, lower.id]],
        ['tags=vip,q4', [mixed.id, upper.id]],
        ['tags=Q4&tag=vIP', [mixed.id, upper.id]],
        ['tag=VIP%20CLUB', [near.id]],
        // Trimmed, as the tags themselves are and as tags= is.
        ['tag=%20vip%20', [mixed.id, upper.id, lower.id]],
        ['tags=%20q4%20,vip', [mixed.id, upper.id]],
        ['tag=VIP&status=qualified', [lower.id]],
        ['tag=VIP&score_min=50', [mixed.id]],
        ['tags=vip,q5', []],
        ['tag=vi', []],
      ];
      const answers = [];
      for (const [query] of cases) answers.push([query, await listIds(tenant, query)]);
      expect(answers).toEqual(cases);
      // Stored and answered as written: the filter, not the write, folds the case.
      expect((await getLead(tenant, upper.id)).body.data.tags).toEqual(['VIP', 'Q4']);
      expect((await getLead(tenant, mixed.id)).body.data.tags).toEqual(['Vip', 'q4']);
    });

    it('keeps one of each tag whatever its case or spaces (its first spelling), on create, an array, PATCH and PUT', async () => {
      const tenant = await createTenant(api.http);
      const one = await createLead(tenant, {
        email: 'one@example.com',
        tags: ['VIP', ' vip', 'Vip ', 'q4', 'Q4'],
      });
      expect(one.tags).toEqual(['VIP', 'q4']);
      const many = await post(tenant, [{ email: 'many@example.com', tags: ['Hot', 'HOT', 'hot '] }]);
      expect(many.status).toBe(200);
      expect(many.body.data.leads[0].tags).toEqual(['Hot']);
      const patched = await patchLead(tenant, one.id, { tags: ['Webinar', 'webinar', 'VIP', 'vip'] });
      expect(patched.status).toBe(200);
      expect(patched.body.data.tags).toEqual(['Webinar', 'VIP']);
      const put = await putLead(tenant, one.id, { tags: ['a', 'A'] });
      expect(put.body.data.tags).toEqual(['a']);
      expect((await getLead(tenant, one.id)).body.data.tags).toEqual(['a']);
      const contact = await api.http
        .post('/api/contacts')
        .set(tenant.admin.headers)
        .send({ email: 'contact@example.com', tags: ['Lead', 'lead'] });
      expect(contact.body.data.tags).toEqual(['Lead']);
    });

    it("filters by status in any case, as GET campaigns does (seed 000's NEW); an unknown one is still a 400", async () => {
      const tenant = await createTenant(api.http);
      const fresh = await createLead(tenant, { email: 'new@example.com' });
      const won = await createLead(tenant, { email: 'won@example.com', status: 'qualified' });
      expect(await listIds(tenant, 'status=new')).toEqual([fresh.id]);
      expect(await listIds(tenant, 'status=NEW')).toEqual([fresh.id]);
      expect(await listIds(tenant, 'status=Qualified')).toEqual([won.id]);
      for (const query of ['status=BOGUS', 'status=New%20']) {
        const res = await list(tenant, query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expectValidation(res, ['status']);
      }
    });

    it('refuses unknown filter values with the field named', async () => {
      const tenant = await createTenant(api.http);
      await createLead(tenant, { email: 'x@example.com' });
      const cases: [string, string][] = [
        ['status=bogus', 'status'],
        ['priority=urgent', 'priority'],
        ['priority=URGENT', 'priority'],
        ['classification=Bogus', 'classification'],
        ['score_min=101', 'score_min'],
        ['score_max=-1', 'score_max'],
        ['score_min=ten', 'score_min'],
        ['score_min=60&score_max=40', 'score_max'],
        ['created_from=2026-02-01&created_to=2026-01-01', 'created_to'],
        ['created_from=yesterday', 'created_from'],
        ['created_to=2026-13-45', 'created_to'],
        // Impossible or bare-number dates: `new Date` read them as 2 March and as the year 2001.
        ['created_from=2026-02-30', 'created_from'],
        ['created_from=1', 'created_from'],
        ['owner_id=not-a-uuid', 'owner_id'],
        ['archived=maybe', 'archived'],
        ['archived=MAYBE', 'archived'],
        ['sort=email', 'sort'],
        ['order=sideways', 'order'],
        ['classification=hot', 'classification'],
        ['search=', 'search'],
        ['colour=blue', 'colour'],
      ];
      for (const [query, field] of cases) {
        const res = await list(tenant, query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expectValidation(res, [field]);
      }
    });
  });
});
