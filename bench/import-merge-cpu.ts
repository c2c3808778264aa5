/**
 * Where a lead import's Postgres time goes: the bench:import CSV (bench/import-csv.ts) staged in this process and
 * merged batch by batch with mergeBatch, as the import runner does, on one connection whose backend's CPU time
 * (/proc/<pid>/stat, so Postgres must run on this host) is charged to each statement; then the same backend's
 * CPU for COPY of the same rows into a copy of the leads table (bench:import's `\copy` reference). CPU time, not
 * wall time, so a loaded machine changes the figures less; compare runs by their ratio to the reference.
 *   npx ts-node --swc -r tsconfig-paths/register bench/import-merge-cpu.ts [--rows 100000 --batch 20000 --split 2000]
 * Prints each statement's backend CPU per row (µs), the merge's total, the staging's Node CPU per row, the
 * reference's, and the import's counts against the generator's. With --split N, a batch of N rows or more has
 * half of them worked on a second connection (import-batch.ts BatchSplit, as the runner does by default), whose
 * backend's CPU is printed too, statement by statement, and the split batches' timelines (bench/split-timeline.ts:
 * when each half's phases end, and how much of the time both backends had a statement in flight). Also the WAL each side wrote per row (the server's, so other
 * databases' writes meanwhile count too), each side starting on a fresh CHECKPOINT (bench/wal-state.ts). Makes and
 * drops its own database.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mapColumns } from '../libs/domain/src/imports/header-mapping';
import {
  BatchOutcome,
  BatchSplit,
  mergeBatch,
  NO_OUTCOMES,
  RowOutcome,
} from '../libs/domain/src/imports/import-batch';
import { DataRow, dataRows } from '../libs/domain/src/imports/import-source';
import { importLeadIdPrefix } from '../libs/domain/src/imports/import-lead-ids';
import { stageBatch } from '../libs/domain/src/imports/stage-batch';
import { DEFAULT_COUNTRY, generateImportCsv, IMPORT_HEADER, REF_COLUMNS } from './import-csv';
import { benchRun, createBenchDatabase, numberArg, removeBenchData } from './support';
import { Span, splitTimeline } from './split-timeline';
import { settleWal, walSince } from './wal-state';

const ROWS = numberArg('rows', 100_000);
const BATCH = numberArg('batch', 20_000);
const SPLIT = numberArg('split', 0);
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString());
const say = (line: string) => process.stdout.write(`${line}\n`);
const perRow = (ms: number) => ((ms / ROWS) * 1000).toFixed(1).padStart(6);

/** User + system CPU of a process so far, in ms (fields 14 and 15 of /proc/<pid>/stat). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Charges the backend's CPU between one query and the next to the first (a COPY's stream included). */
function meterQueries(
  client: PoolClient,
  pid: number,
  spans: Span[] = [],
): { byStatement: Map<string, number>; settle(): void } {
  const byStatement = new Map<string, number>();
  let current = '';
  let mark = cpuMs(pid);
  const settle = (next = '') => {
    const now = cpuMs(pid);
    if (current) byStatement.set(current, (byStatement.get(current) ?? 0) + now - mark);
    [current, mark] = [next, now];
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  Object.assign(client, {
    query: (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : 'COPY import_batch';
      // A split batch's statements name the row its half ends at: one label for all.
      const flat = text
        .replace(/\s+/g, ' ')
        .replace(/row < \d+/g, 'row < N')
        .trim();
      // Both ends: statements that start alike (two inserts of identities) end differently.
      const label = flat.length > 100 ? `${flat.slice(0, 60)} … ${flat.slice(-36)}` : flat;
      settle(label);
      const from = performance.now();
      const done = () => spans.push({ label, from, to: performance.now() });
      const result = query(...args) as Promise<unknown> | NodeJS.WritableStream;
      if (result instanceof Promise) result.then(done, done);
      else result.on('finish', done);
      return result;
    },
  });
  return { byStatement, settle: () => settle() };
}

async function main(): Promise<void> {
  const bench = benchRun();
  const dir = await mkdtemp(join(tmpdir(), 'import-merge-cpu-'));
  await createBenchDatabase(bench);
  const pool = new Pool({ connectionString: bench.databaseUrl, max: 3 });
  try {
    const [{ id: tenantId }] = (
      await pool.query<{ id: string }>(
        `INSERT INTO tenants (name, slug) VALUES ('bench', 'bench') RETURNING id`,
      )
    ).rows;
    const generated = await generateImportCsv({ rows: ROWS, dir, tenantId });
    await pool.query(
      `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason)
       SELECT $1, phone, 'all', 'manual' FROM unnest($2::text[]) AS phone`,
      [tenantId, generated.dncPhones],
    );
    const [{ id: importId }] = (
      await pool.query<{ id: string }>(
        `INSERT INTO lead_imports (tenant_id, status, columns, options, encoding, delimiter, started_at)
         VALUES ($1, 'running', '[]', '{"on_duplicate":"skip"}', 'utf-8', ',', now()) RETURNING id`,
        [tenantId],
      )
    ).rows;
    const context = {
      columns: mapColumns([...IMPORT_HEADER]).columns,
      countries: [DEFAULT_COUNTRY, null],
      tags: [],
      idPrefix: importLeadIdPrefix(importId, new Date()),
    };

    const client = await pool.connect();
    const second = await pool.connect();
    try {
      const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      const [{ pid: secondPid }] = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
        .rows;
      const split: BatchSplit = {
        transaction: async (work) => {
          await second.query('BEGIN');
          await work(second);
          await second.query('COMMIT');
          secondMeter.settle();
        },
      };
      const secondFrom = cpuMs(secondPid);
      const ownSpans: Span[] = [];
      const secondSpans: Span[] = [];
      const meter = meterQueries(client, pid, ownSpans);
      const secondMeter = meterQueries(second, secondPid, secondSpans);
      const counts = { ...NO_OUTCOMES };
      let stageMs = 0;
      const merge = async (rows: DataRow[]) => {
        const before = process.cpuUsage();
        const lines = stageBatch(rows, context);
        const staged = process.cpuUsage(before);
        stageMs += (staged.user + staged.system) / 1000;
        await client.query('BEGIN');
        const outcome: BatchOutcome = await mergeBatch(
          client,
          { tenantId, importId, onDuplicate: 'skip', now: new Date() },
          lines,
          SPLIT && rows.length >= SPLIT ? split : undefined,
        );
        await client.query('COMMIT');
        meter.settle();
        for (const key of Object.keys(counts) as RowOutcome[]) counts[key] += outcome.counts[key];
      };
      const mergeWal = await settleWal(pool, say);
      let batch: DataRow[] = [];
      for await (const row of dataRows(createReadStream(generated.csvPath), 'utf-8', ',')) {
        batch.push(row);
        if (batch.length < BATCH) continue;
        await merge(batch);
        batch = [];
      }
      if (batch.length) await merge(batch);
      const statements = [...meter.byStatement].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
      const secondMs = cpuMs(secondPid) - secondFrom;

      const mergeWalSpent = await walSince(pool, mergeWal);
      await pool.query('CREATE TABLE leads_ref (LIKE leads INCLUDING ALL)');
      const refWal = await settleWal(pool, say);
      const refFrom = cpuMs(pid);
      await pipeline(
        createReadStream(generated.refPath),
        client.query(
          copyFrom(`COPY leads_ref (${REF_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`),
        ),
      );
      const refMs = cpuMs(pid) - refFrom;
      const refWalSpent = await walSince(pool, refWal);
      const mergeMs = statements.reduce((sum, [, ms]) => sum + ms, 0);
      say(`backend CPU per row (µs), ${ROWS.toLocaleString()} rows in batches of ${BATCH.toLocaleString()}:`);
      for (const [text, ms] of statements) say(`${perRow(ms)}  ${text}`);
      say(`${perRow(mergeMs)}  merge, all statements`);
      if (SPLIT) {
        say('second connection:');
        for (const [text, ms] of [...secondMeter.byStatement].sort((a, b) => b[1] - a[1]))
          if (ms > 0) say(`${perRow(ms)}  ${text}`);
        say(`${perRow(secondMs)}  second connection (BatchSplit)`);
        say(`${perRow(mergeMs + secondMs)}  both backends`);
        for (const line of splitTimeline(ownSpans, secondSpans)) say(line);
      }
      say(`${perRow(refMs)}  COPY into leads_ref (the reference)`);
      say(`${perRow(stageMs)}  staging in Node (stageBatch)`);
      say(`merge / reference: ${(mergeMs / refMs).toFixed(2)} (the batch's backend)`);
      const walPerRow = (mb: number) => Math.round((mb * 1024 * 1024) / ROWS);
      say(
        `WAL per row (bytes): merge ${walPerRow(mergeWalSpent.wal_mb)} (${mergeWalSpent.checkpoints} checkpoint(s)), ` +
          `reference ${walPerRow(refWalSpent.wal_mb)} (${refWalSpent.checkpoints})`,
      );
      say(`counts ${JSON.stringify(counts)}; generator ${JSON.stringify(generated.expected)}`);
    } finally {
      client.release();
      second.release();
    }
  } finally {
    await pool.end();
    await removeBenchData(bench, say);
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`import-merge-cpu failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
