/** What the benchmarks share: their own database and Redis prefix, a tenant, and removing it all afterwards. */
import { transformFileSync } from '@swc/core';
import Redis from 'ioredis';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freePort } from '../libs/testing/src/processes';
import { createDatabaseIfMissing, dataSourceOptions, dropDatabase } from '../libs/db/src';

export interface BenchRun {
  runId: string;
  databaseUrl: string;
  redisPrefix: string;
}

/** A run's names; BENCH_RUN_PREFIX (e.g. a helper's name) leads them, so whose database or keys they are is known. */
export function benchRun(): BenchRun {
  const runId = `${process.env.BENCH_RUN_PREFIX ?? ''}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return {
    runId,
    databaseUrl: `postgres://postgres@127.0.0.1:5432/reachline_bench_${runId}`,
    redisPrefix: `rlbench_${runId}`,
  };
}

/** Creates the run's database and applies every migration. */
export async function createBenchDatabase(run: BenchRun): Promise<void> {
  await createDatabaseIfMissing(run.databaseUrl);
  const migrations = await new DataSource(
    dataSourceOptions({ database: { url: run.databaseUrl, poolSize: 2 } }),
  ).initialize();
  await migrations.runMigrations();
  await migrations.destroy();
}

/** Drops the run's database and deletes its Redis keys. */
export async function removeBenchData(run: BenchRun, say: (line: string) => void): Promise<void> {
  await dropDatabase(run.databaseUrl).catch((err: unknown) =>
    say(`could not drop the bench database: ${String(err)}`),
  );
  const redis = new Redis('redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.redisPrefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

/** Registers a tenant through the API: its admin's token and the tenant's id. */
export async function registerBenchTenant(
  apiUrl: string,
  run: BenchRun,
): Promise<{ token: string; tenantId: string }> {
  const res = await fetch(`${apiUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${run.runId}@example.test`,
      password: 'bench password 123',
      first_name: 'Bench',
      last_name: 'Mark',
      tenant_name: `Bench ${run.runId}`,
    }),
  });
  if (!res.ok) throw new Error(`register answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { data: { token: string; user: { tenant_id: string } } };
  return { token: body.data.token, tenantId: body.data.user.tenant_id };
}

/** Waits (up to 30 s) for `url` to answer 2xx; fails as soon as the process behind it has exited. */
export async function waitHealthy(
  url: string,
  child: { exitCode: number | null },
  describeExit: () => string = () => `process for ${url} exited with ${child.exitCode}`,
): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(describeExit());
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

const ROOT = join(__dirname, '..');
/** waitHealthy given up to four times its 30 s: a loaded machine may take up to 2 min to start an API. */
export async function waitHealthyPatiently(url: string, child: { exitCode: number | null }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await waitHealthy(url, child);
    } catch (err) {
      if (attempt === 4 || child.exitCode !== null) throw err;
    }
  }
}

export const API_ENTRY = 'dist/apps/api/apps/api/src/main.js';
export const WORKER_ENTRY = 'dist/apps/worker/apps/worker/src/main.js';

/** Builds both apps as production does (`npm run build`). */
export function buildPlatform(): void {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** Compiles a reference app of bench/ (`bare-app` -> dist/bench/bare-app.js) with swc, to run on plain node. */
export function compileBenchApp(name: string): string {
  const { code } = transformFileSync(join(ROOT, 'bench', `${name}.ts`), {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  mkdirSync(join(ROOT, 'dist/bench'), { recursive: true });
  const entry = `dist/bench/${name}.js`;
  writeFileSync(join(ROOT, entry), code);
  return entry;
}

/**
 * The API's own V8 flags, as `npm run start:api`, the Dockerfile and docker-compose.yml pass them (api-node-flags.spec
 * checks they agree). A young generation of 8 MB semi-spaces from the start (16 MB, V8's largest for a 256 MB heap,
 * took the API over its 200 MB in a 1M-row import: 205 MB against 187 MB with 8): V8 starts it at 1 MB, grows it only once as many bytes have survived scavenges as it holds, and shrinks it back after
 * any full collection while the API is idle; so between bursts of load the API ran on 1-4 MB semi-spaces, with
 * 4-6 times the scavenges and twice the promotion to the old generation (so full collections) per request.
 * And 8 MB as the ceiling too: with a floor alone V8 still grew them to 16 MB under the polling that follows a 1M-row
 * upload, and the API's peak RSS read 187-191 MB against 172-179 MB capped (bench/api-upload-rss.ts, 3 alternating
 * pairs), with the same CPU per webhook callback (bench:webhooks-cpu, 6 rounds: 0.172 vs 0.173 ms).
 */
export const API_FLAGS = [
  '--no-allocation-site-pretenuring',
  '--min-semi-space-size=8',
  '--max-semi-space-size=8',
];

/**
 * A built entry started with plain node and the start scripts' heap cap (and flags), as production runs it;
 * `nodeArgs` go before the entry (e.g. `-r` a bench probe). `entry` may be under another build than dist/.
 */
export function startBuilt(
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ChildProcess {
  // BENCH_PROFILE_DIR=/tmp/prof: each built process writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const flags = entry.endsWith(API_ENTRY.slice('dist'.length)) ? API_FLAGS : [];
  return spawn(process.execPath, ['--max-old-space-size=256', ...flags, ...profile, ...nodeArgs, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: 'ignore',
  });
}

/**
 * What a probe preloaded into a process (startProbedApi's `probe`) writes to `out` when the process gets SIGWINCH:
 * `out` is emptied, the signal sent, and the file read every `pollMs` until it holds the reading (5 s at 50 ms).
 */
export async function readProbe<T>(child: ChildProcess, out: string, pollMs: number): Promise<T> {
  writeFileSync(out, '');
  process.kill(child.pid!, 'SIGWINCH');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, pollMs));
    const text = readFileSync(out, 'utf8');
    if (text) return JSON.parse(text) as T;
  }
  throw new Error('the API never wrote its reading');
}

/**
 * A built API (`dist`) started as startBuilt starts it, with --expose-gc and `probe` required before its main (`-r`),
 * pushed onto `children` and answered healthy; `out` is where the probe writes (PROBE_OUT).
 */
export async function startProbedApi(opts: {
  dist: string;
  probe: string;
  out: string;
  env: Record<string, string>;
  children: ChildProcess[];
  flags?: string[];
}): Promise<{ api: ChildProcess; url: string }> {
  const port = await freePort();
  const api = spawn(
    process.execPath,
    [
      '--max-old-space-size=256',
      ...API_FLAGS,
      '--expose-gc',
      '-r',
      opts.probe,
      ...(opts.flags ?? []),
      `${opts.dist}/apps/api/apps/api/src/main.js`,
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        ...opts.env,
        PORT: String(port),
        PROBE_OUT: opts.out,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  opts.children.push(api);
  const url = `http://127.0.0.1:${port}`;
  await waitHealthyPatiently(`${url}/api/health`, api);
  return { api, url };
}

