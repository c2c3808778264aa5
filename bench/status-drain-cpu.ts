/**
 * bench:status-drain-cpu — what applying a Twilio status callback costs after the webhook recorded it, A/B: the
 * worker's CPU and its Postgres backends' CPU per applied callback. Each side runs its own built tree (API and
 * worker) on its own database, migrated by that tree's migrations (so a side may carry other indexes), and its own
 * Redis prefix. In alternating rounds each side's API gets the same number of new signed `delivered` callbacks at a
 * fixed rate (open loop, bench/constant-rate.ts), so the drain sees batches of the size a steady load gives; the
 * round ends when the side's worker applied them all. CPU comes from /proc: the worker's process, and each Postgres
 * backend whose application_name is the side's worker (PGAPPNAME), sampled while the round runs; and the API's
 * process (what it spends on the webhook, and on what the worker's drains make it do: the live events it hears, the
 * drain jobs it adds). Then it checks that every callback was applied exactly once on each side, and in how many
 * batches (transactions: each marks its callbacks processed at its own now()). Build the trees first (`npm run
 * build`, copy dist/).
 * A worker spends CPU with no callback at all (its repeating jobs: the campaign and dialer ticks each second, the
 * sweeps; Bull's timers): about 25-35 ms a second here, most of a round's worker figure at 400/s. While one side runs
 * its round the other side takes none, so each round also reads the other side's worker and backends, idle, over the
 * same window; a side's `net` figure is its round's CPU less its own idle rate (from the neighbouring window) times
 * the round's length: what applying the callbacks cost. Medians are printed beside the means.
 *   npm run bench:status-drain-cpu -- --a .ab/a --b dist [--per 3000 --rate 400 --rounds 3 --connections 16]
 *                                     [--a-flags "..."] [--b-flags "..."]
 * The flags are the side's worker's: `--b-flags "--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles B's worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { freePort } from '../libs/testing/src/processes';
import { constantRate } from './constant-rate';
import {
  abSides,
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  cpuMs,
  median,
  numberArg,
  registerBenchTenant,
  waitHealthyPatiently,
  type BenchRun,
} from './support';
import { createDatabaseIfMissing } from '../libs/db/src';
import {
  seedSentMessages,
  signedDelivered,
  twilioSmsChannel,
  type SignedCallback,
} from './twilio-status-callbacks';

const PER = numberArg('per', 3000);
const RATE = numberArg('rate', 400);
const ROUNDS = numberArg('rounds', 3);
const CONNECTIONS = numberArg('connections', 16);
const ROOT = join(__dirname, '..');
const PUBLIC_BASE_URL = 'http://status-drain-cpu.bench.test';
const say = (line: string) => process.stdout.write(`${line}\n`);
const TICKS_PER_MS = 100 / 1000;

interface Side {
  name: string;
  run: BenchRun;
  db: Client;
  apiUrl: string;
  worker: ChildProcess;
  api: ChildProcess;
  appName: string;
  tenantId: string;
  signed: SignedCallback[];
  next: number;
}

/** CPU ms of a Postgres backend (utime + stime of /proc/<pid>/stat), or null once it is gone. */
function backendCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_MS;
  } catch {
    return null;
  }
}

/** Migrates a side's database with the migrations of its own built tree. */
async function migrate(dist: string, url: string): Promise<void> {
  await createDatabaseIfMissing(url);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const built = require(resolve(ROOT, dist, 'apps/worker/libs/db/src')) as {
    dataSourceOptions: (c: { database: { url: string; poolSize: number } }) => DataSourceOptions;
  };
  const ds = await new DataSource(built.dataSourceOptions({ database: { url, poolSize: 2 } })).initialize();
  await ds.runMigrations();
  await ds.destroy();
}

function startNode(entry: string, env: Record<string, string>, flags: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--max-old-space-size=256', ...flags, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: 'ignore',
  });
}

/** CPU ms per callback: the worker's process, its Postgres backends, and the API's process (which took it). */
interface Cpu {
  worker: number;
  postgres: number;
  api: number;
}

/** CPU ms a side's worker and its Postgres backends spent over a window of `wallMs`. */
interface Spent {
  worker: number;
  postgres: number;
  wallMs: number;
}

