/**
 * bench:campaign — the campaign engine (issue 5) on the built platform (the API and TWO workers, run as production
 * runs them), through the messaging simulator, in one run:
 *   references: raw Bull `addBulk` of 100,000 jobs in chunks of 1,000 on this Redis (jobs/s), then a no-op
 *     consumer at concurrency 10 draining them (jobs/s);
 *   (a) 100,000 imported leads, a campaign of two SMS steps: the time from the `start` request to the
 *     `campaigns.fanout` job's `finishedOn` (every first-step job queued), as jobs/s vs raw `addBulk`;
 *   (b) sends per second for 60 s (after a warm-up), counted when the simulator's callbacks have taken them to
 *     `delivered`, with every limit lifted (SIMULATOR_DELAY_MS=0, no failures, no replies), vs the no-op consumer;
 *   (c) the processes restarted with SIMULATOR_RATE_LIMIT_PER_SECOND=80 and SEND_RATE_SMS_PER_SECOND=80 (and a
 *     Redis prefix of their own, so that (b)'s backlog is not in their queues), a second campaign on the same
 *     leads: the mean send rate by the simulator's own send times, its busiest one-second window, its 429s;
 *   then no step sent twice: no two messages for one (lead, step), and the simulator's ledger agrees (every send
 *     it accepted maps to one message, no (lead, step) accepted twice, no message accepted twice).
 * Goals (issue 5): (a) >= 0.7 of raw addBulk; (b) >= 0.025 of the no-op consumer; (c) mean >= 0.95 x 80, max
 * 1-s window <= 80, provider 429s <= 0; steps sent twice <= 0.
 * Makes its own database and Redis prefixes, and removes them and its processes at the end, failure or not.
 *   npm run bench:campaign [-- --leads 100000 --seconds 60 --limited-seconds 45 --warmup 5 --ref-jobs 100000]
 *   [--only-b]: stop after (b) (no (c); the twice checks over (b)'s sends), with a smaller --leads and --ref-jobs for
 *   a quick A/B of (b)'s CPU per delivered send;
 *   [--prof <dir>]: CPU profiles of the API and both workers over each window (a, b, c) into <dir>, and what
 *   Postgres was busy with (sampled); [--limit N]: another limit than 80 in (c), to look into the pacing;
 *   [--worker-flags "<flags>"]: V8 flags for both workers (none by default, as npm run start:worker), to A/B a flag set;
 *   BENCH_LOG_DIR=<dir>: the processes' logs; [--dist <dir>]: run that built tree (a copy of dist/, inside the
 *   checkout so that it finds node_modules) instead of building, to compare two builds in alternating rounds.
 */
import Bull from 'bull';
import Redis from 'ioredis';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../libs/testing/src/processes';
import {
  API_ENTRY,
  API_FLAGS,
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  buildPlatform,
  createBenchDatabase,
  numberArg,
  registerBenchTenant,
  stopChild,
  waitHealthy,
  WORKER_ENTRY,
} from './support';

const textArg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const LEADS = numberArg('leads', 100_000);
const SECONDS = numberArg('seconds', 60);
const LIMITED_SECONDS = numberArg('limited-seconds', Math.min(45, SECONDS));
const WARMUP_SECONDS = numberArg('warmup', 5);
const REF_JOBS = numberArg('ref-jobs', 100_000);
/** (a)'s start and (b) only: no (c), the twice checks over (b)'s sends (a quick A/B of the sustained rate). */
const ONLY_B = process.argv.includes('--only-b');
/** Absolute: the processes `--require` the hook by its path, and a relative one reads as a module's name. */
const PROF_ARG = textArg('prof');
const PROF_DIR = PROF_ARG === undefined ? undefined : resolve(PROF_ARG);
const DIST = textArg('dist');
/**
 * V8 flags for both workers (--worker-flags "<flags>"), to compare flag sets on one build; none by default, as
 * npm run start:worker passes none.
 */
