/**
 * bench:import — a CSV of 1,000,000 realistic leads (bench/import-csv.ts: mixed phone formats, ~2% invalid rows,
 * ~3% duplicates, 0.5% do-not-contact phones) uploaded to POST /api/leads/import on the built platform, run as
 * production runs it (`node dist/...`), against Postgres's own `\copy` of the same rows into a copy of the leads
 * table (same columns and indexes), in the same database:
 *   1. rows/s of the import, from the start of the upload to status completed, vs rows/s of `\copy`, which runs
 *      twice, before and after the import, each into a fresh table, their average time giving its rate (one
 *      run's rate moves by 15-25 % from run to run here; the ratio against each run is printed too);
 *   2. peak RSS of the API and of the worker process while the import runs (/proc/<pid>/status, every 100 ms);
 *   3. the import's counts vs the generator's, and the leads actually in the table;
 *   4. CPU per row of the API, the worker and the database's Postgres processes during the import, and of the
 *      `\copy`'s backend (load-independent, unlike the rates), and how many cores each used on average; the idle
 *      platform's CPU per second is printed first (it grows the import's figures with its wall time);
 *   5. the WAL each side wrote and the checkpoints that ran during it: each side starts on a fresh CHECKPOINT, so
 *      neither pays for the other's pending one (bench/wal-state.ts); with --wal-detail, which relations wrote it
 *      and how much of it was full-page images (bench/wal-records.ts).
 * Goals: import >= 0.7x the rows/s of `\copy`; worker peak <= 400 MB; API peak <= 200 MB; counts match.
 * Builds the apps (`npm run build`); makes its own database, Redis prefix and temp files, and removes them at
 * the end (the CSV files are kept with --keep). With --dist <dir>, runs the build in <dir> (a copy of dist/, for A/B
 * rounds of two builds) instead of building.
 *   [IMPORT_SPLIT_MIN_ROWS=0 ...] npm run bench:import [-- --rows 1000000 --keep --dist .ab/a]
 */
import { spawn, ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  API_FLAGS,
  BackendsCpu,
  benchPlatformEnv,
  benchRun,
  cpuMs,
  createBenchDatabase,
  numberArg,
  registerBenchTenant,
  removeBenchData,
  stopChild,
  textArg,
  waitHealthy,
} from './support';
import { freePort } from '../libs/testing/src/processes';
import { generateImportCsv } from './import-csv';
import { timeCopy, type CopyRun } from './import-reference';
import { uploadCsv } from './upload-csv';
import { settleWal, walSince } from './wal-state';
import { dropWalInspect, inspectWal, reportWal } from './wal-records';

const ROWS = numberArg('rows', 1_000_000);
const KEEP = process.argv.includes('--keep');
/** Which relations wrote each phase's WAL (bench/wal-records.ts). */
const WAL_DETAIL = process.argv.includes('--wal-detail');
const DIST = textArg('dist', '') || undefined;
const ROOT = join(__dirname, '..');
/** The built entry points, as package.json's start:api and start:worker run them. */
const ENTRIES = {
  api: join(DIST ?? 'dist', 'apps/api/apps/api/src/main.js'),
  worker: join(DIST ?? 'dist', 'apps/worker/apps/worker/src/main.js'),
} as const;
const POLL_MS = 500;
const SAMPLE_MS = 100;
/** How often the Postgres processes' CPU is read (a query of pg_stat_activity each time). */
const PG_SAMPLE_MS = 250;
const IDLE_MS = 3000;
/** The import fails the bench when its processed count does not move for this long. */
const STALL_MS = 10 * 60_000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;

/** A spawned process and the last lines it printed (for the error when it dies). */
interface Running {
  kind: string;
  child: ChildProcess;
  tail(): string;
}

