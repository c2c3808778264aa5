/**
 * bench:api-boot — what the API process holds, A/B: for each of two built trees, in alternating rounds, start the
 * API (production flags), read after boot the modules it has loaded (require.cache) and its heap used and RSS,
 * then send it a fixed number of GET /api/leads/:id at a constant rate and read heap and RSS again, with the CPU
 * each answer cost. The heap figures are taken after a full GC (--expose-gc), so they are what stays, not when
 * the collector last ran. The heaviest packages by modules loaded are listed once per side.
 *   npm run bench:api-boot -- --a /tmp/base-dist --b dist [--requests 20000 --rate 1000 --rounds 4]
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { constantRate } from './constant-rate';
import {
  abSides,
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  cpuMs,
  createBenchDatabase,
  numberArg,
  readProbe,
  registerBenchTenant,
  startProbedApi,
} from './support';

const REQUESTS = numberArg('requests', 20000);
const RATE = numberArg('rate', 1000);
const ROUNDS = numberArg('rounds', 4);
const SIDES = abSides();
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Preloaded into the API: on SIGWINCH, a full GC, then its loaded modules and memory into PROBE_OUT. */
const PROBE = `
const fs = require('node:fs');
process.on('SIGWINCH', () => {
  const files = Object.keys(require.cache);
  const packages = {};
  for (const file of files) {
    const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1] ?? '(app)';
    packages[name] = (packages[name] ?? 0) + 1;
  }
  global.gc();
  const memory = process.memoryUsage();
  fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify({ modules: files.length, heap: memory.heapUsed, rss: memory.rss, packages }));
});
`;

interface Reading {
  modules: number;
  heap: number;
  rss: number;
  packages: Record<string, number>;
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

async function main(): Promise<void> {
  const run = benchRun();
  const { children, cleanup } = benchCleanup(run, say);
  const probe = join(tmpdir(), `api-boot-${run.runId}.cjs`);
  writeFileSync(probe, PROBE);
  /** The probe and its readings, removed at the end. */
  const written = new Set([probe]);
  const env = benchPlatformEnv(run);
  const start = async (dist: string, flags: string[], out: string) => {
    written.add(out);
    return startProbedApi({ dist, probe, out, env, children, flags });
  };
  const stop = async (api: ChildProcess) => {
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  };
  try {
    await createBenchDatabase(run);
    const first = await start(SIDES[0].dist, SIDES[0].flags, join(tmpdir(), `api-boot-${run.runId}.json`));
    const { token, tenantId } = await registerBenchTenant(first.url, run);
    await stop(first.api);
    const db = new Client({ connectionString: run.databaseUrl });
    await db.connect();
    await db.query(
      `INSERT INTO leads (id, tenant_id, first_name, last_name, email, phone, phone_normalized, country, timezones, source, status)
       SELECT gen_random_uuid(), $1, 'First' || g, 'Last' || g, 'lead' || g || '@example.com', '+1 415 ' || lpad(g::text, 7, '0'),
              '+1415' || lpad(g::text, 7, '0'), 'US', '{America/Los_Angeles}', 'bench', 'new'
       FROM generate_series(1, 2000) g`,
      [tenantId],
    );
    const ids = (
      await db.query<{ id: string }>('SELECT id FROM leads WHERE tenant_id = $1', [tenantId])
    ).rows.map((r) => r.id);
    await db.end();

    const lines = new Map<string, string[]>();
    const shown = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...SIDES].reverse() : SIDES;
      for (const side of order) {
        const out = join(tmpdir(), `api-boot-${run.runId}-${side.name}.json`);
        const { api, url } = await start(side.dist, side.flags, out);
        const boot = await readProbe<Reading>(api, out, 100);
        const cpu0 = cpuMs(api.pid) ?? 0;
        const load = await constantRate({
          url,
          rate: RATE,
          seconds: REQUESTS / RATE,
          connections: 32,
          request: (i) => ({
            path: `/api/leads/${ids[i % ids.length]}`,
            headers: { authorization: `Bearer ${token}` },
          }),
        });
        const cpu = ((cpuMs(api.pid) ?? 0) - cpu0) / Math.max(load.ok, 1);
        const after = await readProbe<Reading>(api, out, 100);
        await stop(api);
        const line =
          `${side.name} (${side.dist}): ${boot.modules} modules; after boot heap ${mb(boot.heap)} MB rss ${mb(boot.rss)} MB; ` +
          `after ${load.ok} by_id (${load.non2xx} non-2xx, ${load.errors} errors) heap ${mb(after.heap)} MB rss ${mb(after.rss)} MB, ` +
          `${cpu.toFixed(3)} ms CPU/req`;
        say(`round ${round} ${line}`);
        lines.set(side.name, [...(lines.get(side.name) ?? []), line]);
        if (!shown.has(side.name)) {
          shown.add(side.name);
          const heaviest = Object.entries(boot.packages)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 25);
          say(`  ${side.name} modules by package: ${heaviest.map(([name, n]) => `${name} ${n}`).join(', ')}`);
        }
      }
    }
  } finally {
    await cleanup();
    for (const file of written) rmSync(file, { force: true });
  }
}

main().catch((err: unknown) => {
  say(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