/** What one side's round measured: its CPU per callback, and the other side's idle CPU over the same window. */
interface Round {
  cpu: Cpu;
  ok: number;
  spent: Spent;
  otherIdle: Spent;
}

/** Samples the CPU of the side's worker backends until `done` settles: ms spent meanwhile, summed over backends. */
async function backendsCpu(side: Side, done: Promise<unknown>): Promise<number> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let settled = false;
  void done.finally(() => (settled = true));
  const sample = async (initial: boolean) => {
    const { rows } = await side.db.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
      [side.appName],
    );
    for (const { pid } of rows) {
      const cpu = backendCpuMs(pid);
      if (cpu === null) continue;
      // A backend that appears during the round counts from its start.
      if (!first.has(pid)) first.set(pid, initial ? cpu : 0);
      last.set(pid, cpu);
    }
  };
  await sample(true);
  while (!settled) {
    await new Promise((r) => setTimeout(r, 100));
    await sample(false);
  }
  await sample(false);
  let total = 0;
  for (const [pid, start] of first) total += (last.get(pid) ?? start) - start;
  return total;
}

async function pending(side: Side): Promise<number> {
  const { rows } = await side.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1 AND processed_at IS NULL',
    [side.tenantId],
  );
  return rows[0].n;
}

/** The side's worker and backends' CPU until `done` settles. */
async function spentWhile(side: Side, done: Promise<unknown>): Promise<Spent> {
  const start = Date.now();
  const workerBefore = cpuMs(side.worker.pid) ?? 0;
  const postgres = await backendsCpu(side, done);
  await done.catch(() => undefined);
  return { worker: (cpuMs(side.worker.pid) ?? 0) - workerBefore, postgres, wallMs: Date.now() - start };
}

/**
 * One round: PER new callbacks at RATE to the side's API, then waits until its worker applied them; meanwhile the
 * other side's worker and backends, which take no callback, are read too (their idle CPU).
 */
