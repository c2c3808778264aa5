/**
 * bench:api — GET /api/leads/:id and GET /api/leads?limit=50 on a tenant with 1,000,000 leads, against a bare
 * Nest + Fastify route running the same SQL through `pg` (bench/bare-app.ts), in the same run:
 *   1. the maximum rate of each (autocannon, 32 connections);
 *   2. p99 latency of each at a fixed rate of half the bare route's maximum.
 * Goals (issue 3): max rate >= 0.8 of the bare route's; p99 at the fixed rate <= 1.5x the bare route's.
 * Both sides run as production runs: the API built by `npm run build` and started with plain node (heap cap of
 * the start scripts, NODE_ENV=production), the bare app compiled with swc and started with plain node.
 * Makes its own database and Redis prefix, and removes both at the end.
 *   npm run bench:api [-- --leads 1000000 --seconds 10]
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  API_ENTRY,
  benchCleanup,
  benchRun,
  buildPlatform,
  compileBenchApp,
  createBenchDatabase,
  registerBenchTenant,
  startBuilt,
  waitHealthy,
} from './support';
import { freePort } from '../libs/testing/src/processes';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEADS = arg('leads', 1_000_000);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = 32;
const say = (line: string) => process.stdout.write(`${line}\n`);
interface Load {
  rps: number;
  p99: number;
  p50: number;
  errors: number;
  non2xx: number;
}

async function load(
  url: string,
  paths: string[],
  headers: Record<string, string>,
  rate?: number,
): Promise<Load> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const run = benchRun();
  const { databaseUrl, redisPrefix } = run;
  const { children, cleanup } = benchCleanup(run, say);
  try {
    say('building (npm run build, bare app)...');
    buildPlatform();
    const bareEntry = compileBenchApp('bare-app');
    await createBenchDatabase(run);

    const apiPort = await freePort();
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      REDIS_KEY_PREFIX: redisPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      PORT: String(apiPort),
      WORKER_HEALTH_PORT: String(await freePort()),
      RATE_LIMIT_API_POINTS: '1000000000',
      RATE_LIMIT_AUTH_POINTS: '1000000000',
    };
    const api = startBuilt(API_ENTRY, env);
    children.push(api);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitHealthy(`${apiUrl}/api/health`, api);

    const { token, tenantId } = await registerBenchTenant(apiUrl, run);

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const seedStarted = performance.now();
    const chunk = 100_000;
    for (let from = 1; from <= LEADS; from += chunk) {
      const to = Math.min(LEADS, from + chunk - 1);
      await db.query(
        `INSERT INTO leads (id, tenant_id, first_name, last_name, email, phone, phone_normalized, country, timezones, company, source, tags, status, score, created_at)
         SELECT gen_random_uuid(), $1, 'First' || g, 'Last' || g, 'lead' || g || '@example.com', '+1 415 ' || lpad((g % 10000000)::text, 7, '0'),
                '+1415' || lpad((g % 10000000)::text, 7, '0'), 'US', '{America/Los_Angeles}', 'Company ' || (g % 5000), 'bench',
                ARRAY['t' || (g % 20)], (ARRAY['new','contacted','qualified','converted','lost'])[1 + g % 5], g % 101,
                now() - (g || ' seconds')::interval
         FROM generate_series($2::int, $3::int) g`,
        [tenantId, from, to],
      );
      say(`seeded ${to.toLocaleString()} leads (${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`);
    }
    // As autovacuum would have by now: hint bits and the visibility map set, so count(*) can read the index.
    await db.query('VACUUM ANALYZE leads');
    const ids: string[] = (
      await db.query('SELECT id FROM leads WHERE tenant_id = $1 ORDER BY random() LIMIT 2000', [tenantId])
    ).rows.map((r: { id: string }) => r.id);
    await db.end();

    const barePort = await freePort();
    const bare = startBuilt(bareEntry, { DATABASE_URL: databaseUrl, PORT: String(barePort) });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitHealthy(`${bareUrl}/bare/leads?tenant=${tenantId}`, bare);

    const auth = { authorization: `Bearer ${token}` };
    const routes = {
      by_id: {
        ours: { url: apiUrl, paths: ids.map((id) => `/api/leads/${id}`), headers: auth },
        bare: { url: bareUrl, paths: ids.map((id) => `/bare/leads/${id}?tenant=${tenantId}`), headers: {} },
      },
      page: {
        ours: { url: apiUrl, paths: ['/api/leads?limit=50'], headers: auth },
        bare: { url: bareUrl, paths: [`/bare/leads?tenant=${tenantId}`], headers: {} },
      },
    };

    const figures: Record<string, unknown> = {
      leads: LEADS,
      seconds_per_run: SECONDS,
      connections: CONNECTIONS,
    };
    const goals: { name: string; value: number; target: number; op: '>=' | '<='; met: boolean }[] = [];
    for (const [name, route] of Object.entries(routes)) {
      for (const side of ['bare', 'ours'] as const) {
        const r = route[side];
        await load(r.url, r.paths, r.headers).catch(() => undefined); // warm-up, not counted
      }
      const bareMax = await load(route.bare.url, route.bare.paths, route.bare.headers);
      say(
        `${name} bare max: ${bareMax.rps} req/s (p99 ${bareMax.p99} ms, errors ${bareMax.errors}, non-2xx ${bareMax.non2xx})`,
      );
      const oursMax = await load(route.ours.url, route.ours.paths, route.ours.headers);
      say(
        `${name} ours max: ${oursMax.rps} req/s (p99 ${oursMax.p99} ms, errors ${oursMax.errors}, non-2xx ${oursMax.non2xx})`,
      );
      const rate = Math.max(1, Math.floor(bareMax.rps / 2));
      const bareFixed = await load(route.bare.url, route.bare.paths, route.bare.headers, rate);
      say(`${name} bare at ${rate} req/s: p99 ${bareFixed.p99} ms, p50 ${bareFixed.p50} ms`);
      const oursFixed = await load(route.ours.url, route.ours.paths, route.ours.headers, rate);
      say(`${name} ours at ${rate} req/s: p99 ${oursFixed.p99} ms, p50 ${oursFixed.p50} ms`);
      const rateRatio = Number((oursMax.rps / Math.max(bareMax.rps, 1)).toFixed(3));
      // A side that answered nothing (or failed) has no p99 worth comparing: the goal is not met.
      const answered =
        oursFixed.rps > 0 && oursFixed.errors === 0 && oursFixed.non2xx === 0 && bareFixed.rps > 0;
      const p99Ratio = answered
        ? Number((oursFixed.p99 / Math.max(bareFixed.p99, 0.001)).toFixed(3))
        : Number.POSITIVE_INFINITY;
      figures[name] = {
        bare_max_rps: bareMax.rps,
        ours_max_rps: oursMax.rps,
        fixed_rate_rps: rate,
        bare_p99_ms: bareFixed.p99,
        ours_p99_ms: oursFixed.p99,
        ours_non2xx: oursMax.non2xx + oursFixed.non2xx,
      };
      goals.push({
        name: `${name} max rate vs bare`,
        value: rateRatio,
        target: 0.8,
        op: '>=',
        met: rateRatio >= 0.8,
      });
      goals.push({
        name: `${name} p99 at half the bare max vs bare`,
        value: Number.isFinite(p99Ratio) ? p99Ratio : 999, // 999: ours did not answer at that rate
        target: 1.5,
        op: '<=',
        met: Number.isFinite(p99Ratio) && p99Ratio <= 1.5,
      });
    }
    say(JSON.stringify({ bench: 'api', goals, figures }));
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
