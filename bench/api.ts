/**
 * bench:api — GET /api/leads/:id and GET /api/leads?limit=50 on a tenant with 1,000,000 leads, against a bare
 * Nest + Fastify route running the same SQL through `pg` (bench/bare-app.ts), in the same run:
 *   1. the maximum rate of each (autocannon, closed loop: 32 connections, 8 on the page route), as completed
 *      requests over the run's length;
 *   2. p99 latency of each at a fixed rate of half the bare route's maximum: an open-loop load whose requests are
 *      evenly spaced, latency counted from when each was due (bench/constant-rate.ts; autocannon's `-R` sends each
 *      second's requests in a burst at full concurrency, which measures the saturated server again).
 * Both share two cores with Postgres, Redis and autocannon, and one side's rate moves by a third from one minute to
 * the next, so each is measured in `--rounds` rounds that alternate the sides (bare then ours, ours then bare...):
 * each round's ratio compares runs made back to back, and the figure is the median of the rounds' ratios.
 * Every server runs with bench/server-timing.cjs preloaded, so each run also gives the server-side p50/p99 (from
 * the request's head parsed to the answer's last byte written: no queueing in the kernel or the load tool) and the
 * server's CPU per answer, printed beside the client's figures: a round where the machine descheduled a process
 * shows in the client's p99 and not in the server's, or in both.
 * A/B in one run: `--base <dir>` starts a second API from another build (e.g. dev's dist copied to .ab/base) on the
 * same database and tenant as a third side, and `--dist <dir>` runs ours from a build made beforehand instead of
 * `npm run build`; `--routes by_id` measures only that route.
 * Goals (issue 3): max rate >= 0.8 of the bare route's; p99 at the fixed rate <= 1.5x the bare route's.
 * Both sides run as production runs: the API built by `npm run build` and started with plain node (heap cap of
 * the start scripts, NODE_ENV=production), the bare app compiled with swc and started with plain node.
 * Makes its own database and Redis prefix, and removes both at the end.
 *   npm run bench:api [-- --leads 1000000 --seconds 8 --page-seconds 24 --rounds 5 --routes by_id,page]
 *                     [--dist .ab/new --base .ab/base --base-flags "--max-semi-space-size=16"]
 * `--base-flags` adds V8 flags to the base side's API after API_FLAGS (a later value of a flag wins), to A/B a flag
 * set on the same build.
 */
import autocannon from 'autocannon';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  API_ENTRY,
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  buildPlatform,
  compileBenchApp,
  createBenchDatabase,
  median,
  numberArg,
  registerBenchTenant,
  startBuilt,
  textArg,
  waitHealthy,
  waitHealthyPatiently,
} from './support';
import { freePort } from '../libs/testing/src/processes';
import { constantRate } from './constant-rate';

const LEADS = numberArg('leads', 1_000_000);
const SECONDS = numberArg('seconds', 8);
const ROUNDS = Math.max(1, numberArg('rounds', 5));
const ROUTES = textArg('routes', 'by_id,page').split(',');
const OURS_DIST = textArg('dist', '');
const BASE_DIST = textArg('base', '');
const BASE_FLAGS = textArg('base-flags', '').split(' ').filter(Boolean);
const CONNECTIONS = 32;
// Each page request counts the tenant's million leads for `total` (a few requests a second on each side), so a
// closed loop of 32 for 8 s finishes about one wave: the requests still in flight at the end would be a third of
// the count. The page route runs longer with fewer connections, which two cores keep just as busy.
const PAGE_SECONDS = numberArg('page-seconds', 3 * SECONDS);
const PAGE_CONNECTIONS = 8;
const TIMING_PROBE = ['-r', join(__dirname, 'server-timing.cjs')];
const say = (line: string) => process.stdout.write(`${line}\n`);

/** What bench/server-timing.cjs timed in the server over one load. */
interface ServerTiming {
  count: number;
  p50: number;
  p99: number;
  cpu_ms: number;
}

interface Load {
  rps: number;
  p99: number;
  p50: number;
  errors: number;
  non2xx: number;
  server: ServerTiming;
  /** The server's CPU per answer, ms. */
  cpuPerRequest: number;
}

/** What the server timed since the last call (the first call of a load starts its span). */
async function serverTiming(url: string): Promise<ServerTiming> {
  return (await (await fetch(`${url}/__server-timing`)).json()) as ServerTiming;
}

