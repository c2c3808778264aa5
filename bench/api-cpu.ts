/**
 * bench:api-cpu — what GET /api/leads/:id costs the machine, A/B: two API processes on one database and one tenant
 * (each its own built tree and V8 flags) and bench:api's bare route, driven in alternating rounds at the same
 * constant rate (bench/constant-rate.ts), so every side sees the same load on the machine. For each run it prints
 * the CPU per answer of the serving process and of the database's Postgres backends (from /proc, which other load
 * barely moves) and, as an indication only on a loaded machine, p50/p99.
 * Each process also counts (bench/api-cpu-probe.cjs) the Postgres statements and Redis commands it sends per
 * answer and its GC pauses; with PROBE_HEAP_DIR=<dir> it writes an allocation profile of each run there.
 * Build the trees first (`npm run build`, then copy dist/ for the other side).
 *   npm run bench:api-cpu -- --a dist --b dist-new [--a-flags "..."] [--b-flags "..."]
 *                            [--leads 200000 --rate 600 --seconds 8 --rounds 6]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../libs/testing/src/processes';
import { constantRate } from './constant-rate';
import {
  abSides,
  API_FLAGS,
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  compileBenchApp,
  cpuMs,
  createBenchDatabase,
  numberArg,
  registerBenchTenant,
  waitHealthy,
  waitHealthyPatiently,
} from './support';

const LEADS = numberArg('leads', 200_000);
const RATE = numberArg('rate', 600);
const SECONDS = numberArg('seconds', 8);
const ROUNDS = numberArg('rounds', 6);
const SIDES = abSides();
const ROOT = join(__dirname, '..');
const PROBE = join(__dirname, 'api-cpu-probe.cjs');
const say = (line: string) => process.stdout.write(`${line}\n`);

/** What bench/api-cpu-probe.cjs writes on SIGWINCH. */
interface Probe {
  pg_queries: number;
  redis_commands: number;
  gc: Record<string, { n: number; ms: number; max: number }>;
  loop_delay_p99_ms: number;
  loop_delay_max_ms: number;
  heap_used_mb: number;
}

function startNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--max-old-space-size=256', '-r', PROBE, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      ...(process.env.PROBE_HEAP_DIR ? { PROBE_HEAP_DIR: process.env.PROBE_HEAP_DIR } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** CPU ms used so far by each Postgres backend serving `database`, by pid. */
async function backendsCpuMs(admin: Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  return new Map(rows.map((r) => [r.pid, cpuMs(r.pid) ?? 0]));
}

/** The backends' CPU between two readings (a backend that ended in between is left out, one that began counts whole). */
function backendsDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

