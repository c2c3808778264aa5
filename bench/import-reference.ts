/**
 * bench:import's reference: Postgres's own `\copy` of the same rows into a fresh table with the leads table's DDL
 * (`CREATE TABLE ... (LIKE leads INCLUDING ALL)`: every column, default and index, the trigram search index
 * included), timed around psql, with the CPU of the database's backends and the WAL it wrote.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Client } from 'pg';
import { REF_COLUMNS } from './import-csv';
import { BackendsCpu } from './support';
import { settleWal, walSince, type WalMark, type WalSpent } from './wal-state';

export interface CopyRun {
  seconds: number;
  /** CPU of the database's backends during the copy (the psql backend, and any other the database has). */
  pgMs: number;
  wal: WalSpent;
  /** Where the WAL stood when the copy began (for bench/wal-records.ts). */
  walStart: WalMark;
}

/**
 * One timed `\copy` of `rows` rows from `refPath` into a new table `table`, which is dropped afterwards unless
 * `keep`; fails when the table does not end with exactly `rows` rows.
 */
export async function timeCopy(options: {
  db: Client;
  databaseUrl: string;
  refPath: string;
  rows: number;
  table: string;
  keep?: boolean;
  /** How often the backends' CPU is read. */
  sampleMs: number;
  say: (line: string) => void;
}): Promise<CopyRun> {
  const { db, databaseUrl, refPath, rows, table, sampleMs, say } = options;
  await db.query(`CREATE TABLE ${table} (LIKE leads INCLUDING ALL)`);
  const walStart = await settleWal(db, say);
  const meterDb = new Client({ connectionString: databaseUrl });
  await meterDb.connect();
  try {
    const pg = new BackendsCpu(meterDb, new URL(databaseUrl).pathname.slice(1));
    await pg.sample();
    const sampler = setInterval(() => void pg.sample().catch(() => undefined), sampleMs);
    let seconds: number;
    try {
      seconds = await copyWithPsql(databaseUrl, table, refPath);
    } finally {
      clearInterval(sampler);
    }
    await pg.sample();
    const copied = Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
    if (copied !== rows) throw new Error(`\\copy loaded ${copied} rows into ${table}, not ${rows}`);
    const wal = await walSince(db, walStart);
    if (!options.keep) await db.query(`DROP TABLE ${table}`);
    return { seconds, pgMs: pg.totalMs(), wal, walStart };
  } finally {
    await meterDb.end();
  }
}

/** `psql -c "\copy <table> (...) FROM '<file>' WITH (FORMAT csv, HEADER true)"`: its wall time in seconds. */
async function copyWithPsql(databaseUrl: string, table: string, refPath: string): Promise<number> {
  const url = new URL(databaseUrl);
  const command =
    `\\copy ${table} (${REF_COLUMNS.join(', ')}) FROM '${refPath.replace(/'/g, "''")}' ` +
    'WITH (FORMAT csv, HEADER true)';
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username) || 'postgres',
    '-d',
    decodeURIComponent(url.pathname.replace(/^\//, '')),
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    command,
  ];
  const env = { ...process.env, ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
  const started = performance.now();
  const psql = spawn('psql', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  psql.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-8000)));
  const [code] = (await once(psql, 'exit')) as [number | null];
  const elapsed = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`psql \\copy exited with ${code}:\n${errors}`);
  return elapsed;
}
