import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  getBytes,
  TestTenant,
  TestUser,
  useTestApi,
} from '@app/testing';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { AnalyticsFixture, springLaunch } from './campaign-analytics.fixture';

const KPI_COLUMNS = [
  'campaign_id',
  'name',
  'status',
  'start_time',
  'end_time',
  'total_leads',
  'qualified_count',
  'sent',
  'delivered',
  'read',
  'failed',
  'withdrawn',
  'unknown',
  'queued',
  'completed',
  'enrollments_failed',
  'replied',
  'opted_out',
  'reached',
  'open_base',
  'opened',
  'calls_placed',
  'calls_answered',
  'calls_voicemail',
  'calls_abandoned',
  'calls_no_answer',
  'calls_busy',
  'calls_failed',
  'open_rate',
  'reply_rate',
];

/**
 * Seed 002: the export is "a CSV or PDF with lead statuses, conversation snippets, and performance KPIs". The CSV
 * holds one table a spreadsheet imports whole: `part=kpis` the KPIs of GET campaigns/:id/analytics in one row,
 * `part=funnel` a row per step; the default stays the streamed lead rows.
 */
describe('campaign export: KPIs and funnel as CSV (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let manager: TestUser;
  let fixture: AnalyticsFixture;
  let spring: string;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    fixture = new AnalyticsFixture(api.app.get(DataSource), tenant.id);
    spring = await springLaunch(fixture, 'Spring Launch 2025');
  }, 60_000);

  const download = (path: string) => getBytes(api.http, path, manager.headers);
  const records = (body: Buffer): Record<string, string>[] =>
    parse(body.toString('utf8'), { columns: true, bom: true, skip_empty_lines: true });
  const cell = (value: unknown) => (value === null ? '' : String(value));
  const analytics = async (id: string) =>
    (await api.http.get(`/api/campaigns/${id}/analytics`).set(manager.headers).expect(200)).body.data;

  it('part=kpis: one row holding every KPI the analytics route answers, named after the campaign', async () => {
    const res = await download(`/api/campaigns/${spring}/export?format=csv&part=kpis`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="campaign-spring-launch-2025-kpis.csv"',
    );
    const rows = records(res.body as Buffer);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0])).toEqual(KPI_COLUMNS);
    const kpis = await analytics(spring);
    expect(rows[0]).toEqual(Object.fromEntries(KPI_COLUMNS.map((c) => [c, cell(kpis[c])])));
    expect(rows[0]).toMatchObject({ campaign_id: spring, name: 'Spring Launch 2025', total_leads: '8' });
  });

  it('part=funnel: one row per step, as the analytics funnel', async () => {
    const res = await download(`/api/campaigns/${spring}/export?part=funnel`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="campaign-spring-launch-2025-funnel.csv"',
    );
    const rows = records(res.body as Buffer);
    const { funnel } = await analytics(spring);
    expect(funnel.length).toBeGreaterThan(0);
    expect(rows).toEqual(
      funnel.map((step: Record<string, unknown>) => ({
        position: cell(step.position),
        type: cell(step.type),
        sent: cell(step.sent),
        delivered: cell(step.delivered),
        read: cell(step.read),
        opened: cell(step.opened),
        replied: cell(step.replied),
        failed: cell(step.failed),
      })),
    );
  });

  it('a campaign with nothing yet: zeros; a name a spreadsheet would run is written as text', async () => {
    const id = await fixture.campaign({ name: '=cmd() plan', status: 'draft' });
    const res = await download(`/api/campaigns/${id}/export?part=KPIS`);
    expect(res.status).toBe(200);
    const [row] = records(res.body as Buffer);
    expect(row).toMatchObject({ name: "'=cmd() plan", status: 'draft', total_leads: '0', open_rate: '0' });
    expect(res.headers['content-disposition']).toBe('attachment; filename="campaign-cmd-plan-kpis.csv"');
  });

  it('part=leads is the default, streamed lead rows', async () => {
    const plain = await download(`/api/campaigns/${spring}/export?format=csv`);
    const leads = await download(`/api/campaigns/${spring}/export?format=csv&part=Leads`);
    expect(leads.headers['content-disposition']).toBe(
      'attachment; filename="campaign-spring-launch-2025.csv"',
    );
    expect((leads.body as Buffer).equals(plain.body as Buffer)).toBe(true);
    expect(records(leads.body as Buffer)).toHaveLength(8);
  });

  it('a part with the PDF, or an unknown part, is a 400 naming part', async () => {
    for (const query of [
      'format=pdf&part=kpis',
      'format=PDF&part=funnel',
      'part=summary',
      'format=csv&part=',
    ]) {
      const res = await api.http.get(`/api/campaigns/${spring}/export?${query}`).set(manager.headers);
      expectValidation(res, ['part']);
    }
  });

  it("another tenant's token gets 404 for every part; an agent 403", async () => {
    const other = await createTenant(api.http);
    const agent = await createUser(api.http, tenant, 'agent');
    for (const part of ['kpis', 'funnel', 'leads']) {
      const path = `/api/campaigns/${spring}/export?part=${part}`;
      expectError(await api.http.get(path).set(other.admin.headers), 404, 'NOT_FOUND', 'Campaign not found');
      expectError(await api.http.get(path).set(agent.headers), 403, 'AUTHORIZATION_FAILED');
    }
  });
});