async function main(): Promise<void> {
  const run = benchRun();
  const { children, cleanup } = benchCleanup(run, say);
  const database = new URL(run.databaseUrl).pathname.slice(1);
  try {
    await createBenchDatabase(run);
    const env = benchPlatformEnv(run);
    const targets: { name: string; url: string; pid: number; bare: boolean; probe: string }[] = [];
    for (const side of SIDES) {
      const port = await freePort();
      const probe = join(tmpdir(), `api-cpu-${run.runId}-${side.name}.json`);
      const api = startNode([...API_FLAGS, ...side.flags, `${side.dist}/apps/api/apps/api/src/main.js`], {
        ...env,
        PORT: String(port),
        PROBE_OUT: probe,
      });
      children.push(api);
      const url = `http://127.0.0.1:${port}`;
      await waitHealthyPatiently(`${url}/api/health`, api);
      targets.push({
        name: `${side.name} (${side.dist} ${side.flags.join(' ')})`,
        url,
        pid: api.pid!,
        bare: false,
        probe,
      });
    }
    const { token, tenantId } = await registerBenchTenant(targets[0].url, run);

    const db = new Client({ connectionString: run.databaseUrl });
    await db.connect();
    await db.query(
      `INSERT INTO leads (id, tenant_id, first_name, last_name, email, phone, phone_normalized, country, timezones, company, source, tags, status, score, created_at)
       SELECT gen_random_uuid(), $1, 'First' || g, 'Last' || g, 'lead' || g || '@example.com', '+1 415 ' || lpad((g % 10000000)::text, 7, '0'),
              '+1415' || lpad((g % 10000000)::text, 7, '0'), 'US', '{America/Los_Angeles}', 'Company ' || (g % 5000), 'bench',
              ARRAY['t' || (g % 20)], (ARRAY['new','contacted','qualified','converted','lost'])[1 + g % 5], g % 101,
              now() - (g || ' seconds')::interval
       FROM generate_series(1, $2::int) g`,
      [tenantId, LEADS],
    );
    await db.query('VACUUM ANALYZE leads');
    const ids: string[] = (
      await db.query('SELECT id FROM leads WHERE tenant_id = $1 ORDER BY random() LIMIT 2000', [tenantId])
    ).rows.map((r: { id: string }) => r.id);
    await db.end();

    const barePort = await freePort();
    const probe = join(tmpdir(), `api-cpu-${run.runId}-bare.json`);
    const bare = startNode([compileBenchApp('bare-app')], {
      DATABASE_URL: run.databaseUrl,
      PORT: String(barePort),
      PROBE_OUT: probe,
    });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitHealthy(`${bareUrl}/bare/leads?tenant=${tenantId}`, bare);
    targets.push({ name: 'bare', url: bareUrl, pid: bare.pid!, bare: true, probe });

    const admin = new Client({ connectionString: run.databaseUrl });
    admin.on('error', () => undefined);
    await admin.connect();
    const auth = { authorization: `Bearer ${token}` };
    const drive = async (target: (typeof targets)[number]) => {
      const [cpu0, pg0] = [cpuMs(target.pid) ?? 0, await backendsCpuMs(admin, database)];
      process.kill(target.pid, 'SIGWINCH');
      const result = await constantRate({
        url: target.url,
        rate: RATE,
        seconds: SECONDS,
        connections: 32,
        request: (i) =>
          target.bare
            ? { path: `/bare/leads/${ids[i % ids.length]}?tenant=${tenantId}` }
            : { path: `/api/leads/${ids[i % ids.length]}`, headers: auth },
      });
      const [cpu1, pg1] = [cpuMs(target.pid) ?? 0, await backendsCpuMs(admin, database)];
      // The probe's counts since the signal before the run.
      process.kill(target.pid, 'SIGWINCH');
      await new Promise((r) => setTimeout(r, 200));
      const probe = JSON.parse(readFileSync(target.probe, 'utf8')) as Probe;
      const n = Math.max(result.ok, 1);
      return {
        node: (cpu1 - cpu0) / n,
        pg: backendsDelta(pg0, pg1) / n,
        line:
          `${((cpu1 - cpu0) / n).toFixed(3)} ms node CPU/req, ${(backendsDelta(pg0, pg1) / n).toFixed(3)} ms pg CPU/req; ` +
          `${(probe.pg_queries / n).toFixed(2)} pg statements/req, ${(probe.redis_commands / n).toFixed(2)} Redis commands/req; ` +
          `gc ${Object.entries(probe.gc)
            .map(([kind, g]) => `${kind} ${g.n}x ${g.ms.toFixed(0)} ms (max ${g.max.toFixed(1)})`)
            .join(', ')}; heap ${probe.heap_used_mb.toFixed(0)} MB; ` +
          `wall clock (loaded machine: indicative only): p50 ${result.p50} p99 ${result.p99} ms, ` +
          `event-loop delay p99 ${probe.loop_delay_p99_ms.toFixed(1)} max ${probe.loop_delay_max_ms.toFixed(1)} ms; ` +
          `ok ${result.ok} non-2xx ${result.non2xx} errors ${result.errors}`,
      };
    };
    for (const target of targets) await drive(target); // warm-up, not counted
    const figures = new Map<string, { node: number; pg: number }[]>();
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)];
      for (const target of order) {
        const r = await drive(target);
        figures.set(target.name, [...(figures.get(target.name) ?? []), r]);
        say(`round ${round} ${target.name}: ${r.line}`);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const [name, rs] of figures) {
      say(
        `${name}: mean ${mean(rs.map((r) => r.node)).toFixed(3)} ms node CPU/req, ${mean(rs.map((r) => r.pg)).toFixed(3)} ms pg CPU/req over ${rs.length} rounds at ${RATE} req/s`,
      );
    }
    await admin.end();
  } finally {
    for (const child of children) child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 3000));
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api-cpu failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
