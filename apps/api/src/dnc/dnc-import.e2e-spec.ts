import {
  countRows,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  TestApi,
  TestTenant,
} from '@app/testing';
import { DataSource } from 'typeorm';

function upload(api: TestApi, tenant: TestTenant, csv: string | Buffer, fields: Record<string, string> = {}) {
  let req = api.http.post('/api/dnc/import').set(tenant.admin.headers);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), {
    filename: 'dnc.csv',
    contentType: 'text/csv',
  });
}

describe('do-not-contact CSV import (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    tenant = await createTenant(api.http);
  });

  it('adds each phone and email, counts what was listed, reports bad rows and flags matching leads', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ name: 'Ana', phone: '+351 912 345 678' });
    expect(lead.status).toBe(201);
    const sms = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ name: 'Bo', email: 'bo@example.com' });
    await api.http.post('/api/dnc').set(tenant.admin.headers).send({ email: 'old@example.com' });
    const csv = [
      'Phone Number;E-mail;Channel;Reason',
      '00351 912 345 678;;;complaint',
      ';BO@example.com;sms;',
      ';old@example.com;;',
      '12345;;;',
      ';x@example.com;fax;',
    ].join('\n');
    const res = await upload(api, tenant, csv, { reason: 'manual' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      total: 5,
      added: 2,
      existing: 1,
      invalid: 2,
      leads_flagged: 2,
      errors: [
        { row: 4, field: 'phone', value: '12345', error: expect.any(String) },
        { row: 5, field: 'channel', value: 'fax', error: expect.stringContaining('must be one of') },
      ],
    });
    const entries: {
      phone_normalized: string | null;
      email: string | null;
      channel: string;
      reason: string;
    }[] = await db.query(
      `SELECT phone_normalized, email, channel, reason FROM dnc_entries WHERE tenant_id = $1 ORDER BY created_at, phone_normalized`,
      [tenant.id],
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        { phone_normalized: '+351912345678', email: null, channel: 'all', reason: 'complaint' },
        { phone_normalized: null, email: 'bo@example.com', channel: 'sms', reason: 'manual' },
      ]),
    );
    const flagged = await api.http.get(`/api/leads/${lead.body.data.id}`).set(tenant.admin.headers);
    expect(flagged.body.data.do_not_call).toBe(true);
    const optedOut = await api.http.get(`/api/leads/${sms.body.data.id}`).set(tenant.admin.headers);
    expect(optedOut.body.data).toMatchObject({ do_not_call: false, opted_out_channels: ['sms'] });
  });

  it('refuses a file without a phone or email column, binary data and an unknown field, adding nothing', async () => {
    expectValidation(await upload(api, tenant, 'Name,Company\nAna,Acme\n'), ['file']);
    expectError(await upload(api, tenant, Buffer.from([0, 1, 2, 3, 0, 0])), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectValidation(await upload(api, tenant, 'phone\n+14155552671\n', { colour: 'red' }), ['colour']);
    expectValidation(await upload(api, tenant, 'phone\n'), ['file']);
    expect(await countRows(db, 'dnc_entries', 'tenant_id = $1', [tenant.id])).toBe(0);
  });

  it('is for managers: an agent gets 403 and another tenant never sees the entries', async () => {
    const other = await createTenant(api.http);
    const agent = await createUser(api.http, tenant, 'agent');
    const refused = await api.http
      .post('/api/dnc/import')
      .set(agent.headers)
      .attach('file', Buffer.from('phone\n+14155552671\n'), { filename: 'dnc.csv', contentType: 'text/csv' });
    expectError(refused, 403, 'AUTHORIZATION_FAILED');
    expect(await countRows(db, 'dnc_entries', 'tenant_id = $1', [tenant.id])).toBe(0);
    const res = await upload(api, tenant, 'phone\n+14155552671\n');
    expect(res.status).toBe(200);
    const list = await api.http.get('/api/dnc').set(other.admin.headers);
    expect(list.body.data).toEqual([]);
  });
});