const WORKER_NODE_FLAGS = (textArg('worker-flags') ?? '').split(' ').filter(Boolean);
const entryOf = (entry: string) => (DIST ? entry.replace(/^dist\//, `${DIST.replace(/\/+$/, '')}/`) : entry);
/** The provider's limit and ours in (c): 80/s as the issue states it (another value only to look into it). */
const LIMIT = numberArg('limit', 80);
const REF_CHUNK = 1000;
const REF_CONCURRENCY = 10;
const REDIS_URL = 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '..');
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

// ---- processes

interface Running {
  kind: string;
  child: ChildProcess;
  tail(): string;
}

/** A built entry on plain node with the start scripts' heap cap (as production), its output kept for errors. */
function startLogged(
  kind: string,
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Running {
  const child = spawn(process.execPath, ['--max-old-space-size=256', ...nodeArgs, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => (out = (out + chunk.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (process.env.BENCH_LOG_DIR) {
    const file = createWriteStream(join(process.env.BENCH_LOG_DIR, `${kind}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  return { kind, child, tail: () => out };
}

// ---- --prof: CPU profiles of each process over each measured window, and what Postgres was busy with

/**
 * A preload (`node --require`) for the processes under --prof: SIGWINCH starts a V8 CPU profile, the next one stops
 * it and writes `<dir>/<name>.<window>.cpuprofile`, the window named by `<dir>/window` at the start; over the same
 * window it counts the SQL statements the process sent (pg's Client.query: calls and summed wait per text, BEGIN
 * and COMMIT included) into `<dir>/<name>.<window>.sql.json`, as pg_stat_statements would without its preload, and
 * the Redis commands it sent (ioredis, by command; a script by its first key) into `<name>.<window>.redis.json`.
 * Bench-only.
 */
function profileHook(dir: string): string {
  const path = join(dir, 'profile-hook.js');
  writeFileSync(
    path,
    `const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.BENCH_PROFILE_DIR;
const name = process.env.BENCH_PROFILE_NAME;
const session = new inspector.Session();
session.connect();
let windowName = null;
let statements = null;
try {
  const pg = require(require.resolve('pg', { paths: [process.cwd()] }));
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values, callback) {
    if (statements === null) return query.call(this, config, values, callback);
    // Counted by the text as sent, its whitespace folded only when written: folding it per call was a tenth of what
    // a worker allocated under --prof, so the profile showed more collector work than the process does without it.
    const text = typeof config === 'string' ? config : (config && config.text) || '?';
    const entry = statements.get(text) || { calls: 0, ms: 0 };
    statements.set(text, entry);
    entry.calls++;
    const started = performance.now();
    const done = () => (entry.ms += performance.now() - started);
    const cb = typeof values === 'function' ? values : callback;
    if (typeof cb === 'function') {
      const wrapped = function () { done(); return cb.apply(this, arguments); };
      return typeof values === 'function' ? query.call(this, config, wrapped) : query.call(this, config, values, wrapped);
    }
    const result = query.call(this, config, values, callback);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };
} catch {
  // No pg in this process: no statements counted.
}
let commands = null;
try {
  const Redis = require(require.resolve('ioredis', { paths: [process.cwd()] }));
  const send = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function (command, stream) {
    if (commands !== null && command) {
      // A script by its first key, the run's prefix and ids taken out (Bull's scripts: <queue>:wait, :active...).
      const first = String(command.args[2] === undefined ? '' : command.args[2]);
      const script = first.replace(/^[^:]*:/, '').replace(/[0-9a-f-]{8,}|\\d+/g, '*');
      const key = command.name === 'evalsha' || command.name === 'eval' ? 'script ' + script : command.name;
      commands.set(key, (commands.get(key) || 0) + 1);
    }
    return send.call(this, command, stream);
  };
} catch {
  // No ioredis in this process: no commands counted.
}
process.on('SIGWINCH', () => {
  if (windowName === null) {
    windowName = fs.readFileSync(path.join(dir, 'window'), 'utf8').trim();
    statements = new Map();
    commands = new Map();
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
    );
  } else {
    const file = path.join(dir, name + '.' + windowName + '.cpuprofile');
    const folded = new Map();
    for (const [text, e] of statements) {
      const key = text.replace(/\\s+/g, ' ');
      const sum = folded.get(key) || { calls: 0, ms: 0 };
      folded.set(key, sum);
      sum.calls += e.calls;
      sum.ms += e.ms;
    }
    const counted = [...folded.entries()].sort((a, b) => b[1].calls - a[1].calls);
    fs.writeFileSync(
      path.join(dir, name + '.' + windowName + '.sql.json'),
      JSON.stringify(counted.map(([text, e]) => ({ calls: e.calls, ms: Math.round(e.ms), text })), null, 1),
    );
    fs.writeFileSync(
      path.join(dir, name + '.' + windowName + '.redis.json'),
      JSON.stringify(Object.fromEntries([...commands.entries()].sort((a, b) => b[1] - a[1])), null, 1),
    );
    statements = null;
    commands = null;
    windowName = null;
    session.post('Profiler.stop', (err, result) => {
      if (!err) fs.writeFileSync(file, JSON.stringify(result.profile));
    });
  }
});
`,
  );
  return path;
}

/** What the backends of the run's database were doing, sampled every 100 ms: statement -> samples (100 ms each). */
class PostgresSampler {
  private readonly counts = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private busy = false;
  samples = 0;

  constructor(
    private readonly db: Client,
    private readonly database: string,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), 100);
    this.timer.unref();
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const rows: { wait: string | null; query: string }[] = (
        await this.db.query(
          `SELECT wait_event_type || ':' || wait_event AS wait, regexp_replace(query, '\\s+', ' ', 'g') AS query
             FROM pg_stat_activity
            WHERE datname = $1 AND state NOT IN ('idle') AND pid <> pg_backend_pid()`,
          [this.database],
        )
      ).rows;
      this.samples++;
      for (const r of rows) {
        const key = `${r.wait ?? 'cpu'} | ${r.query.slice(0, 160)}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
    } catch {
      // The run is ending (the client closed): no sample.
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<string[]> {
    clearInterval(this.timer);
    while (this.busy) await sleep(20);
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([key, n]) => `${(n / Math.max(1, this.samples)).toFixed(2)} busy backends  ${key}`);
  }
}

/** Starts (SIGWINCH) the CPU profiles of a window in every process, and Postgres sampling; `stop` ends both. */
async function profileWindow(
  platform: Platform,
  db: Client,
  database: string,
  name: string,
): Promise<{ stop: () => Promise<void> }> {
  if (!PROF_DIR) return { stop: () => Promise.resolve() };
  writeFileSync(join(PROF_DIR, 'window'), name);
  for (const p of platform.all) p.child.kill('SIGWINCH');
  const sampler = new PostgresSampler(db, database);
  sampler.start();
  return {
    stop: async () => {
      for (const p of platform.all) p.child.kill('SIGWINCH');
      const lines = await sampler.stop();
      writeFileSync(join(PROF_DIR, `postgres.${name}.txt`), `${lines.join('\n')}\n`);
      say(`  [prof ${name}] postgres, mean busy backends per statement:`);
      for (const line of lines.slice(0, 12)) say(`    ${line}`);
      await sleep(1500); // the profiles are written
    },
  };
}

interface Platform {
  apiUrl: string;
  api: Running;
  workers: Running[];
  all: Running[];
}

/** The API, then two workers, as production starts them; each waited for on its health route. */
/** waitHealthy, given up to four times its 30 s while the process lives: a loaded machine is slow to start one. */
async function waitStarted(url: string, child: ChildProcess, describeExit: () => string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await waitHealthy(url, child, describeExit);
    } catch (err) {
      if (attempt === 4 || child.exitCode !== null) throw err;
    }
  }
}

async function startPlatform(
  tag: string,
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<Platform> {
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const prof = (kind: string): [string[], Record<string, string>] =>
    PROF_DIR
      ? [['--require', profileHook(PROF_DIR)], { BENCH_PROFILE_DIR: PROF_DIR, BENCH_PROFILE_NAME: kind }]
      : [[], {}];
  const withPort = { ...env, PORT: String(apiPort), PUBLIC_BASE_URL: apiUrl };
  const [apiArgs, apiEnv] = prof('api');
  const api = startLogged(`api-${tag}`, entryOf(API_ENTRY), { ...withPort, ...apiEnv }, [
    ...API_FLAGS,
    ...apiArgs,
  ]);
  children.push(api.child);
  const describe = (p: Running) => () => `${p.kind} exited with ${p.child.exitCode}:\n${p.tail()}`;
  await waitStarted(`${apiUrl}/api/health`, api.child, describe(api));
  const workers: Running[] = [];
  const health: Promise<void>[] = [];
  for (const n of [1, 2]) {
    const port = await freePort();
    const kind = `worker${n}-${tag}`;
    const [workerArgs, workerEnv] = prof(`worker${n}`);
    const worker = startLogged(
      kind,
      entryOf(WORKER_ENTRY),
      { ...withPort, ...workerEnv, WORKER_HEALTH_PORT: String(port) },
      [...WORKER_NODE_FLAGS, ...workerArgs],
    );
    children.push(worker.child);
    workers.push(worker);
    health.push(waitStarted(`http://127.0.0.1:${port}/health`, worker.child, describe(worker)));
  }
  await Promise.all(health);
  return { apiUrl, api, workers, all: [api, ...workers] };
}

/** Workers first (they finish their jobs in flight, whose callbacks still need the API), then the API. */
async function stopPlatform(platform: Platform): Promise<void> {
  await Promise.all(platform.workers.map((w) => stopChild(w.child, 20_000)));
  await stopChild(platform.api.child, 20_000);
}

function assertAlive(platform: Platform): void {
  for (const p of platform.all) {
    if (p.child.exitCode !== null || p.child.signalCode !== null)
      throw new Error(`${p.kind} exited (${p.child.exitCode ?? p.child.signalCode}):\n${p.tail()}`);
  }
}

// ---- CPU accounting: /proc/<pid>/stat utime + stime (clock ticks of 10 ms), and the machine's busy share

function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

interface CpuSnapshot {
  at: number;
  procs: Record<string, number>;
  postgres: Map<number, number>;
  redis: number;
  machine: { busy: number; total: number };
  /** The run's database: transactions, rows written. */
  pg: { xacts: number; written: number };
  /** Commands the whole Redis server ran (other clients' too). */
  redisCalls: number;
  /** Rows each table of the run's database had written: inserted, updated (of them HOT), deleted. */
  tables: Map<string, TableWrites>;
}

interface TableWrites {
  ins: number;
  upd: number;
  hot: number;
  del: number;
}

async function cpuSnapshot(
  platform: Platform,
  db: Client,
  redis: Redis,
  database: string,
): Promise<CpuSnapshot> {
  const backends: { pid: number }[] = (
    await db.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])
  ).rows;
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0);
  const stats = await redis.info('commandstats');
  let redisCalls = 0;
  for (const m of stats.matchAll(/calls=(\d+)/g)) redisCalls += Number(m[1]);
  const pg = (
    await db.query(
      `SELECT (xact_commit + xact_rollback)::float8 AS xacts,
              (tup_inserted + tup_updated + tup_deleted)::float8 AS written
         FROM pg_stat_database WHERE datname = $1`,
      [database],
    )
  ).rows[0] as { xacts: number; written: number };
  const tables: (TableWrites & { name: string })[] = (
    await db.query(
      `SELECT relname AS name, n_tup_ins::float8 AS ins, n_tup_upd::float8 AS upd, n_tup_hot_upd::float8 AS hot,
              n_tup_del::float8 AS del
         FROM pg_stat_user_tables`,
    )
  ).rows;
  return {
    at: performance.now(),
    procs: Object.fromEntries(
      platform.all.map((p) => [p.kind.replace(/-.*$/, ''), cpuSecondsOf(p.child.pid)]),
    ),
    postgres: new Map(backends.map((b) => [b.pid, cpuSecondsOf(b.pid)])),
    redis: cpuSecondsOf(redisPid),
    machine: machineTicks(),
    pg,
    redisCalls,
    tables: new Map(tables.map(({ name, ...writes }) => [name, writes])),
  };
}

/**
 * The rows each table had written between two snapshots, per delivered send (`ins/upd(hot)/del`), for the tables
 * that had any: where the Postgres work of a send goes. Postgres flushes a backend's table counts at most once a
 * second, so a window's edges are a second fuzzy.
 */
function tableWritesPerSend(a: CpuSnapshot, b: CpuSnapshot, sends: number): Record<string, string> {
  const out: Record<string, string> = {};
  const per = (n: number) => round(n / Math.max(sends, 1), 2);
  for (const [name, w] of b.tables) {
    const w0 = a.tables.get(name) ?? { ins: 0, upd: 0, hot: 0, del: 0 };
    const [ins, upd, hot, del] = [w.ins - w0.ins, w.upd - w0.upd, w.hot - w0.hot, w.del - w0.del];
    if (ins + upd + del > 0) out[name] = `${per(ins)}/${per(upd)}(${per(hot)})/${per(del)}`;
  }
  return out;
}

/**
 * CPU seconds each process used between two snapshots, per wall second (1.0 = one core busy), and the rates of
 * Postgres transactions and rows written (this database) and of Redis commands (the whole server).
 */
function cpuShares(a: CpuSnapshot, b: CpuSnapshot): Record<string, number> {
  const wall = (b.at - a.at) / 1000;
  const out: Record<string, number> = {};
  for (const [kind, s] of Object.entries(b.procs)) out[kind] = round((s - (a.procs[kind] ?? 0)) / wall, 2);
  let pg = 0;
  for (const [pid, s] of b.postgres) pg += s - (a.postgres.get(pid) ?? 0);
  out.postgres_backends_of_this_db = round(pg / wall, 2);
  if (b.redis) out.redis_server_all_clients = round((b.redis - a.redis) / wall, 2);
  const busy = b.machine.busy - a.machine.busy;
  const total = b.machine.total - a.machine.total;
  out.machine_busy_share = total > 0 ? round(busy / total, 2) : 0;
  out.pg_xacts_per_s = Math.round((b.pg.xacts - a.pg.xacts) / wall);
  out.pg_rows_written_per_s = Math.round((b.pg.written - a.pg.written) / wall);
  out.redis_cmds_per_s = Math.round((b.redisCalls - a.redisCalls) / wall);
  return out;
}

// ---- leads

/** A real IANA zone where it is early afternoon now, so the 08:00-21:00 rule lets every send go for hours. */
function afternoonZone(): { zone: string; local: string } {
  const zones = [
    'Pacific/Honolulu',
    'America/Anchorage',
    'America/Los_Angeles',
    'America/Denver',
    'America/Chicago',
    'America/New_York',
    'America/Halifax',
    'America/Sao_Paulo',
    'Atlantic/South_Georgia',
    'Atlantic/Cape_Verde',
    'UTC',
    'Europe/Paris',
    'Europe/Athens',
    'Europe/Moscow',
    'Asia/Dubai',
    'Asia/Karachi',
    'Asia/Dhaka',
    'Asia/Bangkok',
    'Asia/Shanghai',
    'Asia/Tokyo',
    'Australia/Brisbane',
    'Pacific/Noumea',
    'Pacific/Tarawa',
  ];
  const now = new Date();
  const minuteIn = (zone: string) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(now);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return get('hour') * 60 + get('minute');
  };
  const best = zones
    .map((zone) => ({ zone, minute: minuteIn(zone) }))
    .sort((a, b) => Math.abs(a.minute - 14 * 60) - Math.abs(b.minute - 14 * 60))[0];
  const hh = String(Math.floor(best.minute / 60)).padStart(2, '0');
  const mm = String(best.minute % 60).padStart(2, '0');
  return { zone: best.zone, local: `${hh}:${mm}` };
}

/** `n` distinct valid US mobile-range numbers: 10 area codes x exchanges x 10,000 lines. */
function usPhones(n: number): string[] {
  const areas = ['212', '312', '415', '617', '713', '305', '404', '206', '303', '602'];
  const exchanges: string[] = [];
  for (let e = 234; exchanges.length * areas.length * 10_000 < n; e++) {
    if (e % 100 === 11 || e === 555) continue;
    exchanges.push(String(e));
  }
  for (const area of areas) {
    for (const exchange of exchanges) {
      const sample = `+1${area}${exchange}4567`;
      if (!isValidPhoneNumber(sample)) throw new Error(`the generator's number ${sample} is not valid`);
    }
  }
  const phones: string[] = [];
  for (let i = 0; i < n; i++) {
    const area = areas[i % areas.length];
    const rest = Math.floor(i / areas.length);
    const exchange = exchanges[Math.floor(rest / 10_000)];
    phones.push(`+1${area}${exchange}${String(rest % 10_000).padStart(4, '0')}`);
  }
  return phones;
}

// ---- API

interface ApiClient {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

function apiClient(apiUrl: string, token: string): ApiClient {
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 2000)}`);
      return (JSON.parse(text) as { data: T }).data;
    },
  };
}

async function importLeads(
  apiUrl: string,
  token: string,
  client: ApiClient,
  zone: string,
): Promise<{ seconds: number; inserted: number }> {
  const phones = usPhones(LEADS);
  const lines = ['First Name,Last Name,Phone Number,Country,Timezone'];
  for (let i = 0; i < LEADS; i++) lines.push(`Lead${i},Bench,${phones[i]},US,${zone}`);
  const csv = `${lines.join('\r\n')}\r\n`;
  const form = new FormData();
  form.append('default_country', 'US');
  form.append('on_duplicate', 'skip');
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'leads.csv');
  const started = performance.now();
  const res = await fetch(`${apiUrl}/api/leads/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 202)
    throw new Error(`POST /api/leads/import answered ${res.status}: ${text.slice(0, 2000)}`);
  type ImportState = {
    import_id: string;
    status: string;
    progress?: { processed?: number };
    results?: { inserted?: number };
  };
  let state = (JSON.parse(text) as { data: ImportState }).data;
  let lastSaid = 0;
  while (state.status !== 'completed') {
    if (state.status === 'failed') throw new Error(`import failed: ${JSON.stringify(state).slice(0, 2000)}`);
    if (performance.now() - started > 15 * 60_000) throw new Error('import took over 15 min');
    await sleep(500);
    state = await client.call<ImportState>('GET', `/api/leads/imports/${state.import_id}`);
    if (performance.now() - lastSaid > 5000) {
      lastSaid = performance.now();
      say(`  import ${state.status}: ${(state.progress?.processed ?? 0).toLocaleString()} rows`);
    }
  }
  const inserted = state.results?.inserted ?? 0;
  if (inserted !== LEADS)
    throw new Error(`the import inserted ${inserted} leads, not ${LEADS}: ${JSON.stringify(state)}`);
  return { seconds: (performance.now() - started) / 1000, inserted };
}