/** The maximum rate (autocannon, closed loop), or with `rate` an open-loop constant-rate load (constant-rate.ts). */
async function load(side: Side, rate?: number): Promise<Load> {
  await serverTiming(side.url);
  const client = await clientLoad(side, rate);
  const server = await serverTiming(side.url);
  return { ...client, server, cpuPerRequest: server.count ? server.cpu_ms / server.count : 0 };
}

async function clientLoad(side: Side, rate?: number): Promise<Omit<Load, 'server' | 'cpuPerRequest'>> {
  const { url, paths, headers, seconds, connections } = side;
  if (rate) {
    // The same object for the same path: the tool encodes each once.
    const requests = paths.map((path) => ({ path, headers }));
    return constantRate({
      url,
      rate,
      seconds,
      connections,
      request: (i) => requests[i % requests.length],
    });
  }
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    requests: [
      {
        setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
      },
    ],
  });
  return {
    // Completed requests over the run's length, unrounded: at a few requests per second a rounded per-second mean
    // moves the ratio by a quarter.
    rps: result.requests.total / result.duration,
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

const ratio = (a: number, b: number) => Number((a / Math.max(b, 0.001)).toFixed(3));

interface Side {
  url: string;
  paths: string[];
  headers: Record<string, string>;
  seconds: number;
  connections: number;
}

type Round = Record<string, Load>;

/** `ROUNDS` rounds of every side back to back, the order reversed every other round; each round's loads by side. */
async function rounds(
  name: string,
  what: string,
  sides: Record<string, Side>,
  rate?: number,
): Promise<Round[]> {
  const out: Round[] = [];
  const names = Object.keys(sides);
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? names : [...names].reverse();
    const got: Round = {};
    for (const side of order) got[side] = await load(sides[side], rate);
    say(
      `${name} ${what} round ${round}: ` +
        names
          .map((side) => {
            const l = got[side];
            return (
              `${side} ${l.rps.toFixed(1)} req/s p99 ${l.p99} ms p50 ${l.p50} ms ` +
              `(server p99 ${l.server.p99} p50 ${l.server.p50} ms, cpu ${l.cpuPerRequest.toFixed(3)} ms/req` +
              (side === 'bare' ? ')' : `, errors ${l.errors}, non-2xx ${l.non2xx})`)
            );
          })
          .join('; '),
    );
    out.push(got);
  }
  return out;
}

