/**
 * What an idle worker spends: the built worker (`npm run build`, as production runs it), on a fresh database with
 * one tenant and nothing to do, its own Redis prefix per round. After it is healthy and has settled (--settle, s),
 * over --seconds (at least 30) it reads:
 *   - the worker's CPU (/proc/<pid>/stat, user + system) in ms per second;
 *   - the CPU of the database's Postgres backends (sampled each second from pg_stat_activity), and the transactions
 *     the database committed (pg_stat_database, the meter's own taken out), per second;
 *   - the Redis commands carrying the round's prefix (MONITOR): those the worker sent, by command and queue, and those
 *     its scripts ran, per second.
 * With --profile <dir>, the worker runs under --cpu-prof (written to <dir>/<round>/ as it exits) with
 * bench/worker-idle-probe.cjs preloaded (it counts the statements and Redis commands the worker sends over the
 * window), and the profile's self time over the window by package and by function is printed, with those counts
 * (profiling costs CPU: read the ms/s of runs without it).
 * A/B: --a <dist> --b <dist> --rounds N runs N rounds of each, alternating (A, B, A, B...); without them, --rounds of
 * the build in --dist (default dist/, built first unless --no-build). Removes its database, Redis keys and processes.
 *   npm run bench:worker-idle-cpu [-- --seconds 30 --settle 15 --rounds 1
 *     --dist dist --no-build --a .ab/a --b .ab/b --profile /tmp/prof --env KEY=VALUE,...]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../libs/testing/src/processes';
import { monitorRedis } from '../libs/testing/src/redis-monitor';
import {
  BackendsCpu,
  benchPlatformEnv,
  benchRun,
  buildPlatform,
  cpuMs,
  createBenchDatabase,
  median,
  numberArg,
  removeBenchData,
  startBuilt,
  stopChild,
  textArg,
  waitHealthyPatiently,
} from './support';

const SECONDS = numberArg('seconds', 30);
const SETTLE_S = numberArg('settle', 15);
const ROUNDS = numberArg('rounds', 1);
const PROFILE_DIR = textArg('profile', '');
const A = textArg('a', '');
const B = textArg('b', '');
const DIST = textArg('dist', 'dist');
const EXTRA_ENV = Object.fromEntries(
  textArg('env', '')
    .split(',')
    .filter(Boolean)
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);
const PROBE = join(__dirname, 'worker-idle-probe.cjs');
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RoundResult {
  side: string;
  workerMsPerS: number;
  pgMsPerS: number;
  xactPerS: number;
  redisPerS: number;
  luaPerS: number;
}

async function xacts(db: Client, database: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1',
    [database],
  );
  return Number(rows[0].n);
}

/** CPU (user, system; ms) of each thread of a process so far, by thread name (the main thread, V8's, libuv's). */
function threadsMs(pid: number | undefined): Map<string, { user: number; sys: number }> {
  const byName = new Map<string, { user: number; sys: number }>();
  if (!pid) return byName;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const t = byName.get(name) ?? { user: 0, sys: 0 };
      t.user += Number(fields[11]) * 10;
      t.sys += Number(fields[12]) * 10;
      byName.set(name, t);
    } catch {
      // The thread ended.
    }
  }
  return byName;
}

const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);