const STEPS = [
  { type: 'SMS', content: 'Hi {{first_name|there}}, this is step one from Reachline.' },
  { type: 'SMS', content: 'Hi again {{first_name|there}}, step two.' },
];

async function createCampaign(client: ApiClient, name: string): Promise<string> {
  const created = await client.call<{ id: string }>('POST', '/api/campaigns', {
    name,
    target_filter: 'ALL',
    steps: STEPS,
  });
  return created.id;
}

// ---- references

/** Raw Bull on this Redis: addBulk of REF_JOBS step-like jobs in chunks of 1,000, then a no-op consumer at 10. */
async function bullReferences(prefix: string): Promise<{ addBulkRate: number; consumerRate: number }> {
  const queue = new Bull('bench-reference', REDIS_URL, { prefix: `${prefix}:benchref` });
  try {
    await queue.isReady();
    // The engine's own options for campaigns.step jobs (libs/queues DEFAULT_JOB_OPTIONS + removeOnComplete).
    const opts = { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true };
    const tenant = randomUUID();
    const chunks: { name: string; data: unknown; opts: typeof opts }[][] = [];
    for (let i = 0; i < REF_JOBS; i += REF_CHUNK) {
      const chunk = [];
      for (let j = i; j < Math.min(REF_JOBS, i + REF_CHUNK); j++) {
        chunk.push({
          name: 'campaigns.step',
          data: { tenant_id: tenant, enrollment_id: randomUUID(), step: 0, attempt: 1 },
          opts,
        });
      }
      chunks.push(chunk);
    }
    const addStarted = performance.now();
    for (const chunk of chunks) await queue.addBulk(chunk);
    const addSeconds = (performance.now() - addStarted) / 1000;
    const addBulkRate = REF_JOBS / addSeconds;
    say(
      `raw addBulk: ${REF_JOBS.toLocaleString()} jobs in ${addSeconds.toFixed(2)} s = ${Math.round(addBulkRate).toLocaleString()} jobs/s`,
    );

    let done = 0;
    let finish: () => void = () => undefined;
    const drained = new Promise<void>((r) => (finish = r));
    queue.on('completed', () => {
      if (++done === REF_JOBS) finish();
    });
    const drainStarted = performance.now();
    void queue.process('*', REF_CONCURRENCY, () => Promise.resolve());
    await drained;
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const consumerRate = REF_JOBS / drainSeconds;
    say(
      `no-op consumer (concurrency ${REF_CONCURRENCY}): ${drainSeconds.toFixed(2)} s = ${Math.round(consumerRate).toLocaleString()} jobs/s`,
    );
    return { addBulkRate, consumerRate };
  } finally {
    await queue.close().catch(() => undefined);
  }
}

