import { DncImportRunner, ImportJobsService } from '@app/domain';
import {
  connectLiveClient,
  countRows,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  TestApi,
  TestTenant,
  useTestApi,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import type { Job } from 'bull';
import { randomUUID } from 'node:crypto';

function upload(api: TestApi, tenant: TestTenant, csv: string | Buffer, fields: Record<string, string> = {}) {
  let req = api.http.post('/api/dnc/import').set(tenant.admin.headers);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), {
    filename: 'dnc.csv',
    contentType: 'text/csv',
  });
}

/** `n` US numbers from `from`, one per row, with a header. */
const phones = (n: number, from = 4155560000) =>
  `Phone\n${Array.from({ length: n }, (_, i) => `+1${from + i}`).join('\n')}\n`;

describe('do-not-contact CSV import (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;

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
    const errors = [
      { row: 4, field: 'phone', value: '12345', error: expect.any(String) },
      { row: 5, field: 'channel', value: 'fax', error: expect.stringContaining('must be one of') },
    ];
    expect(res.body.data).toEqual({
      import_id: expect.any(String),
      status: 'completed',
      file_name: 'dnc.csv',
      progress: { processed: 5 },
      results: { total: 5, added: 2, existing: 1, taken_over: 0, invalid: 2, leads_flagged: 2 },
      errors,
      error_count: 2,
      error: null,
      created_at: expect.any(String),
      finished_at: expect.any(String),
    });
    const entries: {
      phone_normalized: string | null;
      email: string | null;
      channel: string;
      reason: string;
    }[] = await api.db.query(
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

    // The import is kept, with its row errors: read back, listed, and paged.
    const id = res.body.data.import_id as string;
    const again = await api.http.get(`/api/dnc/imports/${id}`).set(tenant.admin.headers);
    expect(again.body.data).toEqual(res.body.data);
    const list = await api.http.get('/api/dnc/imports').set(tenant.admin.headers);
    expect(list.body).toMatchObject({ data: [{ import_id: id, error_count: 2 }], meta: { total: 1 } });
    expect(list.body.data[0].errors).toBeUndefined();
    const page = await api.http
      .get(`/api/dnc/imports/${id}/errors?limit=1&offset=1`)
      .set(tenant.admin.headers);
    expect(page.body).toMatchObject({ data: [errors[1]], meta: { total: 2 } });
    const activity = await api.db.query(
      `SELECT data FROM activity_log WHERE tenant_id = $1 AND type = 'dnc.imported'`,
      [tenant.id],
    );
    expect(activity).toEqual([{ data: expect.objectContaining({ import_id: id, added: 2 }) }]);
  });

  it("lists an address a file repeats once, and takes over what only the person's STOP listed", async () => {
    // The person's own STOP of an SMS (as the inbound path lists it) and of an email.
    await api.db.query(
      `INSERT INTO dnc_entries (tenant_id, phone_normalized, email, channel, reason)
       VALUES ($1, '+14155550190', NULL, 'sms', 'stop_keyword'), ($1, NULL, 'kim@example.com', 'email', 'stop_keyword')`,
      [tenant.id],
    );
    const csv = [
      'Phone,Email,Channel,Reason',
      '+14155550191,,sms,stop_keyword',
      '+14155550191,,sms,complaint',
      '+14155550190,,sms,stop_keyword',
      '+14155550190,,sms,',
      ',KIM@example.com,email,',
      ',lee@example.com,email,',
      ',Lee@example.com,email,',
    ].join('\n');
    const res = await upload(api, tenant, csv);
    expect(res.status).toBe(200);
    expect(res.body.data.results).toEqual({
      total: 7,
      added: 2,
      existing: 5,
      taken_over: 2,
      invalid: 0,
      leads_flagged: 0,
    });
    const entries = await api.db.query(
      `SELECT coalesce(phone_normalized, email) AS address, reason FROM dnc_entries WHERE tenant_id = $1
        ORDER BY address`,
      [tenant.id],
    );
    // A repeated address takes the reason that outranks the person's STOP, whatever its row.
    expect(entries).toEqual([
      { address: '+14155550190', reason: 'import' },
      { address: '+14155550191', reason: 'complaint' },
      { address: 'kim@example.com', reason: 'import' },
      { address: 'lee@example.com', reason: 'import' },
    ]);
  });

  it('takes the form fields before or after the file', async () => {
    const res = await api.http
      .post('/api/dnc/import')
      .set(tenant.admin.headers)
      .attach('file', Buffer.from('email\nann@example.com\n'), {
        filename: 'dnc.csv',
        contentType: 'text/csv',
      })
      .field('channel', 'email')
      .field('reason', 'complaint');
    expect(res.status).toBe(200);
    const [entry] = await api.db.query(`SELECT channel, reason FROM dnc_entries WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(entry).toEqual({ channel: 'email', reason: 'complaint' });
  });

  it("reads national numbers in the form's default_country, before the tenant's", async () => {
    const patched = await api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send({ default_country: 'US' });
    expect(patched.status).toBe(200);
    const csv = 'Phone\n07911 123456\n(415) 555-2671\n';
    const gb = await upload(api, tenant, csv, { default_country: 'gb' });
    expect(gb.status).toBe(200);
    expect(gb.body.data.results).toMatchObject({ total: 2, added: 1, invalid: 1 });
    expect(gb.body.data.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'phone', value: '(415) 555-2671' }),
    ]);
    // The seeds' camelCase name is the same field; without it the tenant's country reads the file.
    const us = await upload(api, tenant, csv, { defaultCountry: 'US' });
    expect(us.body.data.results).toMatchObject({ total: 2, added: 1, invalid: 1 });
    const plain = await upload(api, tenant, csv);
    expect(plain.body.data.results).toMatchObject({ total: 2, added: 0, existing: 1, invalid: 1 });
    const entries = await api.db.query(
      `SELECT phone_normalized FROM dnc_entries WHERE tenant_id = $1 ORDER BY 1`,
      [tenant.id],
    );
    expect(entries).toEqual([{ phone_normalized: '+14155552671' }, { phone_normalized: '+447911123456' }]);
  });

  it('refuses a default_country that is not an ISO alpha-2 code, keeping nothing', async () => {
    for (const country of ['ZZ', 'USA', 'United Kingdom', '44']) {
      const res = await upload(api, tenant, 'phone\n07911 123456\n', { default_country: country });
      expectValidation(res, ['default_country']);
      expect(res.body.error.details[0].reason).toMatch(/ISO 3166-1 alpha-2/);
    }
    expect(await countRows(api.db, 'dnc_entries', 'tenant_id = $1', [tenant.id])).toBe(0);
    expect(await countRows(api.db, 'lead_imports', 'tenant_id = $1', [tenant.id])).toBe(0);
    expect(await countRows(api.db, 'lead_import_chunks', 'tenant_id = $1', [tenant.id])).toBe(0);
  });

  it('refuses a file without a phone or email column, binary data and a bad or unknown field, keeping nothing', async () => {
    expectValidation(await upload(api, tenant, 'Name,Company\nAna,Acme\n'), ['file']);
    expectError(await upload(api, tenant, Buffer.from([0, 1, 2, 3, 0, 0])), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectValidation(await upload(api, tenant, 'phone\n+14155552671\n', { colour: 'red' }), ['colour']);
    const fax = await upload(api, tenant, 'phone\n+14155552671\n', { channel: 'fax' });
    expectValidation(fax, ['channel']);
    expect(fax.body.error.message).toMatch(/^Invalid input: channel must be one of /);
    expectValidation(await upload(api, tenant, 'phone\n+14155552671\n', { reason: 'erasure' }), ['reason']);
    expectValidation(await upload(api, tenant, 'phone\n'), ['file']);
    // The empty rows a spreadsheet saves under the header are no data rows either.
    expectValidation(await upload(api, tenant, 'phone,email\r\n,\r\n,\r\n'), ['file']);
    // A name no column can hold (NUL) is refused by name, as a JSON body's text is.
    const nul = await api.http
      .post('/api/dnc/import')
      .set(tenant.admin.headers)
      .attach('file', Buffer.from('phone\n+14155552671\n'), {
        filename: 'd\u0000nc.csv',
        contentType: 'text/csv',
      });
    expectValidation(nul, ['file']);
    expect(nul.body.error.details[0].reason).toMatch(/NUL/);
    expect(await countRows(api.db, 'dnc_entries', 'tenant_id = $1', [tenant.id])).toBe(0);
    expect(await countRows(api.db, 'lead_imports', 'tenant_id = $1', [tenant.id])).toBe(0);
    expect(await countRows(api.db, 'lead_import_chunks', 'tenant_id = $1', [tenant.id])).toBe(0);
  });

  it('is for managers to upload: an agent gets 403; another tenant never sees the entries or the import', async () => {
    const other = await createTenant(api.http);
    const agent = await createUser(api.http, tenant, 'agent');
    const refused = await api.http
      .post('/api/dnc/import')
      .set(agent.headers)
      .attach('file', Buffer.from('phone\n+14155552671\n'), { filename: 'dnc.csv', contentType: 'text/csv' });
    expectError(refused, 403, 'AUTHORIZATION_FAILED');
    expect(await countRows(api.db, 'dnc_entries', 'tenant_id = $1', [tenant.id])).toBe(0);
    const res = await upload(api, tenant, 'phone\n+14155552671\n');
    expect(res.status).toBe(200);
    const id = res.body.data.import_id as string;
    expect((await api.http.get(`/api/dnc/imports/${id}`).set(agent.headers)).status).toBe(200);
    const list = await api.http.get('/api/dnc').set(other.admin.headers);
    expect(list.body.data).toEqual([]);
    for (const path of [`/api/dnc/imports/${id}`, `/api/dnc/imports/${id}/errors`])
      expectError(await api.http.get(path).set(other.admin.headers), 404, 'NOT_FOUND');
    expect((await api.http.get('/api/dnc/imports').set(other.admin.headers)).body.meta.total).toBe(0);
    // A do-not-contact import is not a lead import, nor the other way round.
    expectError(await api.http.get(`/api/leads/imports/${id}`).set(tenant.admin.headers), 404, 'NOT_FOUND');
    expect((await api.http.get('/api/leads/imports').set(tenant.admin.headers)).body.meta.total).toBe(0);
    const leads = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .attach('file', Buffer.from('phone\n+14155552672\n'), { filename: 'l.csv', contentType: 'text/csv' });
    expect(leads.status).toBe(200);
    expectError(
      await api.http.get(`/api/dnc/imports/${leads.body.data.import_id}`).set(tenant.admin.headers),
      404,
      'NOT_FOUND',
    );
    expectError(await api.http.get('/api/dnc/imports/not-an-id').set(tenant.admin.headers), 404, 'NOT_FOUND');
  });

  it('exports the list as CSV, oldest first, with the filters of the list; the file imports back as it was', async () => {
    const csv = [
      'phone,email,channel,reason',
      '+14155552671,,all,manual',
      ',ann@example.com,sms,complaint',
      // Written back with the formula guard ('-john@...), and read back without it.
      ',-john@example.com,email,manual',
      // An erased person's entry (a tenant's own erasure wrote it) is read back with its reason.
      '+14155552672,,all,erasure',
    ].join('\n');
    expect((await upload(api, tenant, csv)).status).toBe(200);
    const exported = await api.http.get('/api/dnc/export').set(tenant.admin.headers);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="do-not-contact.csv"');
    const lines = exported.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('phone,email,channel,reason,created_at');
    // Entries added in one statement share their time: compared as sets here.
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').slice(0, 4).join(','))
        .sort(),
    ).toEqual([
      '+14155552671,,all,manual',
      '+14155552672,,all,erasure',
      ",'-john@example.com,email,manual",
      ',ann@example.com,sms,complaint',
    ]);
    const sms = await api.http.get('/api/dnc/export?channel=sms').set(tenant.admin.headers);
    expect(sms.text.trim().split('\n')).toHaveLength(2);
    // The export streams every entry: a page is no filter of it, refused rather than ignored.
    for (const paged of ['limit=1', 'offset=2', 'page=2'])
      expectValidation(await api.http.get(`/api/dnc/export?${paged}`).set(tenant.admin.headers), [
        paged.split('=')[0],
      ]);
    // Imported into another tenant, the file lists the same entries there.
    const other = await createTenant(api.http);
    expect(
      (await api.http.get('/api/dnc/export').set(other.admin.headers)).text.trim().split('\n'),
    ).toHaveLength(1);
    const back = await upload(api, other, exported.text);
    expect(back.body.data.results).toMatchObject({ total: 4, added: 4, invalid: 0 });
    const theirs = await api.http.get('/api/dnc/export').set(other.admin.headers);
    const entries = (text: string) =>
      text
        .split('\n')
        .map((l) => l.split(',').slice(0, 4).join(','))
        .sort();
    expect(entries(theirs.text)).toEqual(entries(exported.text));
    const listed = await api.http.get('/api/dnc?limit=100').set(other.admin.headers);
    expect(listed.body.data.map((e: { email: string | null }) => e.email).sort()).toEqual([
      '-john@example.com',
      'ann@example.com',
      null,
      null,
    ]);
    const agent = await createUser(api.http, tenant, 'agent');
    expectError(await api.http.get('/api/dnc/export').set(agent.headers), 403, 'AUTHORIZATION_FAILED');
    expectValidation(await api.http.get('/api/dnc/export?channel=fax').set(tenant.admin.headers), [
      'channel',
    ]);
  });

  it("lists a row's reason erasure from an admin's file only: a manager's is a row error, the good rows land", async () => {
    const manager = await createUser(api.http, tenant, 'manager');
    const csv = 'phone,reason\n+14155552680,Erasure\n+14155552681,\n';
    const res = await api.http
      .post('/api/dnc/import')
      .set(manager.headers)
      .attach('file', Buffer.from(csv), { filename: 'dnc.csv', contentType: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.data.results).toEqual({
      total: 2,
      added: 1,
      existing: 0,
      taken_over: 0,
      invalid: 1,
      leads_flagged: 0,
    });
    expect(res.body.data.errors).toEqual([
      { row: 1, field: 'reason', value: 'Erasure', error: expect.stringContaining('an admin imports') },
    ]);
    const listed = () =>
      api.db.query(`SELECT phone_normalized, reason FROM dnc_entries WHERE tenant_id = $1 ORDER BY 1`, [
        tenant.id,
      ]);
    expect(await listed()).toEqual([{ phone_normalized: '+14155552681', reason: 'import' }]);
    // The same file from an admin (a restored list) lists the erased person's number as erasure.
    const admin = await upload(api, tenant, csv);
    expect(admin.body.data.results).toMatchObject({ added: 1, existing: 1, invalid: 0 });
    expect(await listed()).toEqual([
      { phone_normalized: '+14155552680', reason: 'erasure' },
      { phone_normalized: '+14155552681', reason: 'import' },
    ]);
  });

  it("leaves an entry the person's own STOP made as it was when an admin's file lists it as erasure", async () => {
    await api.db.query(
      `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason) VALUES ($1, '+14155550190', 'all', 'stop_keyword')`,
      [tenant.id],
    );
    const res = await upload(api, tenant, 'phone,channel,reason\n+14155550190,all,erasure\n');
    expect(res.status).toBe(200);
    expect(res.body.data.results).toEqual({
      total: 1,
      added: 0,
      existing: 1,
      taken_over: 0,
      invalid: 0,
      leads_flagged: 0,
    });
    const entries = await api.db.query(
      `SELECT phone_normalized, reason, created_by_id FROM dnc_entries WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(entries).toEqual([
      { phone_normalized: '+14155550190', reason: 'stop_keyword', created_by_id: null },
    ]);
  });
});