async function round(opts: {
  side: string;
  dist: string;
  index: number;
  run: ReturnType<typeof benchRun>;
  children: ChildProcess[];
}): Promise<RoundResult> {
  const { run, side, dist, index } = opts;
  const prefix = `${run.redisPrefix}_r${index}`;
  const port = await freePort();
  const probeOut = PROFILE_DIR ? join(resolve(PROFILE_DIR), `${side}-${index}`) : '';
  if (probeOut) mkdirSync(probeOut, { recursive: true });
  const worker = startBuilt(
    join(dist, 'apps/worker/apps/worker/src/main.js'),
    benchPlatformEnv(
      { databaseUrl: run.databaseUrl, redisPrefix: prefix },
      {
        WORKER_HEALTH_PORT: String(port),
        ...(probeOut ? { PROBE_OUT: join(probeOut, 'counts') } : {}),
        ...EXTRA_ENV,
      },
    ),
    probeOut ? ['-r', PROBE, '--cpu-prof', `--cpu-prof-dir=${probeOut}`] : [],
  );
  opts.children.push(worker);
  await waitHealthyPatiently(`http://127.0.0.1:${port}/health`, worker);
  await sleep(SETTLE_S * 1000);

  const database = new URL(run.databaseUrl).pathname.slice(1);
  const meter = new Client({ connectionString: run.databaseUrl });
  await meter.connect();
  const backends = new BackendsCpu(meter, database);
  const byCommand = new Map<string, number>();
  let sent = 0;
  let lua = 0;
  const monitor = await monitorRedis('redis://127.0.0.1:6379', (args, source) => {
    if (!args.some((a) => a.startsWith(prefix))) return;
    if (source === 'lua') {
      lua++;
      return;
    }
    sent++;
    const cmd = args[0].toLowerCase();
    const key = cmd === 'evalsha' || cmd === 'eval' ? args[3] : args[1];
    // <prefix>:bull:<queue>:<role>[:<id>]: the queue and role, ids folded.
    const parts = (key ?? '').slice(prefix.length + 1).split(':');
    const where = parts[0] === 'bull' ? `${parts[1]}:${parts[2] ?? ''}` : parts.slice(0, 2).join(':');
    const label = `${cmd === 'evalsha' ? 'script' : cmd} ${where}`;
    byCommand.set(label, (byCommand.get(label) ?? 0) + 1);
  });

  if (probeOut) worker.kill('SIGWINCH');
  await backends.sample();
  const x0 = await xacts(meter, database);
  const cpu0 = cpuMs(worker.pid) ?? 0;
  const threads0 = threadsMs(worker.pid);
  const t0 = performance.now();
  const window0Us = Number(process.hrtime.bigint() / 1000n);
  const sampler = setInterval(() => void backends.sample().catch(() => undefined), 1000);
  await sleep(SECONDS * 1000);
  const cpu1 = cpuMs(worker.pid) ?? 0;
  const threads1 = threadsMs(worker.pid);
  const t1 = performance.now();
  const window1Us = Number(process.hrtime.bigint() / 1000n);
  clearInterval(sampler);
  await backends.sample();
  if (probeOut) worker.kill('SIGWINCH');
  monitor.stop();
  // The meter's own transactions: its samples and the two reads of the counter.
  const x1 = (await xacts(meter, database)) - backends.queries - 1;
  await meter.end();
  const s = (t1 - t0) / 1000;

  const result: RoundResult = {
    side,
    workerMsPerS: (cpu1 - cpu0) / s,
    pgMsPerS: backends.totalMs() / s,
    xactPerS: (x1 - x0) / s,
    redisPerS: sent / s,
    luaPerS: lua / s,
  };
  say(
    `${side} round ${index}: worker ${result.workerMsPerS.toFixed(1)} ms/s, postgres ${result.pgMsPerS.toFixed(1)} ms/s ` +
      `(${backends.backends()} backends), ${result.xactPerS.toFixed(1)} transactions/s, redis ${result.redisPerS.toFixed(1)} ` +
      `commands/s sent + ${result.luaPerS.toFixed(1)}/s run by scripts (${s.toFixed(1)} s)`,
  );
  say(
    `  worker threads (user + system ms/s): ${[...threads1]
      .map(([name, t]) => {
        const t0 = threads0.get(name) ?? { user: 0, sys: 0 };
        return [name, (t.user - t0.user) / s, (t.sys - t0.sys) / s] as const;
      })
      .filter(([, u, y]) => u + y > 0)
      .sort((a, b) => b[1] + b[2] - a[1] - a[2])
      .map(([name, u, y]) => `${name} ${u.toFixed(1)} + ${y.toFixed(1)}`)
      .join(', ')}`,
  );
  say(
    `  redis by command: ${top(byCommand, 14)
      .map(([k, n]) => `${k} ${(n / s).toFixed(2)}`)
      .join(', ')}`,
  );
  await sleep(500);
  await stopChild(worker, 20_000);
  if (probeOut) printProfile(probeOut, window0Us, window1Us);
  return result;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * The profile's self time over the window (V8's and process.hrtime's clocks are both CLOCK_MONOTONIC) by package (or
 * the app's file) and by function, in ms per second, and the statements and commands the probe counted.
 */
function printProfile(out: string, fromUs: number, toUs: number): void {
  const seconds = (toUs - fromUs) / 1e6;
  const file = readdirSync(out).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile in ${out}`);
  const profile = JSON.parse(readFileSync(join(out, file), 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (at < fromUs || at > toUs) continue;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
  }
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us / 1000);
    const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us / 1000);
  }
  const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
  say(`  profile: ${(total / seconds).toFixed(1)} ms/s sampled, not idle; self time by package (ms/s):`);
  for (const [k, ms] of top(byPackage, 20)) say(`    ${(ms / seconds).toFixed(2).padStart(7)}  ${k}`);
  say('  by function (ms/s):');
  for (const [k, ms] of top(byFunction, 25)) say(`    ${(ms / seconds).toFixed(2).padStart(7)}  ${k}`);
  const counted = JSON.parse(readFileSync(join(out, 'counts.json'), 'utf8')) as {
    statements: Record<string, number>;
    commands: Record<string, number>;
  };
  say('  statements sent (per s):');
  for (const [text, n] of Object.entries(counted.statements).slice(0, 25))
    say(`    ${(n / seconds).toFixed(2).padStart(6)}  ${text.replace(/\s+/g, ' ').slice(0, 150)}`);
  say('  redis commands sent (per s):');
  for (const [cmd, n] of Object.entries(counted.commands).slice(0, 20))
    say(`    ${(n / seconds).toFixed(2).padStart(6)}  ${cmd}`);
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName; // (garbage collector), (program), native
  if (url.startsWith('node:')) return 'node:internal';
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return mod[1];
  const app = /\/dist\/(?:apps\/worker\/)?(.*)$/.exec(url);
  return app ? `app ${app[1]}` : url;
}

async function main(): Promise<void> {
  if (SECONDS < 30) say(`note: --seconds ${SECONDS} is under the 30 s the figure asks for`);
  const sides =
    A && B
      ? [
          { name: 'A', dist: A },
          { name: 'B', dist: B },
        ]
      : [{ name: 'run', dist: DIST }];
  if (!(A && B) && !process.argv.includes('--no-build')) {
    say('building (npm run build)...');
    buildPlatform();
  }
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const run = benchRun();
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    await Promise.all(children.map((c) => stopChild(c, 20_000)));
    await removeBenchData(run, say);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      say(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  try {
    await createBenchDatabase(run);
    const db = new Client({ connectionString: run.databaseUrl });
    await db.connect();
    await db.query(`INSERT INTO tenants (name, slug) VALUES ($1, $1)`, [`idle-${run.runId}`]);
    await db.end();
    say(
      `worker idle: ${SETTLE_S} s to settle, then ${SECONDS} s measured; ${ROUNDS} round(s) of ${sides
        .map((s) => `${s.name} (${s.dist})`)
        .join(', ')}`,
    );
    const results: RoundResult[] = [];
    let index = 0;
    for (let r = 0; r < ROUNDS; r++)
      for (const side of sides)
        results.push(await round({ side: side.name, dist: side.dist, index: ++index, run, children }));
    if (results.length > 1)
      for (const side of sides) {
        const mine = results.filter((r) => r.side === side.name);
        const med = (f: (r: RoundResult) => number) => median(mine.map(f)).toFixed(1);
        say(
          `${side.name} (${side.dist}), median of ${mine.length}: worker ${med((r) => r.workerMsPerS)} ms/s ` +
            `[${mine.map((r) => r.workerMsPerS.toFixed(1)).join(', ')}], postgres ${med((r) => r.pgMsPerS)} ms/s, ` +
            `${med((r) => r.xactPerS)} transactions/s, redis ${med((r) => r.redisPerS)} commands/s sent + ` +
            `${med((r) => r.luaPerS)}/s by scripts`,
        );
      }
  } finally {
    await cleanup();
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