/**
 * Waits for the campaign's `campaigns.fanout` job to finish (Bull keeps it among the completed jobs) and for no
 * enrollment to be left `pending` (the repeating tick may claim some alongside the fan-out): both times, and how
 * many enrollments the fan-out job itself queued (its return value).
 */
async function waitForFanout(
  steps: Bull.Queue,
  db: Client,
  tenantId: string,
  campaignId: string,
): Promise<{ finishedOn: number; allClaimedAt: number; queuedByFanout: number }> {
  let fanout: Bull.Job | undefined;
  for (let i = 0; !fanout; i++) {
    if (i > 600) throw new Error('no campaigns.fanout job seen within 60 s of start');
    const jobs = await steps.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed'], 0, 2000);
    fanout = jobs.find(
      (j) =>
        j?.name === 'campaigns.fanout' && (j.data as { campaign_id?: string }).campaign_id === campaignId,
    );
    if (!fanout) await sleep(100);
  }
  const anyPending = async () =>
    (
      await db.query(
        `SELECT EXISTS (SELECT 1 FROM campaign_enrollments
                         WHERE tenant_id = $1 AND campaign_id = $2 AND status = 'pending') AS any`,
        [tenantId, campaignId],
      )
    ).rows[0].any as boolean;
  let finished: Bull.Job | undefined;
  let allClaimedAt: number | undefined;
  for (let i = 0; !finished || allClaimedAt === undefined; i++) {
    if (i > 12_000) throw new Error('the campaigns.fanout job did not finish within 10 min');
    if (allClaimedAt === undefined && !(await anyPending())) allClaimedAt = Date.now();
    if (!finished) {
      const job = await steps.getJob(fanout.id);
      if (!job) throw new Error('the campaigns.fanout job went away before it was seen finished');
      if (job.failedReason) throw new Error(`the campaigns.fanout job failed: ${job.failedReason}`);
      if (job.finishedOn) finished = job;
    }
    await sleep(50);
  }
  return {
    finishedOn: finished.finishedOn as number,
    allClaimedAt,
    queuedByFanout: Number(finished.returnvalue),
  };
}