async function round(side: Side, other: Side): Promise<Round> {
  const apiBefore = cpuMs(side.api.pid) ?? 0;
  const work = (async () => {
    const from = side.next;
    side.next += PER;
    const result = await constantRate({
      url: side.apiUrl,
      rate: RATE,
      seconds: PER / RATE,
      connections: CONNECTIONS,
      request: (i) => ({ method: 'POST', ...side.signed[from + i] }),
    });
    if (result.ok !== PER) say(`  ${side.name}: ${PER - result.ok} callbacks not answered 2xx`);
    for (let i = 0; i < 1200 && (await pending(side)) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    return result.ok;
  })();
  const [spent, otherIdle] = await Promise.all([spentWhile(side, work), spentWhile(other, work)]);
  const ok = await work;
  return {
    cpu: {
      worker: spent.worker / ok,
      postgres: spent.postgres / ok,
      api: ((cpuMs(side.api.pid) ?? 0) - apiBefore) / ok,
    },
    ok,
    spent,
    otherIdle,
  };
}

/** A round's CPU per callback less the side's idle CPU over as long (`idle`: the side's idle window next to it). */
function netOfIdle(r: Round, idle: Spent): { worker: number; postgres: number } {
  const less = (busy: number, spentIdle: number) =>
    (busy - (spentIdle / Math.max(idle.wallMs, 1)) * r.spent.wallMs) / r.ok;
  return { worker: less(r.spent.worker, idle.worker), postgres: less(r.spent.postgres, idle.postgres) };
}

/** A round's figures, ms CPU per callback: as measured, and net of the side's idle CPU. */
const COLUMNS = ['worker', 'postgres', 'api', 'net_worker', 'net_postgres'] as const;
type Figures = Record<(typeof COLUMNS)[number], number>;

async function startSide(
  spec: { name: string; dist: string; flags: string[] },
  run: BenchRun,
  children: ChildProcess[],
): Promise<Side> {
  await migrate(spec.dist, run.databaseUrl);
  const env = benchPlatformEnv(run, { PUBLIC_BASE_URL });
  const apiPort = await freePort();
  const api = startNode(`${spec.dist}/apps/api/apps/api/src/main.js`, { ...env, PORT: String(apiPort) });
  children.push(api);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitHealthyPatiently(`${apiUrl}/api/health`, api);
  const appName = `status-drain-cpu-worker-${spec.name}`;
  const workerPort = await freePort();
  const worker = startNode(
    `${spec.dist}/apps/worker/apps/worker/src/main.js`,
    {
      ...env,
      WORKER_HEALTH_PORT: String(workerPort),
      PGAPPNAME: appName,
    },
    spec.flags,
  );
  children.push(worker);
  await waitHealthyPatiently(`http://127.0.0.1:${workerPort}/health`, worker);
  const { token, tenantId } = await registerBenchTenant(apiUrl, run);
  const { authToken, key } = await twilioSmsChannel(apiUrl, token);
  const db = new Client({ connectionString: run.databaseUrl });
  db.on('error', () => undefined);
  await db.connect();
  const sent = await seedSentMessages(db, tenantId, PER * (ROUNDS + 1));
  await db.query('ANALYZE');
  const signed = sent.map((m) => signedDelivered(authToken, key, PUBLIC_BASE_URL, m));
  return { name: spec.name, run, db, apiUrl, worker, api, appName, tenantId, signed, next: 0 };
}

/** Every callback sent was recorded once and moved its message to delivered once; none other moved. */
async function exactlyOnce(side: Side): Promise<string> {
  const { rows } = await side.db.query<{
    events: number;
    distinct_events: number;
    delivered: number;
    batches: number;
  }>(
    `SELECT (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1) AS events,
            (SELECT count(DISTINCT processed_at)::int FROM webhook_events WHERE tenant_id = $1) AS batches,
            (SELECT count(DISTINCT event_key)::int FROM webhook_events WHERE tenant_id = $1) AS distinct_events,
            (SELECT count(*)::int FROM messages WHERE tenant_id = $1 AND status = 'delivered') AS delivered`,
    [side.tenantId],
  );
  const c = rows[0];
  return `${side.name}: sent ${side.next}, events ${c.events} (${c.distinct_events} distinct), delivered ${c.delivered}, pending ${await pending(side)}, applied in ${c.batches} batches`;
}

async function main(): Promise<void> {
  const runs = abSides().map(() => benchRun());
  const cleanups = runs.map((run) => benchCleanup(run, say));
  const sides: Side[] = [];
  try {
    for (const [i, spec] of abSides().entries())
      sides.push(await startSide(spec, runs[i], cleanups[i].children));
    const [a, b] = sides;
    await round(a, b); // warm-up, not counted
    await round(b, a);
    const figures = new Map<string, Figures[]>();
    for (let r = 0; r < ROUNDS; r++) {
      const ofA = await round(a, b);
      const ofB = await round(b, a);
      for (const [side, own, idle] of [
        [a, ofA, ofB.otherIdle],
        [b, ofB, ofA.otherIdle],
      ] as const) {
        const net = netOfIdle(own, idle);
        figures.set(side.name, [
          ...(figures.get(side.name) ?? []),
          { ...own.cpu, net_worker: net.worker, net_postgres: net.postgres },
        ]);
        const rate = (ms: number) => ((ms / Math.max(idle.wallMs, 1)) * 1000).toFixed(0);
        say(
          `round ${r} ${side.name}: worker ${own.cpu.worker.toFixed(3)} + postgres ${own.cpu.postgres.toFixed(3)} ms CPU per callback (API ${own.cpu.api.toFixed(3)}); net of idle (worker ${rate(idle.worker)}, postgres ${rate(idle.postgres)} ms/s): worker ${net.worker.toFixed(3)} + postgres ${net.postgres.toFixed(3)}`,
        );
      }
    }
    for (const side of sides) say(await exactlyOnce(side));
    const stats = (reduce: (values: number[]) => number) =>
      Object.fromEntries(
        [...figures].map(([name, rounds]) => [
          name,
          Object.fromEntries(
            COLUMNS.map((column) => [column, Number(reduce(rounds.map((c) => c[column])).toFixed(3))]),
          ),
        ]),
      );
    say(
      JSON.stringify({
        per: PER,
        rate: RATE,
        rounds: ROUNDS,
        means: stats((v) => v.reduce((x, y) => x + y, 0) / v.length),
        medians: stats(median),
      }),
    );
  } finally {
    for (const side of sides) await side.db.end().catch(() => undefined);
    for (const { cleanup } of cleanups) await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:status-drain-cpu failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
