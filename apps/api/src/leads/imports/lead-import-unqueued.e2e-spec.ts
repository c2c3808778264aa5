import { JobProducer } from '@app/queues';
import { createTenant, createTestApi, TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * An upload whose job cannot be queued (Redis unreachable at that moment): a large one, which only a worker would
 * run, is failed at once with a 503 and its upload deleted, never left `queued` for good (a campaign it enrolls
 * into would never complete); a small one still runs in the request, as it would have anyway.
 */
describe('an import whose job cannot be queued (e2e)', () => {
  let api: TestApi;
  let t: TestTenant;
  let restore: () => void;

  beforeAll(async () => {
    // 1 KB: the large file goes to the worker, the small one runs in the request.
    api = await createTestApi({ env: { IMPORT_INLINE_MAX_BYTES: '1024' } });
    t = await createTenant(api.http);
    const producer = api.app.get(JobProducer);
    const enqueue = producer.enqueue.bind(producer);
    producer.enqueue = (async (name: string, ...rest: unknown[]) => {
      if (name === 'imports.run') throw new Error('Connection is closed.');
      return (enqueue as (...a: unknown[]) => Promise<string>)(name, ...rest);
    }) as typeof producer.enqueue;
    restore = () => (producer.enqueue = enqueue);
  });
  afterAll(async () => {
    restore?.();
    await api?.close();
  });

  const db = () => api.app.get(DataSource);
  const csv = (rows: number, from = 0) =>
    Buffer.from(
      [
        'Phone,First Name',
        ...Array.from({ length: rows }, (_, i) => `+447911${200000 + from + i},Lead${i}`),
      ].join('\n'),
    );
  const upload = (file: Buffer) =>
    api.http
      .post('/api/leads/import')
      .set(t.admin.headers)
      .attach('file', file, { filename: 'leads.csv', contentType: 'text/csv' });

  it('a file for the worker: 503, the import failed with its reason, its upload deleted, no lead made', async () => {
    const res = await upload(csv(200));
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(res.body.error.message).toMatch(/job queue could not be reached.*upload the file again/);
    const imports = await db().query(
      `SELECT id, status, error FROM lead_imports WHERE tenant_id = $1 ORDER BY created_at`,
      [t.id],
    );
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/job queue/) });
    const [chunks] = await db().query(
      `SELECT count(*)::int AS n FROM lead_import_chunks WHERE import_id = $1`,
      [imports[0].id],
    );
    expect(chunks.n).toBe(0);
    const [leads] = await db().query(`SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1`, [t.id]);
    expect(leads.n).toBe(0);
  });

  it('a file small enough for the request: imported in it all the same', async () => {
    const res = await upload(csv(3, 1000));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'completed',
      results: expect.objectContaining({ inserted: 3 }),
    });
  });
});
