import {
  createTenant,
  expectValidation,
  insertAgentRow,
  insertCallRow,
  TestTenant,
  useTestApi,
} from '@app/testing';

/**
 * Every report route that takes a window reads it as date_from/date_to or from/to, in any mix; both spellings of a
 * bound with different values are a 400 on the field.
 */
describe('report windows in either spelling (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let agent: string;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    agent = await insertAgentRow(api.db, tenant.id, { name: 'Agent' });
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ada', email: 'ada@example.com' })
      .expect(201);
    for (const day of ['2024-01-01', '2024-01-03']) {
      await api.db.query(
        `INSERT INTO campaigns (tenant_id, name, status, started_at) VALUES ($1, $2, 'active', $3)`,
        [tenant.id, `Started ${day}`, `${day}T12:00:00Z`],
      );
      await insertCallRow(api.db, tenant.id, {
        lead_id: lead.body.data.id,
        agent_id: agent,
        disposition: 'answered',
        answered_by: 'human',
        start_time: `${day}T12:00:00Z`,
        end_time: `${day}T12:01:00Z`,
        duration: 60,
        created_at: `${day}T12:00:00Z`,
      });
    }
  }, 60_000);

  // The route, and the count of what its window holds (none: the AI report, which counts model calls; its own spec
  // checks its window).
  const routes: [string, () => string, ((data: Record<string, unknown>) => unknown) | null][] = [
    ['GET /api/campaigns/analytics', () => '/api/campaigns/analytics', (d) => d.campaign_count],
    [
      'GET /api/agents/:id/stats',
      () => `/api/agents/${agent}/stats`,
      (d) => (d.stats as { total_calls: number }).total_calls,
    ],
    ['GET /api/calls/stats/summary', () => '/api/calls/stats/summary', (d) => d.total_calls],
    [
      'GET /api/calls/stats/by-disposition',
      () => '/api/calls/stats/by-disposition',
      (d) => (d as unknown as { count: number }[]).reduce((n, r) => n + r.count, 0),
    ],
    ['GET /api/analytics/ai-performance', () => '/api/analytics/ai-performance', null],
  ];
  const get = (path: string, query: string) => api.http.get(`${path}${query}`).set(tenant.admin.headers);

  describe.each(routes)('%s', (_name, path, figure) => {
    it('reads from/to as date_from/date_to, in any mix', async () => {
      const ours = await get(path(), '?date_from=2024-01-02&date_to=2024-01-31');
      expect(ours.status).toBe(200);
      for (const query of [
        '?from=2024-01-02&to=2024-01-31',
        '?from=2024-01-02&date_to=2024-01-31',
        '?date_from=2024-01-02&from=2024-01-02&to=2024-01-31',
      ]) {
        const res = await get(path(), query);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(ours.body);
      }
      if (!figure) return;
      expect(figure((await get(path(), '')).body.data)).toBe(2);
      expect(figure(ours.body.data)).toBe(1);
    });

    it.each([
      ['?from=2024-02-30', ['from']],
      ['?from=2024-02-01&to=2024-01-01', ['to']],
      ['?date_from=2024-01-01&from=2024-01-02', ['date_from']],
      ['?date_to=2024-01-31&to=2024-01-30&from=2024-01-01', ['date_to']],
      ['?date_from=2024-01-01&from=2024-01-02&date_to=2024-01-31&to=2024-01-30', ['date_from', 'date_to']],
    ])('%s is a 400 on the field, and the report is unchanged after it', async (query, fields) => {
      const before = await get(path(), '');
      expectValidation(await get(path(), query), fields);
      expect((await get(path(), '')).body).toEqual(before.body);
    });
  });
});
