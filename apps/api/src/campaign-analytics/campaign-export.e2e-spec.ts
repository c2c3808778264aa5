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
import { inflateSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { AnalyticsFixture, at, LONG_TEXT, springLaunch } from './campaign-analytics.fixture';

/**
 * The characters a PDF's embedded fonts draw, read from their ToUnicode maps (pdfkit writes one per font, mapping
 * each glyph used to the text it stands for): what a reader copies out of the document.
 */
function drawnCharacters(pdf: Buffer): Set<string> {
  const drawn = new Set<string>();
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index as number) + m[0].length;
    const end = raw.indexOf('endstream', start);
    let text: string;
    try {
      text = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!text.includes('begincmap')) continue;
    for (const hex of text.matchAll(/<([0-9a-fA-F]{4,})>/g)) {
      const units = hex[1].match(/.{4}/g)?.map((u) => parseInt(u, 16)) ?? [];
      drawn.add(String.fromCharCode(...units));
    }
  }
  return drawn;
}

/** Issue 5 item 7: `GET campaigns/:id/export?format=csv|pdf`. */
describe('campaign export (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let manager: TestUser;
  let fixture: AnalyticsFixture;
  let spring: string;
  let empty: string;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    fixture = new AnalyticsFixture(api.app.get(DataSource), tenant.id);
    spring = await springLaunch(fixture, 'Spring Launch 2025');
    empty = await fixture.campaign({ name: 'Été vide', status: 'draft' });
  }, 60_000);

  const download = (path: string, headers: Record<string, string>) => getBytes(api.http, path, headers);

  const records = (body: Buffer): Record<string, string>[] =>
    parse(body.toString('utf8'), { columns: true, bom: true, skip_empty_lines: true });

  it('CSV: one row per enrolled lead, in enrollment order, with status, step, last message, reply and snippet', async () => {
    const res = await download(`/api/campaigns/${spring}/export?format=csv`, manager.headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="campaign-spring-launch-2025.csv"');
    const rows = records(res.body as Buffer);
    expect(Object.keys(rows[0])).toEqual([
      'lead_id',
      'name',
      'phone',
      'email',
      'enrollment_status',
      'current_step',
      'last_message_status',
      'last_call_disposition',
      'replied_at',
      'snippet',
    ]);
    const leadId = (key: string) => fixture.leads.get(key);
    const pick = (r: Record<string, string>) => [
      r.lead_id,
      r.name,
      r.enrollment_status,
      r.current_step,
      r.last_message_status,
      r.replied_at,
      r.snippet,
    ];
    expect(rows.map(pick)).toEqual([
      [leadId('A'), 'Ann Test', 'completed', '2', 'sent', '', 'Who is this?'],
      [leadId('B'), 'Ben Test', 'replied', '0', 'sent', at(2), 'Yes, tell me more about pricing'],
      [leadId('C'), 'Cid Test', 'failed', '0', 'failed', '', ''],
      [leadId('D'), 'Dee Test', 'waiting', '0', 'unknown', '', `${LONG_TEXT.slice(0, 159).trimEnd()}…`],
      [leadId('E'), 'Eve Test', 'completed', '2', 'sent', at(25), 'Thanks, call me next week Best, E'],
      [leadId('F'), 'Fay Test', 'stopped', '0', 'delivered', '', ''],
      [leadId('G'), `'=HYPERLINK("x") Gus`, 'queued', '0', '', '', ''],
      [leadId('H'), 'Hal Test', 'in_progress', '0', 'queued', '', ''],
    ]);
    expect(rows[0].email).toMatch(/^a-.*@example\.test$/);
    expect(rows[0].phone).toMatch(/^\+1415555\d{4}$/);
    expect(rows[3].snippet).toHaveLength(160);
  });

  it('CSV is the default format; an empty campaign answers the header row only', async () => {
    const res = await download(`/api/campaigns/${empty}/export`, tenant.admin.headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="campaign-ete-vide.csv"');
    expect((res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '')).toBe(
      'lead_id,name,phone,email,enrollment_status,current_step,last_message_status,last_call_disposition,replied_at,snippet\n',
    );
  });

  it('PDF: a real PDF named after the campaign; an empty campaign too', async () => {
    for (const [id, name, file] of [
      [spring, 'Spring Launch 2025', 'campaign-spring-launch-2025.pdf'],
      [empty, 'Été vide', 'campaign-ete-vide.pdf'],
    ]) {
      const res = await download(`/api/campaigns/${id}/export?format=pdf`, manager.headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${file}"`);
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      expect(pdf.length).toBeGreaterThan(1500);
      // The document's title (its info dictionary is never compressed), in PDF text encoding.
      const title = /^[\x20-\x7e]*$/.test(name)
        ? `(${name})`
        : `(\u00fe\u00ff${Buffer.from(name, 'utf16le').swap16().toString('latin1')})`;
      expect(pdf.toString('latin1')).toContain(title);
    }
  });

  it('PDF: a name in Polish, Greek or Cyrillic is drawn as written; what the font has no glyph for is "?"', async () => {
    const name = 'Łódź Ελένη Дмитрий 日本 🚀';
    const id = await fixture.campaign({ name, status: 'draft' });
    const res = await download(`/api/campaigns/${id}/export?format=pdf`, manager.headers);
    expect(res.status).toBe(200);
    const drawn = drawnCharacters(res.body as Buffer);
    for (const ch of 'ŁódźΕλένηДмитрий?') expect(drawn).toContain(ch);
    for (const ch of ['日', '本', '🚀']) expect(drawn).not.toContain(ch);
  });

  it('reads the format in any case; a bad format is a 400 naming format', async () => {
    const pdf = await download(`/api/campaigns/${spring}/export?format=PDF`, manager.headers);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const csv = await download(`/api/campaigns/${spring}/export?format=Csv`, manager.headers);
    expect([csv.status, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
    for (const format of ['xlsx', 'XLSX']) {
      const res = await api.http.get(`/api/campaigns/${spring}/export?format=${format}`).set(manager.headers);
      expectValidation(res, ['format']);
    }
  });

  it('another tenant gets 404 in either format; an agent 403; no token 401', async () => {
    const other = await createTenant(api.http);
    const agent = await createUser(api.http, tenant, 'agent');
    for (const format of ['csv', 'pdf']) {
      const path = `/api/campaigns/${spring}/export?format=${format}`;
      expectError(await api.http.get(path).set(other.admin.headers), 404, 'NOT_FOUND', 'Campaign not found');
      expectError(await api.http.get(path).set(agent.headers), 403, 'AUTHORIZATION_FAILED');
      expectError(await api.http.get(path), 401, 'AUTHENTICATION_REQUIRED');
    }
    expectError(await api.http.get('/api/campaigns/nope/export').set(manager.headers), 404, 'NOT_FOUND');
  });

  it("an archived campaign's history stays readable: its export and analytics answer, the cross-campaign report leaves it out", async () => {
    const archived = await springLaunch(fixture, 'Archived Launch');
    await api.http.delete(`/api/campaigns/${archived}`).set(manager.headers).expect(200);
    const csv = await download(`/api/campaigns/${archived}/export?format=csv`, manager.headers);
    expect(csv.status).toBe(200);
    expect(records(csv.body as Buffer).length).toBeGreaterThan(0);
    const pdf = await download(`/api/campaigns/${archived}/export?format=pdf`, manager.headers);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const kpis = await api.http.get(`/api/campaigns/${archived}/analytics`).set(manager.headers).expect(200);
    expect(kpis.body.data).toMatchObject({ campaign_id: archived, name: 'Archived Launch' });
    const all = await api.http.get('/api/campaigns/analytics').set(manager.headers).expect(200);
    expect(all.body.data.campaigns.map((c: { campaign_id: string }) => c.campaign_id)).not.toContain(
      archived,
    );
    const other = await createTenant(api.http);
    const path = `/api/campaigns/${archived}/export`;
    expectError(await api.http.get(path).set(other.admin.headers), 404, 'NOT_FOUND', 'Campaign not found');
  });
});
