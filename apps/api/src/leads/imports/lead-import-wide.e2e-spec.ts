import {
  connectLiveClient,
  countRows,
  createTenant,
  HeardEvent,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

const ROWS = 300;
const EXTRA_COLUMNS = 40;
/** The batches' weight budget here: a few dozen of these rows, where the default holds thousands. */
const BATCH_BYTES = 200_000;

/** A row of 40 filled custom columns of 20 characters besides its phone and email: about 830 characters. */
function wideCsv(): { text: string; rowChars: number } {
  const header = ['Email', 'Phone', ...Array.from({ length: EXTRA_COLUMNS }, (_, c) => `Field ${c}`)];
  const rows = Array.from({ length: ROWS }, (_, i) => [
    `wide${i}@example.com`,
    `+447911${String(100000 + i)}`,
    ...Array.from({ length: EXTRA_COLUMNS }, (_, c) => `r${i}c${c}`.padEnd(20, '.')),
  ]);
  const rowChars = Math.max(...rows.map((cells) => cells.join('').length));
  return { text: `${[header, ...rows].map((cells) => cells.join(',')).join('\r\n')}\r\n`, rowChars };
}

/**
 * A large import of a wide file, run by the worker with a staging thread: batches are cut by the weight of their
 * cells as well as by their rows (IMPORT_BATCH_BYTES, lowered here; IMPORT_BATCH_ROWS is the default 20,000), so a
 * batch of wide rows never outgrows the thread's heap.
 */
describe('CSV import of a wide file in staging threads (e2e)', () => {
  let tenant: TestTenant;
  let live: { socket: Socket; heard: HeardEvent[] } | undefined;
  afterAll(() => live?.socket.disconnect());
  const { api } = useTestApiAndWorker({
    env: {
      IMPORT_INLINE_MAX_BYTES: '0',
      IMPORT_THREAD_MIN_BYTES: '0',
      IMPORT_THREADS: '1',
      IMPORT_BATCH_BYTES: String(BATCH_BYTES),
    },
  });

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  it('commits it in batches that keep under the byte budget and imports every row and cell', async () => {
    live = await connectLiveClient(api.url, tenant.admin.token);
    const { text, rowChars } = wideCsv();
    const res = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .attach('file', Buffer.from(text), { filename: 'wide.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    const importId = res.body.data.import_id as string;

    const done = await waitFor(
      async () => {
        const seen = await api.http.get(`/api/leads/imports/${importId}`).set(tenant.admin.headers);
        return seen.body.data?.status === 'completed'
          ? (seen.body.data as Record<string, unknown>)
          : undefined;
      },
      30_000,
      'the wide import to complete',
    );
    expect(done).toMatchObject({
      progress: { processed: ROWS },
      results: { total: ROWS, inserted: ROWS, valid: ROWS, invalid: 0, duplicates: 0, dnc: 0, updated: 0 },
      errors: [],
    });

    // One running event per committed batch, with the number of its last row.
    const heard = live.heard;
    await waitFor(
      () =>
        heard.some((h) => h.event === 'import:progress' && h.payload.status === 'completed')
          ? true
          : undefined,
      10_000,
      'the completed import:progress event',
    );
    const ends = heard
      .filter((h) => h.event === 'import:progress' && h.payload.status === 'running')
      .map((h) => h.payload.processed as number);
    expect(ends[ends.length - 1]).toBe(ROWS);
    const sizes = ends.map((end, i) => end - (i ? ends[i - 1] : 0));
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(sizes.every((n) => n > 0 && n * rowChars <= BATCH_BYTES)).toBe(true);

    const db = api.app.get(DataSource);
    expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(ROWS);
    const [last] = await db.query(
      `SELECT phone_normalized, custom_fields FROM leads WHERE tenant_id = $1 AND email = $2`,
      [tenant.id, `wide${ROWS - 1}@example.com`],
    );
    expect(last.phone_normalized).toBe(`+447911${100000 + ROWS - 1}`);
    expect(Object.keys(last.custom_fields)).toHaveLength(EXTRA_COLUMNS);
    expect(last.custom_fields['Field 39']).toBe(`r${ROWS - 1}c39`.padEnd(20, '.'));
  }, 60_000);
});
