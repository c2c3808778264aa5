import { ImportRunner } from '@app/domain';
import {
  connectLiveClient,
  createTenant,
  createTestApi,
  HeardEvent,
  TestApi,
  TestTenant,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

const BATCH = 20;
const BATCHES = 5;

/** The statement that counts a tenant's leads today (LeadAnnouncements.leadsToday). */
const LEADS_TODAY =
  /count\(\*\).*FROM leads WHERE tenant_id = \$1 AND archived_at IS NULL AND created_at >= \$2/;

/**
 * An import's batches each raise `metrics.update` leads_today, but the run counts the tenant's leads only at its
 * first batch and its last: counting at every batch grew with the square of the import.
 */
describe("CSV import: the leads_today of an import's batches (e2e)", () => {
  let api: TestApi;
  let runner: ImportRunner;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi({
      env: { IMPORT_INLINE_MAX_BYTES: '0', IMPORT_BATCH_ROWS: String(BATCH), IMPORT_SWEEP_EVERY_MS: '0' },
    });
    runner = api.app.get(ImportRunner);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await api.close();
  });
  afterEach(() => jest.restoreAllMocks());

  async function listen(t: TestTenant): Promise<HeardEvent[]> {
    const { socket, heard } = await connectLiveClient(api.url, t.admin.token);
    sockets.push(socket);
    return heard;
  }

  /** Queues an import of `BATCH * BATCHES` new leads (no worker runs here: the test runs it). */
  async function queueImport(t: TestTenant, tag: string): Promise<string> {
    const rows = Array.from({ length: BATCH * BATCHES }, (_, i) => `Lead ${i},${tag}${i}@today.test`);
    const res = await api.http
      .post('/api/leads/import')
      .set(t.admin.headers)
      .attach('file', Buffer.from(`Name,Email\n${rows.join('\n')}\n`), {
        filename: 'leads.csv',
        contentType: 'text/csv',
      });
    expect(res.status).toBe(202);
    return res.body.data.import_id as string;
  }

  /** The batches' metrics.update, in the order heard, once all have arrived. */
  async function batchFigures(heard: HeardEvent[]): Promise<Record<string, unknown>[]> {
    const figures = () =>
      heard
        .filter((h) => h.event === 'metrics.update' && h.payload.change === `+${BATCH}`)
        .map((h) => h.payload);
    return waitFor(
      () => (figures().length >= BATCHES ? figures() : undefined),
      10_000,
      `${BATCHES} batches' metrics.update`,
    );
  }

  it('counts twice a run, not once a batch, and each batch still raises its figure', async () => {
    const t = await createTenant(api.http);
    const heard = await listen(t);
    const importId = await queueImport(t, 'count');
    const query = jest.spyOn(api.app.get(DataSource), 'query');

    expect(await runner.run(t.id, importId)).toBe('finished');
    const figures = await batchFigures(heard);

    expect(figures.map((f) => f.value)).toEqual([20, 40, 60, 80, 100]);
    expect(query.mock.calls.filter(([sql]) => LEADS_TODAY.test(sql))).toHaveLength(2);
  });

  it("adds each batch's leads to the figure and settles on the exact one, with a lead created meanwhile", async () => {
    const t = await createTenant(api.http);
    const heard = await listen(t);
    const importId = await queueImport(t, 'settle');
    // Someone creates a lead once the second batch has committed, before the third merges.
    const batches = runner as unknown as { commitBatch: (...args: unknown[]) => Promise<unknown> };
    const commitBatch = batches.commitBatch.bind(runner);
    let committed = 0;
    jest.spyOn(batches, 'commitBatch').mockImplementation(async (...args: unknown[]) => {
      const results = await commitBatch(...args);
      if (++committed === 2)
        expect(
          (await api.http.post('/api/leads').set(t.admin.headers).send({ email: 'meanwhile@today.test' }))
            .status,
        ).toBe(201);
      return results;
    });

    expect(await runner.run(t.id, importId)).toBe('finished');
    const figures = await batchFigures(heard);

    // The first batch counted, the next three added 20 each, the last counted again: 100 imported and 1 created.
    expect(figures).toEqual(
      [20, 40, 60, 80, 101].map((value) => ({
        metric: 'leads_today',
        value,
        change: '+20',
        change_type: 'increase',
        timestamp: api.clock.now().toISOString(),
      })),
    );
    const meanwhile = heard.filter((h) => h.event === 'metrics.update' && h.payload.change === '+1');
    expect(meanwhile.map((h) => h.payload.value)).toEqual([41]);
  });
});