/**
 * The processes a benchmark started and its data, removed at the end or on Ctrl-C (or a timeout's SIGTERM):
 * push every spawned process onto `children`, and await `cleanup()` in a finally.
 */
/**
 * What a bench gives the platform processes it starts: its database (and Redis prefix, unless the bench gives each
 * process its own), fresh secrets, quiet logs and the rate limits out of the way; `extra` adds to it or overrides it.
 */
export function benchPlatformEnv(
  run: { databaseUrl: string; redisPrefix?: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: run.databaseUrl,
    ...(run.redisPrefix ? { REDIS_KEY_PREFIX: run.redisPrefix } : {}),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_API_POINTS: '1000000000',
    RATE_LIMIT_AUTH_POINTS: '1000000000',
    ...extra,
  };
}

export function benchCleanup(
  run: BenchRun,
  say: (line: string) => void,
): { children: ChildProcess[]; cleanup: () => Promise<void> } {
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await removeBenchData(run, say);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  return { children, cleanup };
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux): the difference over a load run
 * divided by its requests is the CPU each request costs, a figure other load on the machine barely moves.
 * Null where /proc is not there.
 */
export function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces), from the 3rd: utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU time of the Postgres processes serving `database` (backends and autovacuum workers), sampled: each process's
 * CPU since the meter started (one that began later counts whole; one that ended counts up to its last sample).
 * `queries` counts the meter's own statements (a transaction each), to take out of the database's counts.
 */
export class BackendsCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private started = false;
  queries = 0;
  /** How many samples saw each number of the database's backends running a statement (state active). */
  readonly active: number[] = [];

  constructor(
    private readonly db: Client,
    private readonly database: string,
  ) {}

  async sample(): Promise<void> {
    this.queries++;
    const { rows } = await this.db.query<{ pid: number; state: string | null }>(
      'SELECT pid, state FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [this.database],
    );
    const active = rows.filter((r) => r.state === 'active').length;
    this.active[active] = (this.active[active] ?? 0) + 1;
    for (const { pid } of rows) {
      const ms = cpuMs(pid);
      if (ms === null) continue;
      if (!this.first.has(pid)) this.first.set(pid, this.started ? 0 : ms);
      this.last.set(pid, ms);
    }
    this.started = true;
  }

  totalMs(): number {
    let sum = 0;
    for (const [pid, ms] of this.last) sum += ms - (this.first.get(pid) ?? 0);
    return sum;
  }

  /** The share of the samples that saw each number of backends active, e.g. "0: 3 %, 1: 21 %, 2: 76 %". */
  activeShares(): string {
    const samples = this.active.reduce((sum, n) => sum + (n ?? 0), 0);
    // Array.from visits the counts no sample reached (holes), which map would skip.
    return Array.from(this.active, (n = 0, i) => `${i}: ${Math.round((n / samples) * 100)} %`).join(', ');
  }

  /** The processes seen so far. */
  backends(): number {
    return this.last.size;
  }
}

/** SIGTERM (a worker drains its jobs in flight), then SIGKILL if the process has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The median of `values` (the mean of the middle two when their count is even). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** USER_HZ: the unit of /proc's CPU times, 100 on every Linux build we run on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The number given as `--<name> <value>` on the bench's command line, else the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The text given as `--<name> <value>` on the bench's command line, else the fallback. */
export function textArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** The two builds an A/B bench compares: `--a`/`--b` (a dist folder) with `--a-flags`/`--b-flags` (node flags). */
export function abSides(): { name: string; dist: string; flags: string[] }[] {
  const words = (text: string) => text.split(' ').filter(Boolean);
  return ['a', 'b'].map((side) => ({
    name: side.toUpperCase(),
    dist: textArg(side, 'dist'),
    flags: words(textArg(`${side}-flags`, '')),
  }));
}
