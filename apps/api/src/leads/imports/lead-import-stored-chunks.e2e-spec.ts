import { createTenant, TestTenant, useTestApi } from '@app/testing';

const MB = 1024 * 1024;

/** ~2.6 MB of rows whose names are multi-byte UTF-8, so chunk boundaries fall inside characters too. */
function csv(): Buffer {
  const lines = ['Name,Phone,Notes'];
  for (let i = 0; lines.length <= 40_000; i++) {
    lines.push(`Zoë Łukasz 東京 ${i},+447911${String(100000 + i)},"note ${i}, ünïcödé"`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/**
 * A queued upload is stored as it was sent: the file's bytes in order, in chunks of exactly 1 MB (the last one
 * shorter), each filled from what arrived however the socket split it.
 */
describe('CSV import: the stored upload (e2e)', () => {
  const api = useTestApi({ env: { IMPORT_INLINE_MAX_BYTES: '0' } });
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  it('stores a file of 2.6 MB as 1 MB chunks holding its bytes in order', async () => {
    const file = csv();
    const res = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .field('default_country', 'GB')
      .attach('file', file, { filename: 'leads.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    expect(res.body.data.status).toBe('queued');

    const chunks = (
      await api.db.query<{ seq: number; data: Buffer }[]>(
        'SELECT seq, data FROM lead_import_chunks WHERE import_id = $1 ORDER BY seq',
        [res.body.data.import_id],
      )
    ).map((c) => ({ seq: c.seq, bytes: c.data.length }));
    expect(chunks).toEqual([
      { seq: 0, bytes: MB },
      { seq: 1, bytes: MB },
      { seq: 2, bytes: file.length - 2 * MB },
    ]);
    const stored = await api.db.query<{ data: Buffer }[]>(
      `SELECT string_agg(data, ''::bytea ORDER BY seq) AS data FROM lead_import_chunks WHERE import_id = $1`,
      [res.body.data.import_id],
    );
    expect(stored[0].data.equals(file)).toBe(true);
  });
});
