import { JobProducer, QueueName } from '@app/queues';
import {
  apiOnIsolatedDatabase,
  createTenant,
  createTestWorker,
  TestTenant,
  TestWorker,
  waitFor,
} from '@app/testing';
import type { Queue } from 'bull';
import { importJobId } from './import-job';
import { ImportsSweeper } from './imports-sweeper';

/**
 * An import whose `imports.run` job was lost with Redis gets its job again from the import sweep once it has gone
 * a lease past its lease, and finishes; one whose job is still waiting, or that has not waited that long, is left
 * alone. On a database of this file's own: the sweep is platform-wide.
 */
describe('the sweep of imports whose job was lost (integration)', () => {
  let worker: TestWorker | undefined;
  let queue: Queue;
  let t: TestTenant;

  // Before the API's hooks: afterAll hooks run in the order declared, and the worker stops before its database goes.
  afterAll(() => worker?.close());
  // Every upload goes to the worker; none is started here until the test starts one.
  const on = apiOnIsolatedDatabase({
    IMPORT_INLINE_MAX_BYTES: '0',
    IMPORT_LEASE_SECONDS: '30',
    IMPORT_SWEEP_EVERY_MS: '0',
  });
  beforeAll(async () => {
    queue = on.api.app.get(JobProducer).queue(QueueName.Imports);
    t = await createTenant(on.api.http);
  });

  const sweep = () => on.api.app.get(ImportsSweeper).sweep();
  const csv = (rows: number, from: number) =>
    Buffer.from(
      [
        'Phone,First Name',
        ...Array.from({ length: rows }, (_, i) => `+447911${200000 + from + i},L${i}`),
      ].join('\n'),
    );
  async function upload(rows: number, from: number): Promise<string> {
    const res = await on.api.http
      .post('/api/leads/import')
      .set(t.admin.headers)
      .attach('file', csv(rows, from), { filename: 'leads.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    return res.body.data.import_id as string;
  }
  const state = async (id: string) =>
    (
      await on.db.query(
        `SELECT status, attempts, rows_done, results, lease_until,
                (SELECT count(*)::int FROM lead_import_chunks c WHERE c.import_id = i.id) AS chunks
           FROM lead_imports i WHERE id = $1`,
        [id],
      )
    )[0];
  /** As if queued (or its lease run out) an hour ago. */
  const age = (id: string) =>
    on.db.query(
      `UPDATE lead_imports SET updated_at = now() - interval '1 hour',
              lease_until = CASE WHEN status = 'running' THEN now() - interval '1 hour' END
        WHERE id = $1`,
      [id],
    );
  const leads = async () =>
    (await on.db.query(`SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1`, [t.id]))[0].n as number;

  it('leaves alone an import whose job still waits, however long it has waited: no second job', async () => {
    const id = await upload(20, 0);
    await age(id);
    const before = await state(id);
    expect(await sweep()).toBe(0);
    expect(await state(id)).toEqual(before);
    const waiting = await queue.getWaiting();
    expect(waiting.map((j) => j.id)).toEqual([importJobId(id)]);
    // Out of the next test's way.
    await queue.getJob(importJobId(id)).then((job) => job?.remove());
    await on.db.query(`DELETE FROM lead_imports WHERE id = $1`, [id]);
  });

  it('gives their job again to a queued and a running import whose jobs were lost; both finish once', async () => {
    const queued = await upload(30, 100);
    const running = await upload(40, 200);
    const recent = await upload(5, 300);
    // Redis lost every job; one import had been taken by a process that died (its lease long run out).
    for (const id of [queued, running, recent]) await (await queue.getJob(importJobId(id)))?.remove();
    await on.db.query(`UPDATE lead_imports SET status = 'running', attempts = 1 WHERE id = $1`, [running]);
    await age(queued);
    await age(running);
    const recentBefore = await state(recent);

    expect(await sweep()).toBe(2);
    // A second sweep finds both jobs waiting and adds none.
    expect(await sweep()).toBe(0);
    expect((await queue.getWaiting()).map((j) => j.id).sort()).toEqual(
      [importJobId(queued), importJobId(running)].sort(),
    );

    worker = await createTestWorker({ config: on.api.config });
    for (const [id, rows] of [
      [queued, 30],
      [running, 40],
    ] as const) {
      const done = await waitFor(async () => {
        const s = await state(id);
        return s.status === 'completed' ? s : undefined;
      });
      expect(done).toMatchObject({
        rows_done: rows,
        chunks: 0,
        results: expect.objectContaining({ inserted: rows }),
      });
    }
    expect(await leads()).toBe(70);
    // One not yet a lease old is not the sweep's: untouched.
    expect(await state(recent)).toEqual(recentBefore);
    expect(await sweep()).toBe(0);
  });
});