// ---- checks

/** Every key of a pattern (SCAN), then their values (MGET), a thousand at a time. */
async function scanValues(redis: Redis, pattern: string): Promise<string[]> {
  const values: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) for (const v of await redis.mget(keys)) if (v) values.push(v);
  } while (cursor !== '0');
  return values;
}

interface LedgerSend {
  message_id: string;
  provider_message_id: string;
  to: string;
  sent_at: string;
}

async function ledgerSends(redis: Redis, prefix: string, tenantId: string): Promise<LedgerSend[]> {
  return (await scanValues(redis, `${prefix}:simulator:send:${tenantId}:*`)).map(
    (raw) => JSON.parse(raw) as LedgerSend,
  );
}

/**
 * No step sent twice, over the runs of `prefixes`: no two messages for one (lead, step), and the simulator's ledger
 * agrees (every send it accepted maps to one message, no (lead, step) accepted twice, no message accepted twice).
 */
async function twiceChecks(db: Client, redis: Redis, tenantId: string, prefixes: string[]) {
  const dbTwice = Number(
    (
      await db.query(
        `SELECT count(*)::int AS n FROM (
           SELECT lead_id, step_id FROM messages
            WHERE tenant_id = $1 AND campaign_id IS NOT NULL
            GROUP BY lead_id, step_id HAVING count(*) > 1) d`,
        [tenantId],
      )
    ).rows[0].n,
  );
  const ledger: LedgerSend[] = [];
  for (const prefix of prefixes) ledger.push(...(await ledgerSends(redis, prefix, tenantId)));
  const ledgerIds = new Set(ledger.map((s) => s.message_id));
  const rows = new Map<
    string,
    { lead_id: string; step_id: string | null; provider_message_id: string | null }
  >();
  const ids = [...ledgerIds];
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await db.query(
      'SELECT id, lead_id, step_id, provider_message_id FROM messages WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [tenantId, ids.slice(i, i + 5000)],
    );
    for (const r of found.rows) rows.set(r.id, r);
  }
  const perStep = new Map<string, number>();
  let ledgerUnknown = 0;
  let ledgerNotMarkedSent = 0;
  for (const send of ledger) {
    const row = rows.get(send.message_id);
    if (!row) {
      ledgerUnknown++;
      continue;
    }
    if (row.provider_message_id !== send.provider_message_id) ledgerNotMarkedSent++;
    const key = `${row.lead_id}:${row.step_id}`;
    perStep.set(key, (perStep.get(key) ?? 0) + 1);
  }
  const ledgerTwice = [...perStep.values()].filter((n) => n > 1).length;
  const sentByUs: { id: string }[] = (
    await db.query(
      `SELECT id FROM messages
        WHERE tenant_id = $1 AND campaign_id IS NOT NULL AND provider_message_id IS NOT NULL`,
      [tenantId],
    )
  ).rows;
  const dbSentNotInLedger = sentByUs.filter((m) => !ledgerIds.has(m.id)).length;
  let resends = 0;
  for (const prefix of prefixes) resends += Number((await redis.get(`${prefix}:simulator:resent`)) ?? 0);
  const sentTwice = dbTwice + ledgerTwice + resends;
  say(
    `no step twice: messages per (lead, step) > 1: ${dbTwice}; simulator sends per (lead, step) > 1: ${ledgerTwice}; ` +
      `messages the simulator accepted twice: ${resends}; simulator sends ${ledger.length.toLocaleString()} ` +
      `(unknown to us ${ledgerUnknown}, not marked sent ${ledgerNotMarkedSent}); sent by us but not in the ledger ${dbSentNotInLedger}`,
  );
  return {
    dbTwice,
    ledgerTwice,
    resends,
    sentTwice,
    ledger,
    ledgerUnknown,
    ledgerNotMarkedSent,
    dbSentNotInLedger,
  };
}

// ---- main

