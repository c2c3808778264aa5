import { createTenant, TestTenant, useTestApi } from '@app/testing';

type Json = Record<string, unknown>;

const NO_SKIPS = { do_not_contact: 0, opted_out: 0, no_address: 0, archived: 0, not_found: 0 };
const LEADS = 40;

/**
 * Issue 5 item 3 under concurrency: overlapping POST campaigns/:id/leads and an import with campaign_id, all at
 * once. No request fails, each lead is enrolled once, and each answer's counts add up to what it asked for.
 */
describe('concurrent enrollment (e2e)', () => {
  const api = useTestApi({ env: { DATABASE_POOL_SIZE: '8' } });
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const phoneOf = (i: number) => `+1415558${String(i).padStart(4, '0')}`;

  it('enrolls each lead once and answers counts that add up', async () => {
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send(Array.from({ length: LEADS }, (_, i) => ({ first_name: `Lead${i}`, phone: phoneOf(i) })));
    expect(created.status).toBe(200);
    expect(created.body.data.created).toBe(LEADS);
    const ids = (created.body.data.leads as Json[]).map((l) => l.id as string);
    expect(ids).toHaveLength(LEADS);
    const campaign = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({ name: 'Race', steps: [{ type: 'SMS', content: 'Hi' }] });
    expect(campaign.status).toBe(201);
    const id = campaign.body.data.id as string;
    expect((await api.http.post(`/api/campaigns/${id}/start`).set(t.admin.headers)).status).toBe(200);

    const asked = [
      ids,
      ids.slice(0, LEADS / 2),
      ids.slice(LEADS / 4),
      ids.filter((_, i) => i % 2 === 0),
      [...ids].reverse(),
    ];
    const csv = ['first_name,phone', ...ids.map((_, i) => `Lead${i},${phoneOf(i)}`)].join('\n');
    const [imported, ...answers] = await Promise.all([
      api.http
        .post('/api/leads/import')
        .set(t.admin.headers)
        .field('campaign_id', id)
        .field('on_duplicate', 'update')
        .attach('file', Buffer.from(csv), { filename: 'leads.csv', contentType: 'text/csv' }),
      ...asked.map((leadIds) =>
        api.http.post(`/api/campaigns/${id}/leads`).set(t.admin.headers).send({ lead_ids: leadIds }),
      ),
    ]);

    expect(imported.status).toBe(200);
    expect(imported.body.data.results).toMatchObject({ total: LEADS, updated: LEADS, inserted: 0 });
    expect(answers.map((a) => a.status)).toEqual(asked.map(() => 200));
    for (const [i, answer] of answers.entries()) {
      const counts = answer.body.data as { enrolled: number; already_enrolled: number; skipped: Json };
      expect(counts.skipped).toEqual(NO_SKIPS);
      expect(counts.enrolled + counts.already_enrolled).toBe(asked[i].length);
    }
    const rows = (await api.db.query(
      `SELECT lead_id, count(*)::int AS n FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2 GROUP BY lead_id`,
      [t.id, id],
    )) as { lead_id: string; n: number }[];
    expect(rows.map((r) => r.lead_id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // What the requests enrolled, and the import the rest: no lead counted as enrolled twice.
    const byRequests = answers.reduce((sum, a) => sum + (a.body.data.enrolled as number), 0);
    expect(byRequests).toBeLessThanOrEqual(LEADS);
    expect(await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [id])).toEqual([
      { total_leads: LEADS },
    ]);
  });
});
