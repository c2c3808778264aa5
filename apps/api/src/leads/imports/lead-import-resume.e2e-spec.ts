import { ImportJobsService, ImportRunner, MAX_IMPORT_FAILURES } from '@app/domain';
import type { Job } from 'bull';
import {
  AppProcess,
  connectLiveClient,
  createTenant,
  createTestApi,
  createTestWorker,
  startProcess,
  TestApi,
  testEnv,
  TestTenant,
  TestWorker,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';

const ROWS = 12_000;
const BATCH = 400;

/** GB mobiles, unique; every 40th row repeats the previous row's phone in national form (a duplicate). */
function csv(): { text: string; duplicates: number } {
  const lines = ['Name,Mobile,Email'];
  let duplicates = 0;
  for (let i = 1; i <= ROWS; i++) {
    if (i % 40 === 0) {
      duplicates++;
      lines.push(`Again ${i},0${7911000000 + i - 1},`);
    } else {
      lines.push(`Lead ${i},+44 ${7911000000 + i},lead${i}@example.com`);
    }
  }
  return { text: `${lines.join('\n')}\n`, duplicates };
}

describe('CSV import: a worker that dies mid-import (e2e)', () => {
  const env = testEnv({
    IMPORT_INLINE_MAX_BYTES: '0',
    IMPORT_BATCH_ROWS: String(BATCH),
    IMPORT_LEASE_SECONDS: '5',
    IMPORT_THREAD_MIN_BYTES: '0',
    IMPORT_THREADS: '1',
    // Each batch's new leads are split over two connections: the worker may die between their two commits.
    IMPORT_SPLIT_MIN_ROWS: '100',
  });
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let doomed: AppProcess | undefined;
  let survivor: TestWorker | undefined;

  beforeAll(async () => {
    api = await createTestApi({ config: loadConfig(env) });
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
  });
  afterAll(async () => {
    await doomed?.kill();
    await survivor?.close();
    await api.close();
  });

  it('is taken over after its lease and finishes without a duplicate lead or a lost row', async () => {
    doomed = await startProcess('worker', env);
    const { text, duplicates } = csv();
    const res = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .field('default_country', 'GB')
      .attach('file', Buffer.from(text), { filename: 'big.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    const importId = res.body.data.import_id as string;
    const progress = async () =>
      (
        (await db.query('SELECT status, rows_done, attempts FROM lead_imports WHERE id = $1', [
          importId,
        ])) as {
          status: string;
          rows_done: number;
          attempts: number;
        }[]
      )[0];

    // Kill it once some batches are committed, well before the end.
    await waitFor(
      async () => ((await progress()).rows_done >= 2 * BATCH ? true : undefined),
      60_000,
      'batches',
    );
    await doomed.kill();
    const atDeath = await progress();
    expect(atDeath.status).toBe('running');
    expect(atDeath.rows_done).toBeLessThan(ROWS);
    const leadsAtDeath = await db.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1', [
      tenant.id,
    ]);
    expect(leadsAtDeath[0].n).toBeGreaterThan(0);

    // Another worker runs the job (as Bull redelivers a stalled one): refused while the lease lives, then resumes.
    survivor = await createTestWorker({ config: loadConfig(env) });
    const runner = survivor.app.get(ImportRunner);
    await waitFor(
      async () => ((await runner.run(tenant.id, importId)) === 'finished' ? true : undefined),
      30_000,
      'the import to be taken over',
    );

    const done = await api.http.get(`/api/leads/imports/${importId}`).set(tenant.admin.headers);
    expect(done.body.data).toMatchObject({
      status: 'completed',
      progress: { processed: ROWS },
      results: {
        total: ROWS,
        inserted: ROWS - duplicates,
        duplicates,
        invalid: 0,
        dnc: 0,
        updated: 0,
        valid: ROWS - duplicates,
      },
    });
    expect((await progress()).attempts).toBe(2);
    const [{ leads, phones }] = await db.query(
      `SELECT count(*)::int AS leads, count(DISTINCT phone_normalized)::int AS phones FROM leads WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(leads).toBe(ROWS - duplicates);
    expect(phones).toBe(ROWS - duplicates);
  }, 120_000);
});

describe('CSV import: the last attempt fails (e2e)', () => {
  const { api, worker } = useTestApiAndWorker({
    env: { IMPORT_INLINE_MAX_BYTES: '0', WORKER_QUEUES: 'system' },
  });

  /**
   * A queued import (the worker's to run) whose every run throws: its column mapping is one no version of the code
   * can read. With its job's payload, and a job of `attempts` that made `made` of them.
   */
  async function brokenImport(csv: string, attempts: number) {
    const tenant = await createTenant(api.http);
    const res = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .attach('file', Buffer.from(csv), { filename: 'a.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    const importId = res.body.data.import_id as string;
    const db = api.app.get(DataSource);
    await db.query(`UPDATE lead_imports SET columns = '"not a list"' WHERE id = $1`, [importId]);
    return {
      tenant,
      importId,
      db,
      jobs: worker.app.get(ImportJobsService),
      payload: { tenant_id: tenant.id, import_id: importId },
      attempt: (made: number) => ({ attemptsMade: made, opts: { attempts } }) as unknown as Job,
    };
  }

  it('ends the import failed with the reason, keeping and reporting what it committed; earlier attempts leave it to retry', async () => {
    const { tenant, importId, db, jobs, payload, attempt } = await brokenImport(
      'phone\n+14155552671\n+14155552672\n+14155552673\n',
      3,
    );

    await expect(jobs.run(payload, attempt(0))).rejects.toThrow();
    const kept = await db.query('SELECT count(*)::int AS n FROM lead_import_chunks WHERE import_id = $1', [
      importId,
    ]);
    expect(kept[0].n).toBe(1);
    const retrying = await api.http.get(`/api/leads/imports/${importId}`).set(tenant.admin.headers);
    expect(retrying.body.data).toMatchObject({ status: 'running', error: null });

    // What an earlier attempt committed before the file became unreadable (as a batch would have left it).
    const committed = { total: 1, inserted: 1, updated: 0, invalid: 0, duplicates: 0, dnc: 0, valid: 1 };
    await db.query(
      `UPDATE lead_imports SET lease_until = now() - interval '1 second', rows_done = 1, results = $2
        WHERE id = $1`,
      [importId, committed],
    );
    const live = await connectLiveClient(api.url, tenant.admin.token);
    try {
      await expect(jobs.run(payload, attempt(2))).rejects.toThrow();
      // The event reports what stays committed and why it failed, as GET leads/imports/:id does.
      const event = await waitFor(
        () => live.heard.find((h) => h.event === 'import:progress' && h.payload.status === 'failed'),
        10_000,
        'the failed import:progress event',
      );
      expect(event.payload).toMatchObject({
        import_id: importId,
        processed: 1,
        results: committed,
        error: "The import's stored column mapping is not a list (it is a string)",
      });
    } finally {
      live.socket.disconnect();
    }
    const failed = await api.http.get(`/api/leads/imports/${importId}`).set(tenant.admin.headers);
    expect(failed.body.data).toMatchObject({
      status: 'failed',
      error: "The import's stored column mapping is not a list (it is a string)",
      progress: { processed: 1 },
      results: committed,
    });
    expect(failed.body.data.finished_at).not.toBeNull();
    // A failed import is final: its upload is gone.
    const chunks = await db.query('SELECT count(*)::int AS n FROM lead_import_chunks WHERE import_id = $1', [
      importId,
    ]);
    expect(chunks[0].n).toBe(0);
  });

  it('a run that fails time after time fails the import at its tenth failure, not at its hundredth attempt', async () => {
    const { tenant, importId, db, jobs, payload, attempt } = await brokenImport('phone\n+14155552674\n', 100);
    const statusOf = async () =>
      (await api.http.get(`/api/leads/imports/${importId}`).set(tenant.admin.headers)).body.data
        .status as string;
    for (let made = 0; made < MAX_IMPORT_FAILURES; made++) {
      expect(['queued', 'running']).toContain(await statusOf());
      await expect(jobs.run(payload, attempt(made))).rejects.toThrow();
      // Each run takes the lease; the next (as the job's backoff would) finds it run out.
      await db.query(`UPDATE lead_imports SET lease_until = now() - interval '1 second' WHERE id = $1`, [
        importId,
      ]);
    }
    expect(await statusOf()).toBe('failed');
    // The job's next attempt finds the import final: it completes, doing nothing.
    await expect(jobs.run(payload, attempt(MAX_IMPORT_FAILURES))).resolves.toBeUndefined();
  });
});