async function main(): Promise<void> {
  const run = benchRun();
  const { databaseUrl } = run;
  const { children, cleanup } = benchCleanup(run, say);
  try {
    if (!OURS_DIST) {
      say('building (npm run build)...');
      buildPlatform();
    }
    const bareEntry = compileBenchApp('bare-app');
    await createBenchDatabase(run);

    // The same environment (secrets included) for every API side: one token works on each.
    const env = benchPlatformEnv(run);
    const apis: Record<string, string> = {};
    for (const [side, dist] of [['ours', OURS_DIST || 'dist'], ...(BASE_DIST ? [['base', BASE_DIST]] : [])]) {
      const port = await freePort();
      const entry = API_ENTRY.replace(/^dist/, dist);
      const api = startBuilt(
        entry,
        { ...env, PORT: String(port), WORKER_HEALTH_PORT: String(await freePort()) },
        side === 'base' ? [...BASE_FLAGS, ...TIMING_PROBE] : TIMING_PROBE,
      );
      children.push(api);
      apis[side] = `http://127.0.0.1:${port}`;
      await waitHealthyPatiently(`${apis[side]}/api/health`, api);
    }

    const { token, tenantId } = await registerBenchTenant(apis.ours, run);

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
    const bare = startBuilt(bareEntry, { DATABASE_URL: databaseUrl, PORT: String(barePort) }, TIMING_PROBE);
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitHealthy(`${bareUrl}/bare/leads?tenant=${tenantId}`, bare);

    const auth = { authorization: `Bearer ${token}` };
    const byId = { seconds: SECONDS, connections: CONNECTIONS };
    const page = { seconds: PAGE_SECONDS, connections: PAGE_CONNECTIONS };
    const apiSides = (paths: string[], shape: typeof byId) =>
      Object.fromEntries(
        Object.entries(apis).map(([side, url]) => [side, { url, paths, headers: auth, ...shape }]),
      );
    const routes: Record<string, Record<string, Side>> = {
      by_id: {
        bare: {
          url: bareUrl,
          paths: ids.map((id) => `/bare/leads/${id}?tenant=${tenantId}`),
          headers: {},
          ...byId,
        },
        ...apiSides(
          ids.map((id) => `/api/leads/${id}`),
          byId,
        ),
      },
      page: {
        bare: { url: bareUrl, paths: [`/bare/leads?tenant=${tenantId}`], headers: {}, ...page },
        ...apiSides(['/api/leads?limit=50'], page),
      },
    };

    const figures: Record<string, unknown> = {
      leads: LEADS,
      seconds_per_run: { by_id: SECONDS, page: PAGE_SECONDS },
      rounds: ROUNDS,
      connections: { by_id: CONNECTIONS, page: PAGE_CONNECTIONS },
    };
    const goals: { name: string; value: number; target: number; op: '>=' | '<='; met: boolean }[] = [];
    for (const name of ROUTES) {
      const route = routes[name];
      if (!route) throw new Error(`no route ${name} (by_id, page)`);
      for (const side of Object.values(route)) await load(side).catch(() => undefined); // warm-up, not counted
      const maxRounds = await rounds(name, 'max', route);
      const rate = Math.max(1, Math.floor(median(maxRounds.map((r) => r.bare.rps)) / 2));
      const fixedRounds = await rounds(name, `at ${rate} req/s`, route, rate);
      const byRound = (rs: Round[], side: string, of: (l: Load) => number, vs = 'bare') =>
        rs.map((r) => ratio(of(r[side]), of(r[vs])));
      const figure: Record<string, unknown> = {
        bare_max_rps: Number(median(maxRounds.map((r) => r.bare.rps)).toFixed(1)),
        fixed_rate_rps: rate,
        bare_p99_ms: median(fixedRounds.map((r) => r.bare.p99)),
        bare_server_p99_ms: median(fixedRounds.map((r) => r.bare.server.p99)),
        bare_cpu_ms_per_request: Number(median(fixedRounds.map((r) => r.bare.cpuPerRequest)).toFixed(3)),
      };
      for (const side of Object.keys(apis)) {
        const maxRatios = byRound(maxRounds, side, (l) => l.rps);
        // A side that answered nothing (or failed) has no p99 worth comparing: the goal is not met.
        const answered = fixedRounds.every(
          (r) => r[side].rps > 0 && r[side].errors === 0 && r[side].non2xx === 0 && r.bare.rps > 0,
        );
        const p99Ratios = byRound(fixedRounds, side, (l) => l.p99);
        const serverP99Ratios = byRound(fixedRounds, side, (l) => l.server.p99);
        const rateRatio = Number(median(maxRatios).toFixed(3));
        const p99Ratio = answered ? Number(median(p99Ratios).toFixed(3)) : Number.POSITIVE_INFINITY;
        say(
          `${name} ${side}: max ${median(maxRounds.map((r) => r[side].rps)).toFixed(1)} vs bare ` +
            `${figure.bare_max_rps} req/s (median of the rounds' ratios ${rateRatio}); at ${rate} req/s, median ` +
            `of the rounds' p99 ratios ${p99Ratio} (server-side ${median(serverP99Ratios).toFixed(3)}), CPU per request ` +
            `${median(fixedRounds.map((r) => r[side].cpuPerRequest)).toFixed(3)} ms vs bare ${figure.bare_cpu_ms_per_request}`,
        );
        figure[side] = {
          max_rps: Number(median(maxRounds.map((r) => r[side].rps)).toFixed(1)),
          max_ratio_by_round: maxRatios,
          p99_ms: median(fixedRounds.map((r) => r[side].p99)),
          p99_ratio_by_round: p99Ratios,
          server_p99_ms: median(fixedRounds.map((r) => r[side].server.p99)),
          server_p99_ratio_by_round: serverP99Ratios,
          cpu_ms_per_request: Number(median(fixedRounds.map((r) => r[side].cpuPerRequest)).toFixed(3)),
          max_cpu_ms_per_request: Number(median(maxRounds.map((r) => r[side].cpuPerRequest)).toFixed(3)),
          non2xx: [...maxRounds, ...fixedRounds].reduce((n, r) => n + r[side].non2xx, 0),
        };
        if (side !== 'ours') continue;
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
      figures[name] = figure;
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