function spawnLogged(kind: string, command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (chunk: Buffer) => (out = (out + chunk.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // BENCH_LOG_DIR=<dir> keeps each process's whole output there (<kind>.log), for looking into a slow run.
  if (process.env.BENCH_LOG_DIR) {
    const file = createWriteStream(join(process.env.BENCH_LOG_DIR, `${kind}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  return { kind, child, tail: () => out };
}

/** Runs a command to its end; fails with the end of its output when it exits non-zero. */
async function run(kind: string, command: string, args: string[]): Promise<void> {
  const proc = spawnLogged(kind, command, args, process.env);
  const [code] = (await once(proc.child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${kind} exited with ${code}:\n${proc.tail()}`);
}

/**
 * Waits (up to 2 min: a loaded machine may take that long to start an API) for a spawned process's health URL,
 * failing with the end of its output if it exits first.
 */
async function waitRunning(url: string, proc: Running): Promise<void> {
  const exited = () => `${proc.kind} exited with ${proc.child.exitCode}:\n${proc.tail()}`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await waitHealthy(url, proc.child, exited);
    } catch (err) {
      if (attempt === 4 || proc.child.exitCode !== null) throw err;
    }
  }
}

/** Resident memory of a process in MB (0 once it is gone). */
function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

type Results = Record<'total' | 'valid' | 'invalid' | 'duplicates' | 'dnc' | 'inserted' | 'updated', number>;

interface ImportState {
  import_id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress?: { processed?: number };
  results?: Partial<Results>;
  errors?: unknown[];
}

async function main(): Promise<void> {
  const bench = benchRun();
  const { databaseUrl } = bench;
  const dir = await mkdtemp(join(tmpdir(), 'reachline-bench-import-'));
  const procs: Running[] = [];
  let sampler: NodeJS.Timeout | undefined;
  const cleanup = async () => {
    clearInterval(sampler);
    await Promise.all(procs.map((p) => stopChild(p.child, 10_000)));
    await removeBenchData(bench, say);
    if (!KEEP) await rm(dir, { recursive: true, force: true });
  };
  // Ctrl-C (or a timeout's SIGTERM) still removes the processes, the database, the Redis keys and the files.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    await createBenchDatabase(bench);

    // The platform as production runs it: compiled by `nest build`, started with plain node.
    if (DIST) say(`running the build in ${DIST} (--dist)`);
    else {
      say('building (npm run build)...');
      const buildStarted = performance.now();
      await run('npm run build', 'npm', ['run', 'build']);
      say(`built in ${seconds(buildStarted).toFixed(1)} s`);
    }

    const apiPort = await freePort();
    const workerPort = await freePort();
    const env = benchPlatformEnv(bench, {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production', // as in the Docker image
      NODE_OPTIONS: '--max-old-space-size=256', // as in the Docker image and the start scripts
      PORT: String(apiPort),
      WORKER_HEALTH_PORT: String(workerPort),
      // BENCH_LOG_LEVEL=debug logs each batch's staging, wait and merge times (with BENCH_LOG_DIR).
      ...(process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {}),
      // IMPORT_* settings given to the bench reach both processes (IMPORT_SPLIT_MIN_ROWS=0: one connection per batch).
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          (e): e is [string, string] => e[0].startsWith('IMPORT_') && !!e[1],
        ),
      ),
    });
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=<dir>" profiles both processes (node refuses it in NODE_OPTIONS).
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // The API with its own V8 flags, as `npm run start:api`, the Dockerfile and docker-compose.yml start it.
    const api = spawnLogged('api', process.execPath, [...API_FLAGS, ...nodeArgs, ENTRIES.api], env);
    procs.push(api);
    const worker = spawnLogged('worker', process.execPath, [...nodeArgs, ENTRIES.worker], env);
    procs.push(worker);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await Promise.all([
      waitRunning(`${apiUrl}/api/health`, api),
      waitRunning(`http://127.0.0.1:${workerPort}/health`, worker),
    ]);

    const { token, tenantId } = await registerBenchTenant(apiUrl, bench);

    // The file, and the same rows as leads columns for the reference (which needs the tenant's id).
    const generateStarted = performance.now();
    const generated = await generateImportCsv({ rows: ROWS, dir, tenantId });
    const { expected } = generated;
    say(
      `generated ${ROWS.toLocaleString()} rows (${(generated.csvBytes / 1024 / 1024).toFixed(1)} MB) in ` +
        `${seconds(generateStarted).toFixed(1)} s: ${JSON.stringify(expected)}`,
    );
    if (KEEP) say(`the CSV files stay in ${dir} (--keep)`);

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      // The dnc rows' phones go on the tenant's do-not-contact list before the upload.
      await db.query(
        `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason)
         SELECT $1, phone, 'all', 'manual' FROM unnest($2::text[]) AS phone`,
        [tenantId, generated.dncPhones],
      );

      // The reference (bench/import-reference.ts) runs twice, before and after the import, and the import is compared
      // with their average: one `\copy`'s rate moves by 15-25 % from one run to the next on this machine, and the
      // two runs bracket the import, so a machine that speeds up or slows down during the bench moves both sides.
      const copyBefore = await timeCopy({
        db,
        databaseUrl,
        refPath: generated.refPath,
        rows: ROWS,
        table: 'leads_ref_before',
        sampleMs: PG_SAMPLE_MS,
        say,
      });
      const sayCopy = (when: string, run: CopyRun) =>
        say(
          `\\copy ${when}: ${run.seconds.toFixed(1)} s, ${Math.round(ROWS / run.seconds).toLocaleString()} rows/s; ` +
            `WAL ${run.wal.wal_mb} MB, ${run.wal.checkpoints} checkpoint(s) during it`,
        );
      sayCopy('before the import', copyBefore);

      // What the idle platform spends (its schedulers, sweeps and health checks), to tell apart from the import's.
      const idle0 = { api: cpuMs(api.child.pid) ?? 0, worker: cpuMs(worker.child.pid) ?? 0 };
      await new Promise((r) => setTimeout(r, IDLE_MS));
      say(
        `idle CPU: api ${((cpuMs(api.child.pid) ?? 0) - idle0.api) / (IDLE_MS / 1000)} ms/s, worker ` +
          `${((cpuMs(worker.child.pid) ?? 0) - idle0.worker) / (IDLE_MS / 1000)} ms/s`,
      );

      // Peak RSS of both processes, sampled from just before the upload until the import is done.
      const peaks = { api: rssMb(api.child.pid), worker: rssMb(worker.child.pid) };
      say(`RSS before the upload: api ${peaks.api.toFixed(1)} MB, worker ${peaks.worker.toFixed(1)} MB`);
      const sample = () => {
        peaks.api = Math.max(peaks.api, rssMb(api.child.pid));
        peaks.worker = Math.max(peaks.worker, rssMb(worker.child.pid));
      };
      sampler = setInterval(sample, SAMPLE_MS);
      const walDetail = WAL_DETAIL && (await inspectWal(db, say));
      // Both timed phases start on a fresh checkpoint (bench/wal-state.ts).
      const importWal = await settleWal(db, say);
      // CPU of the import's processes: the API, the worker and the database's Postgres processes.
      const meterDb = new Client({ connectionString: databaseUrl });
      await meterDb.connect();
      const database = new URL(databaseUrl).pathname.slice(1);
      const importPg = new BackendsCpu(meterDb, database);
      await importPg.sample();
      const apiCpu0 = cpuMs(api.child.pid) ?? 0;
      const workerCpu0 = cpuMs(worker.child.pid) ?? 0;
      const pgSampler = setInterval(() => void importPg.sample().catch(() => undefined), PG_SAMPLE_MS);

      const started = performance.now();
      const uploaded = await uploadCsv(`${apiUrl}/api/leads/import`, token, generated.csvPath);
      if (uploaded.status !== 202 && uploaded.status !== 200) {
        throw new Error(
          `POST /api/leads/import answered ${uploaded.status}: ${uploaded.body.slice(0, 2000)}`,
        );
      }
      const accepted = (JSON.parse(uploaded.body) as { data: ImportState }).data;
      sample();
      say(
        `upload answered ${uploaded.status} (${accepted.status}) after ${seconds(started).toFixed(1)} s; ` +
          `API peak RSS so far ${peaks.api.toFixed(1)} MB, now ${rssMb(api.child.pid).toFixed(1)} MB`,
      );

      const getImport = async (): Promise<ImportState> => {
        const res = await fetch(`${apiUrl}/api/leads/imports/${accepted.import_id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!res.ok) {
          throw new Error(
            `GET /api/leads/imports/${accepted.import_id} answered ${res.status}: ${await res.text()}`,
          );
        }
        return ((await res.json()) as { data: ImportState }).data;
      };

      // Poll until completed; the time stops when the import is first seen completed.
      let state = accepted;
      let importSeconds = seconds(started);
      let lastProcessed = -1;
      let lastMoved = performance.now();
      let lastSaid = 0;
      while (state.status !== 'completed') {
        for (const proc of procs) {
          if (proc.child.exitCode !== null) {
            throw new Error(
              `${proc.kind} exited with ${proc.child.exitCode} during the import:\n${proc.tail()}`,
            );
          }
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
        state = await getImport();
        importSeconds = seconds(started);
        if (state.status === 'failed') {
          throw new Error(
            `import failed after ${importSeconds.toFixed(1)} s: ${JSON.stringify(state).slice(0, 4000)}`,
          );
        }
        const processed = state.progress?.processed ?? 0;
        if (processed !== lastProcessed) {
          lastProcessed = processed;
          lastMoved = performance.now();
        } else if (performance.now() - lastMoved > STALL_MS) {
          throw new Error(
            `import stalled at ${processed} rows (${state.status}) for ${STALL_MS / 60_000} min`,
          );
        }
        if (performance.now() - lastSaid >= 2000 || state.status === 'completed') {
          lastSaid = performance.now();
          say(
            `${state.status}: ${processed.toLocaleString()} rows processed, ` +
              `${Math.round(processed / importSeconds).toLocaleString()} rows/s so far (${importSeconds.toFixed(1)} s)`,
          );
        }
      }
      clearInterval(sampler);
      clearInterval(pgSampler);
      sample();
      await importPg.sample();
      await meterDb.end();
      const cpu = {
        api_ms: (cpuMs(api.child.pid) ?? 0) - apiCpu0,
        worker_ms: (cpuMs(worker.child.pid) ?? 0) - workerCpu0,
        pg_ms: importPg.totalMs(),
      };
      if (accepted.status === 'completed') state = await getImport(); // done inline: read its results
      const importRate = ROWS / importSeconds;
      const importWalSpent = await walSince(db, importWal);
      say(
        `import: ${importSeconds.toFixed(1)} s, ${Math.round(importRate).toLocaleString()} rows/s; ` +
          `WAL ${importWalSpent.wal_mb} MB, ${importWalSpent.checkpoints} checkpoint(s) during it`,
      );

      // The counts the import reports, and the leads in the table, vs the generator's.
      const results = state.results ?? {};
      const mismatches: string[] = [];
      for (const key of ['total', 'invalid', 'duplicates', 'dnc', 'inserted'] as const) {
        if (results[key] !== expected[key]) {
          mismatches.push(`${key}: generated ${expected[key]}, import reported ${results[key]}`);
        }
      }
      if (results.updated !== 0) mismatches.push(`updated: expected 0, import reported ${results.updated}`);
      const stored = Number(
        (await db.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1', [tenantId])).rows[0].n,
      );
      if (stored !== expected.inserted) {
        mismatches.push(`leads in the table: expected ${expected.inserted}, found ${stored}`);
      }
      say(`results: ${JSON.stringify(results)}`);
      if (walDetail) await reportWal(db, importWal.lsn, ROWS, say);
      for (const mismatch of mismatches) say(`MISMATCH ${mismatch}`);
      if (mismatches.length && state.errors?.length) {
        say(`first errors the import reported: ${JSON.stringify(state.errors.slice(0, 5))}`);
      }

      // The reference's second run, on the same rows, now that the import is done.
      const copyAfter = await timeCopy({
        db,
        databaseUrl,
        refPath: generated.refPath,
        rows: ROWS,
        table: 'leads_ref',
        keep: walDetail, // the WAL report names the relations it wrote
        sampleMs: PG_SAMPLE_MS,
        say,
      });
      sayCopy('after the import', copyAfter);
      if (walDetail) {
        await reportWal(db, copyAfter.walStart.lsn, ROWS, say);
        await dropWalInspect(db);
      }
      const copyRuns = [copyBefore, copyAfter];
      const copySeconds = copyRuns.reduce((sum, r) => sum + r.seconds, 0) / copyRuns.length;
      const copyPgMs = copyRuns.reduce((sum, r) => sum + r.pgMs, 0) / copyRuns.length;
      const copyRate = ROWS / copySeconds;
      const copyRates = copyRuns.map((r) => Math.round(ROWS / r.seconds));
      say(
        `\\copy, both runs: ${copySeconds.toFixed(1)} s on average, ${Math.round(copyRate).toLocaleString()} rows/s ` +
          `(the import vs each run: ${copyRates.map((r) => (importRate / r).toFixed(3)).join(', ')})`,
      );

      const ratio = Number((importRate / copyRate).toFixed(3));
      const apiPeak = Number(peaks.api.toFixed(1));
      const workerPeak = Number(peaks.worker.toFixed(1));
      const us = (ms: number) => Number(((ms * 1000) / ROWS).toFixed(1));
      say(
        `CPU per row: import api ${us(cpu.api_ms)} us + worker ${us(cpu.worker_ms)} us + postgres ` +
          `${us(cpu.pg_ms)} us (${((cpu.api_ms + cpu.worker_ms + cpu.pg_ms) / 1000 / importSeconds).toFixed(2)} ` +
          `cores busy on average); ` +
          `\\copy postgres ${us(copyPgMs)} us (${(copyPgMs / 1000 / copySeconds).toFixed(2)} cores)`,
      );
      say(`import vs \\copy: ${ratio}x; peak RSS: api ${apiPeak} MB, worker ${workerPeak} MB`);
      // Every PG_SAMPLE_MS: how often the import kept both cores' worth of backends at work.
      say(`import's backends running a statement, share of samples: ${importPg.activeShares()}`);
      const countsMatch = mismatches.length === 0 ? 1 : 0;
      const goals = [
        { name: 'import_vs_copy_ratio', value: ratio, target: 0.7, op: '>=', met: ratio >= 0.7 },
        { name: 'worker_peak_rss_mb', value: workerPeak, target: 400, op: '<=', met: workerPeak <= 400 },
        { name: 'api_peak_rss_mb', value: apiPeak, target: 200, op: '<=', met: apiPeak <= 200 },
        { name: 'counts_match_generator', value: countsMatch, target: 1, op: '>=', met: countsMatch >= 1 },
      ];
      const figures = {
        rows: ROWS,
        import_seconds: Number(importSeconds.toFixed(2)),
        import_rows_per_s: Math.round(importRate),
        copy_seconds: Number(copySeconds.toFixed(2)),
        copy_rows_per_s: Math.round(copyRate),
        copy_rows_per_s_by_run: copyRates,
        import_vs_copy_by_run: copyRates.map((r) => Number((importRate / r).toFixed(3))),
        expected,
        results,
        api_peak_rss_mb: apiPeak,
        worker_peak_rss_mb: workerPeak,
        import_api_cpu_us_per_row: us(cpu.api_ms),
        import_worker_cpu_us_per_row: us(cpu.worker_ms),
        import_pg_cpu_us_per_row: us(cpu.pg_ms),
        copy_pg_cpu_us_per_row: us(copyPgMs),
        import_wal: importWalSpent,
        copy_wal: copyRuns.map((r) => r.wal),
      };
      say(JSON.stringify({ bench: 'import', goals, figures }));
    } finally {
      await db.end();
    }
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:import failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