async function main(): Promise<void> {
  const run = benchRun();
  const { children, cleanup } = benchCleanup(run, say);
  if (PROF_DIR) mkdirSync(PROF_DIR, { recursive: true });
  const prefixB = run.redisPrefix;
  const prefixC = `${run.redisPrefix}_c`;
  const redis = new Redis(REDIS_URL);
  const db = new Client({ connectionString: run.databaseUrl });
  let dbConnected = false;
  let platform: Platform | undefined;
  const database = new URL(run.databaseUrl).pathname.slice(1);
  try {
    say(`machine: ${readFileSync('/proc/loadavg', 'utf8').trim()} (load 1/5/15 min), 2 cores`);
    say(
      `leads ${LEADS.toLocaleString()}, sustained window ${SECONDS} s, limited window ${LIMITED_SECONDS} s`,
    );
    say(`workers' V8 flags: ${WORKER_NODE_FLAGS.join(' ') || '(none)'}`);
    if (DIST) say(`running the build in ${DIST}`);
    else {
      say('building (npm run build)...');
      buildPlatform();
    }
    await createBenchDatabase(run);
    await db.connect();
    dbConnected = true;

    // References, before any platform process runs.
    const ref = await bullReferences(prefixB);

    const baseEnv = benchPlatformEnv(
      { databaseUrl: run.databaseUrl },
      {
        RATE_LIMIT_MESSAGES_POINTS: '1000000000',
        SIMULATOR_DELAY_MS: '0',
        SIMULATOR_FAILURE_RATE: '0',
        SIMULATOR_REPLY_RATE: '0',
      },
    );

    // ---- (a) and (b): every limit lifted
    platform = await startPlatform(
      'b',
      { ...baseEnv, REDIS_KEY_PREFIX: prefixB, SEND_RATE_SMS_PER_SECOND: '10000' },
      children,
    );
    const { token, tenantId } = await registerBenchTenant(platform.apiUrl, run);
    let client = apiClient(platform.apiUrl, token);
    const { zone, local } = afternoonZone();
    say(`leads' time zone: ${zone} (local time now ${local})`);
    const imported = await importLeads(platform.apiUrl, token, client, zone);
    say(`imported ${imported.inserted.toLocaleString()} leads in ${imported.seconds.toFixed(1)} s`);
    await db.query('VACUUM ANALYZE leads');

    const campaignB = await createCampaign(client, 'Bench sustained');
    const stepsB = new Bull('campaign-steps', REDIS_URL, { prefix: `${prefixB}:bull` });
    const profA = await profileWindow(platform, db, database, 'a');
    const cpuA0 = await cpuSnapshot(platform, db, redis, database);
    const startSent = Date.now();
    const launched = await client.call<{ queued: number }>('POST', `/api/campaigns/${campaignB}/start`);
    const startAnswered = Date.now();
    say(
      `start answered in ${((startAnswered - startSent) / 1000).toFixed(2)} s: queued ${launched.queued.toLocaleString()}`,
    );
    const { finishedOn, allClaimedAt, queuedByFanout } = await waitForFanout(stepsB, db, tenantId, campaignB);
    const cpuA = cpuShares(cpuA0, await cpuSnapshot(platform, db, redis, database));
    await profA.stop();
    await stepsB.close();
    const fanoutSeconds = (finishedOn - startSent) / 1000;
    // Enrollments whose first step is queued, per second (a step job may carry several enrollments).
    const fanoutRate = launched.queued / fanoutSeconds;
    const fanoutRatio = fanoutRate / ref.addBulkRate;
    say(
      `(a) start -> fan-out finished: ${fanoutSeconds.toFixed(2)} s (the fan-out job queued ${queuedByFanout}); ` +
        `${Math.round(fanoutRate).toLocaleString()} enrollments/s = ${fanoutRatio.toFixed(3)} of raw addBulk's jobs/s; ` +
        `every enrollment claimed ${((allClaimedAt - startSent) / 1000).toFixed(2)} s after start; ` +
        `usage ${JSON.stringify(cpuA)}`,
    );

    const countB = async (statuses: string[]) =>
      Number(
        (
          await db.query(
            'SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND campaign_id = $2 AND status = ANY($3)',
            [tenantId, campaignB, statuses],
          )
        ).rows[0].n,
      );
    const byStatus = async (campaignId: string) =>
      Object.fromEntries(
        (
          await db.query(
            `SELECT status, count(*)::int AS n FROM messages WHERE tenant_id = $1 AND campaign_id = $2
              GROUP BY status ORDER BY status`,
            [tenantId, campaignId],
          )
        ).rows.map((r: { status: string; n: number }) => [r.status, r.n]),
      );
    const queueDepths = async (prefix: string) => {
      const out: Record<string, string> = {};
      for (const name of ['campaign-steps', 'outbound-messages', 'simulator', 'inbound-events']) {
        const key = `${prefix}:bull:${name}`;
        const [wait, active, delayed] = await Promise.all([
          redis.llen(`${key}:wait`),
          redis.llen(`${key}:active`),
          redis.zcard(`${key}:delayed`),
        ]);
        out[name] = `${wait}w/${active}a/${delayed}d`;
      }
      return out;
    };
    const DELIVERED = ['delivered', 'read'];
    const total = launched.queued * STEPS.length;
    const firstDelivered = performance.now();
    while ((await countB(DELIVERED)) === 0) {
      assertAlive(platform);
      if (performance.now() - firstDelivered > 300_000)
        throw new Error('nothing delivered within 5 min of start');
      await sleep(250);
    }
    say(
      `first delivery ${((Date.now() - startSent) / 1000).toFixed(1)} s after start; warm-up ${WARMUP_SECONDS} s`,
    );
    await sleep(WARMUP_SECONDS * 1000);
    const profB = await profileWindow(platform, db, database, 'b');
    const cpuB0 = await cpuSnapshot(platform, db, redis, database);
    const stages = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS created, count(sent_at)::int AS sent FROM messages
            WHERE tenant_id = $1 AND campaign_id = $2`,
          [tenantId, campaignB],
        )
      ).rows[0] as { created: number; sent: number };
    const stages0 = await stages();
    const b0 = await countB(DELIVERED);
    const t0 = performance.now();
    let b1 = b0;
    let t1 = t0;
    let finishedEarly = false;
    while (t1 - t0 < SECONDS * 1000) {
      await sleep(Math.min(5000, SECONDS * 1000 - (t1 - t0)));
      assertAlive(platform);
      b1 = await countB(DELIVERED);
      t1 = performance.now();
      const secs = (t1 - t0) / 1000;
      say(
        `(b) ${secs.toFixed(0)} s: ${(b1 - b0).toLocaleString()} delivered in the window, ` +
          `${Math.round((b1 - b0) / secs)} /s; messages ${JSON.stringify(await byStatus(campaignB))}; ` +
          `queues ${JSON.stringify(await queueDepths(prefixB))}`,
      );
      if (b1 >= total) {
        finishedEarly = true;
        break;
      }
    }
    const cpuB1 = await cpuSnapshot(platform, db, redis, database);
    const cpuB = cpuShares(cpuB0, cpuB1);
    const stages1 = await stages();
    await profB.stop();
    const sustainedRate = (b1 - b0) / ((t1 - t0) / 1000);
    // Each stage's own rate in the window: step jobs (messages created), sends (sent_at), callbacks (delivered).
    const stageRates = {
      created_per_s: round((stages1.created - stages0.created) / ((t1 - t0) / 1000), 1),
      sent_per_s: round((stages1.sent - stages0.sent) / ((t1 - t0) / 1000), 1),
      delivered_per_s: round(sustainedRate, 1),
    };
    const ourCores =
      (cpuB.api ?? 0) + (cpuB.worker1 ?? 0) + (cpuB.worker2 ?? 0) + (cpuB.postgres_backends_of_this_db ?? 0);
    const cpuMsPerSend = sustainedRate > 0 ? round((1000 * ourCores) / sustainedRate, 1) : 0;
    say(
      `(b) stage rates ${JSON.stringify(stageRates)}; CPU of api + workers + postgres: ${ourCores.toFixed(2)} cores = ` +
        `${cpuMsPerSend} ms per delivered send; ${round(cpuB.pg_xacts_per_s / Math.max(sustainedRate, 1), 1)} ` +
        `pg transactions and ${round(cpuB.redis_cmds_per_s / Math.max(sustainedRate, 1), 1)} redis commands per delivered send`,
    );
    const tableWrites = tableWritesPerSend(cpuB0, cpuB1, b1 - b0);
    say(
      `(b) rows written per delivered send, by table (inserted/updated(HOT)/deleted): ${JSON.stringify(tableWrites)}`,
    );
    const sustainedRatio = sustainedRate / ref.consumerRate;
    say(
      `(b) sustained: ${Math.round(sustainedRate)} delivered sends/s over ${((t1 - t0) / 1000).toFixed(1)} s` +
        `${finishedEarly ? ' (every message delivered before the window ended)' : ''} = ` +
        `${sustainedRatio.toFixed(4)} of the no-op consumer; usage ${JSON.stringify(cpuB)}`,
    );

    await client.call('POST', `/api/campaigns/${campaignB}/cancel`);
    await sleep(3000);
    const statusB = await byStatus(campaignB);
    say(`campaign 1 cancelled; its messages: ${JSON.stringify(statusB)}; stopping the processes`);
    await stopPlatform(platform);
    if (ONLY_B) {
      platform = undefined;
      const twice = await twiceChecks(db, redis, tenantId, [prefixB]);
      const goals = [
        {
          name: '(b) sustained delivered sends/s vs no-op consumer at concurrency 10',
          value: round(sustainedRatio, 4),
          target: 0.025,
          op: '>=',
          met: sustainedRatio >= 0.025,
        },
        { name: 'steps sent twice', value: twice.sentTwice, target: 0, op: '<=', met: twice.sentTwice <= 0 },
      ];
      const figures = {
        leads: LEADS,
        noop_consumer_jobs_per_s: Math.round(ref.consumerRate),
        b_window_seconds: round((t1 - t0) / 1000, 1),
        b_delivered_in_window: b1 - b0,
        b_delivered_per_s: round(sustainedRate, 1),
        b_stage_rates: stageRates,
        b_cpu_ms_per_delivered_send: cpuMsPerSend,
        b_rows_written_per_delivered_send: tableWrites,
        b_finished_early: finishedEarly,
        b_messages_at_cancel: statusB,
        b_cpu_cores: cpuB,
        simulator_sends: twice.ledger.length,
      };
      say(JSON.stringify({ bench: 'campaign', only: 'b', goals, figures }));
      return;
    }

    // ---- (c): the provider's limit and ours at 80/s, fresh queues
    platform = await startPlatform(
      'c',
      {
        ...baseEnv,
        REDIS_KEY_PREFIX: prefixC,
        SEND_RATE_SMS_PER_SECOND: String(LIMIT),
        SIMULATOR_RATE_LIMIT_PER_SECOND: String(LIMIT),
      },
      children,
    );
    client = apiClient(platform.apiUrl, token);
    const campaignC = await createCampaign(client, 'Bench provider limit');
    const stepsC = new Bull('campaign-steps', REDIS_URL, { prefix: `${prefixC}:bull` });
    const startCSent = Date.now();
    const launchedC = await client.call<{ queued: number }>('POST', `/api/campaigns/${campaignC}/start`);
    const startC = performance.now();
    say(`(c) campaign 2 started: queued ${launchedC.queued.toLocaleString()}`);
    // The window opens once every first-step job is queued (the fan-out is (a)'s business, not the limit's).
    const fanoutC = await waitForFanout(stepsC, db, tenantId, campaignC).finally(() => stepsC.close());
    say(`(c) fan-out finished ${((fanoutC.finishedOn - startCSent) / 1000).toFixed(1)} s after start`);
    const sentC = async () =>
      Number(
        (
          await db.query(
            'SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND campaign_id = $2 AND sent_at IS NOT NULL',
            [tenantId, campaignC],
          )
        ).rows[0].n,
      );
    const refusedC = async () => Number((await redis.get(`${prefixC}:simulator:rate-limited`)) ?? 0);
    while ((await sentC()) === 0) {
      assertAlive(platform);
      if (performance.now() - startC > 300_000) throw new Error('(c) nothing sent within 5 min of start');
      await sleep(250);
    }
    await sleep(WARMUP_SECONDS * 1000);
    const profC = await profileWindow(platform, db, database, 'c');
    const cpuC0 = await cpuSnapshot(platform, db, redis, database);
    const c0 = Date.now();
    const s0 = await sentC();
    let c1 = c0;
    while (c1 - c0 < LIMITED_SECONDS * 1000) {
      await sleep(Math.min(5000, LIMITED_SECONDS * 1000 - (c1 - c0)));
      assertAlive(platform);
      c1 = Date.now();
      const s = await sentC();
      say(
        `(c) ${((c1 - c0) / 1000).toFixed(0)} s: ${s - s0} sent in the window (${Math.round((s - s0) / ((c1 - c0) / 1000))} /s), ` +
          `provider 429s ${await refusedC()}; messages ${JSON.stringify(await byStatus(campaignC))}; ` +
          `queues ${JSON.stringify(await queueDepths(prefixC))}`,
      );
    }
    const cpuC = cpuShares(cpuC0, await cpuSnapshot(platform, db, redis, database));
    await profC.stop();
    await client.call('POST', `/api/campaigns/${campaignC}/cancel`);
    await sleep(3000);
    const statusC = await byStatus(campaignC);
    say(`campaign 2 cancelled; its messages: ${JSON.stringify(statusC)}; stopping the processes`);
    await stopPlatform(platform);
    platform = undefined;

    // The simulator's own record of (c)'s sends, per second of its clock (the seconds its limit counts).
    const sendsC = await ledgerSends(redis, prefixC, tenantId);
    const perSecond = new Map<number, number>();
    const times = sendsC.map((s) => Date.parse(s.sent_at)).sort((a, b) => a - b);
    for (const t of times)
      perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    const firstSecond = Math.ceil(c0 / 1000);
    const lastSecond = Math.floor(c1 / 1000); // exclusive
    let inWindow = 0;
    const windowCounts: number[] = [];
    for (let s = firstSecond; s < lastSecond; s++) {
      inWindow += perSecond.get(s) ?? 0;
      windowCounts.push(perSecond.get(s) ?? 0);
    }
    const meanRate = inWindow / Math.max(1, lastSecond - firstSecond);
    const maxWindow = Math.max(0, ...perSecond.values());
    let slidingMax = 0;
    for (let i = 0, j = 0; j < times.length; j++) {
      while (times[j] - times[i] >= 1000) i++;
      slidingMax = Math.max(slidingMax, j - i + 1);
    }
    const refusals = await refusedC();
    say(
      `(c) by the simulator's send times: mean ${meanRate.toFixed(1)} sends/s over ${lastSecond - firstSecond} whole seconds, ` +
        `busiest clock second ${maxWindow}, busiest sliding 1 s ${slidingMax}, provider 429s ${refusals}; ` +
        `per second ${JSON.stringify(windowCounts)}; usage ${JSON.stringify(cpuC)}`,
    );

    // ---- no step sent twice
    const {
      dbTwice,
      ledgerTwice,
      resends,
      sentTwice,
      ledger,
      ledgerUnknown,
      ledgerNotMarkedSent,
      dbSentNotInLedger,
    } = await twiceChecks(db, redis, tenantId, [prefixB, prefixC]);

    const goals = [
      {
        name: '(a) start to first-step jobs queued, rate vs raw chunked addBulk',
        value: round(fanoutRatio, 3),
        target: 0.7,
        op: '>=',
        met: fanoutRatio >= 0.7,
      },
      {
        name: '(b) sustained delivered sends/s vs no-op consumer at concurrency 10',
        value: round(sustainedRatio, 4),
        target: 0.025,
        op: '>=',
        met: sustainedRatio >= 0.025,
      },
      {
        name: `(c) mean send rate under a ${LIMIT}/s provider limit (sends/s)`,
        value: round(meanRate, 2),
        target: 0.95 * LIMIT,
        op: '>=',
        met: meanRate >= 0.95 * LIMIT,
      },
      {
        // Any one-second window (sliding), by the simulator's send times: its clock seconds cannot exceed the
        // limit, since it refuses the excess (that is counted in the 429s).
        name: '(c) busiest 1-s window, sliding (sends)',
        value: slidingMax,
        target: LIMIT,
        op: '<=',
        met: slidingMax <= LIMIT,
      },
      { name: '(c) provider 429s', value: refusals, target: 0, op: '<=', met: refusals <= 0 },
      { name: 'steps sent twice', value: sentTwice, target: 0, op: '<=', met: sentTwice <= 0 },
    ];
    const figures = {
      leads: LEADS,
      leads_zone: zone,
      import_seconds: round(imported.seconds, 1),
      ref_jobs: REF_JOBS,
      raw_addbulk_jobs_per_s: Math.round(ref.addBulkRate),
      noop_consumer_jobs_per_s: Math.round(ref.consumerRate),
      a_start_answer_seconds: round((startAnswered - startSent) / 1000, 2),
      a_start_to_fanout_finished_seconds: round(fanoutSeconds, 2),
      a_enrolled: launched.queued,
      a_queued_by_fanout_job: queuedByFanout,
      a_enrollments_per_s: Math.round(fanoutRate),
      a_all_claimed_seconds: round((allClaimedAt - startSent) / 1000, 2),
      a_cpu_cores: cpuA,
      b_window_seconds: round((t1 - t0) / 1000, 1),
      b_delivered_in_window: b1 - b0,
      b_delivered_per_s: round(sustainedRate, 1),
      b_stage_rates: stageRates,
      b_cpu_ms_per_delivered_send: cpuMsPerSend,
      b_rows_written_per_delivered_send: tableWrites,
      b_finished_early: finishedEarly,
      b_messages_at_cancel: statusB,
      b_cpu_cores: cpuB,
      c_start_to_fanout_finished_seconds: round((fanoutC.finishedOn - startCSent) / 1000, 2),
      c_limit_per_s: LIMIT,
      c_window_seconds: lastSecond - firstSecond,
      c_mean_sends_per_s: round(meanRate, 2),
      c_max_clock_second: maxWindow,
      c_max_sliding_second: slidingMax,
      c_provider_429s: refusals,
      c_sends_total: sendsC.length,
      c_messages_at_cancel: statusC,
      c_cpu_cores: cpuC,
      twice_messages_per_lead_step: dbTwice,
      twice_simulator_sends_per_lead_step: ledgerTwice,
      simulator_resends: resends,
      simulator_sends: ledger.length,
      simulator_sends_unknown_to_us: ledgerUnknown,
      simulator_sends_not_marked_sent: ledgerNotMarkedSent,
      sent_not_in_simulator_ledger: dbSentNotInLedger,
    };
    say(JSON.stringify({ bench: 'campaign', goals, figures }));
  } finally {
    if (platform) await stopPlatform(platform);
    if (dbConnected) await db.end().catch(() => undefined);
    redis.disconnect();
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:campaign failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