/** A large list goes to the worker and is resumable, as a lead import is. */
describe('do-not-contact CSV import in the worker (e2e)', () => {
  const BATCH = 50;
  const { api, worker } = useTestApiAndWorker({
    env: {
      IMPORT_INLINE_MAX_BYTES: '0',
      IMPORT_BATCH_ROWS: String(BATCH),
      IMPORT_LEASE_SECONDS: '5',
      // Only the system queue in the worker: each test runs the import itself.
      WORKER_QUEUES: 'system',
    },
  });

  async function queued(tenant: TestTenant, csv: string): Promise<string> {
    const res = await upload(api, tenant, csv);
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ status: 'queued', progress: { processed: 0 } });
    return res.body.data.import_id as string;
  }
  const view = async (tenant: TestTenant, id: string) =>
    (await api.http.get(`/api/dnc/imports/${id}`).set(tenant.admin.headers)).body.data;

  it('answers 202; the worker imports it batch by batch, reporting progress over socket.io', async () => {
    const tenant = await createTenant(api.http);
    const id = await queued(tenant, phones(4 * BATCH + 7));
    const live = await connectLiveClient(api.url, tenant.admin.token);
    try {
      const jobs = worker.app.get(ImportJobsService);
      await jobs.run({ tenant_id: tenant.id, import_id: id, kind: 'dnc' }, {
        attemptsMade: 0,
        opts: {},
      } as Job);
      const completed = await waitFor(
        () => live.heard.find((h) => h.event === 'import:progress' && h.payload.status === 'completed'),
        10_000,
        'the completed import:progress event',
      );
      expect(completed.payload).toMatchObject({ import_id: id, kind: 'dnc', processed: 4 * BATCH + 7 });
      const running = live.heard.filter(
        (h) => h.event === 'import:progress' && h.payload.status === 'running',
      );
      expect(running.map((h) => h.payload.processed)).toEqual([
        BATCH,
        2 * BATCH,
        3 * BATCH,
        4 * BATCH,
        4 * BATCH + 7,
      ]);
    } finally {
      live.socket.disconnect();
    }
    expect(await view(tenant, id)).toMatchObject({
      status: 'completed',
      progress: { processed: 4 * BATCH + 7 },
      results: { total: 4 * BATCH + 7, added: 4 * BATCH + 7, existing: 0, invalid: 0, leads_flagged: 0 },
    });
    expect(await countRows(api.db, 'dnc_entries', 'tenant_id = $1', [tenant.id])).toBe(4 * BATCH + 7);
    expect(await countRows(api.db, 'lead_import_chunks', 'import_id = $1', [id])).toBe(0);
  });

  it('a run whose process died is taken over after its lease, after the last committed row', async () => {
    const tenant = await createTenant(api.http);
    const rows = 3 * BATCH;
    const id = await queued(tenant, phones(rows, 4155570000));
    // What a process that died after its first batch left: that batch's entries, counts and progress committed.
    const done = { total: BATCH, added: BATCH, existing: 0, invalid: 0, leads_flagged: 0 };
    await api.db.query(
      `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason)
       SELECT $1, '+1' || (4155570000 + n), 'all', 'import' FROM generate_series(0, $2 - 1) n`,
      [tenant.id, BATCH],
    );
    await api.db.query(
      `UPDATE lead_imports SET status = 'running', attempts = 1, rows_done = $2, results = $3,
              lease_until = now() + interval '1 minute'
        WHERE id = $1`,
      [id, BATCH, done],
    );
    const runner = worker.app.get(DncImportRunner);
    // Its lease still runs: left alone.
    expect(await runner.run(tenant.id, id)).toBe('held');
    await api.db.query(`UPDATE lead_imports SET lease_until = now() - interval '1 second' WHERE id = $1`, [
      id,
    ]);
    expect(await runner.run(tenant.id, id)).toBe('finished');
    // Had the first batch been read again, its rows would count as existing.
    expect(await view(tenant, id)).toMatchObject({
      status: 'completed',
      progress: { processed: rows },
      results: { total: rows, added: rows, existing: 0, invalid: 0 },
    });
    expect(await countRows(api.db, 'dnc_entries', 'tenant_id = $1', [tenant.id])).toBe(rows);
    const [{ attempts }] = await api.db.query('SELECT attempts FROM lead_imports WHERE id = $1', [id]);
    expect(attempts).toBe(2);
    expect(await runner.run(tenant.id, id)).toBe('finished');
    expect(await runner.run(tenant.id, randomUUID())).toBe('missing');
  });

  it('its last attempt failing ends it failed with the reason, keeping what it committed', async () => {
    const tenant = await createTenant(api.http);
    const id = await queued(tenant, phones(3));
    // Options no version of the code can read: every attempt throws.
    await api.db.query(`UPDATE lead_imports SET options = '{}' WHERE id = $1`, [id]);
    const jobs = worker.app.get(ImportJobsService);
    const payload = { tenant_id: tenant.id, import_id: id, kind: 'dnc' as const };
    const attempt = (made: number) => ({ attemptsMade: made, opts: { attempts: 3 } }) as unknown as Job;
    await expect(jobs.run(payload, attempt(0))).rejects.toThrow();
    expect(await view(tenant, id)).toMatchObject({ status: 'running', error: null });
    await api.db.query(`UPDATE lead_imports SET lease_until = now() - interval '1 second' WHERE id = $1`, [
      id,
    ]);
    await expect(jobs.run(payload, attempt(2))).rejects.toThrow();
    expect(await view(tenant, id)).toMatchObject({
      status: 'failed',
      error: expect.any(String),
      results: { total: 0, added: 0 },
    });
    expect(await countRows(api.db, 'lead_import_chunks', 'import_id = $1', [id])).toBe(0);
    expect(await countRows(api.db, 'dnc_entries', 'tenant_id = $1', [tenant.id])).toBe(0);
  });
});
