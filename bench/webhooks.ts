/**
 * bench:webhooks — signed Twilio status callbacks (`delivered`, one per sent message) at
 * POST /webhooks/twilio/message-status, against a bare Fastify route doing one INSERT of the raw event through
 * `pg` (bench/webhooks-bare-app.ts), in the same run:
 *   1. the maximum rate of each for 20 s (autocannon, 32 connections);
 *   2. p99 of each at a fixed rate of half the bare route's maximum: an open-loop load whose requests are evenly
 *      spaced, latency counted from when each was due (bench/constant-rate.ts; autocannon's `-R` sends each
 *      second's requests in a burst at full concurrency), 20 s.
 * Each route first gets a warm-up of the same load (5 s, not counted), as a process running in production has had:
 * a fresh process spends its first seconds compiling its hot paths, the API (more code) for longer than the bare
 * route. Then it waits for the worker to apply every recorded event and checks that each callback answered 2xx was
 * applied exactly once (one webhook_events row per callback, the message moved to delivered once), and how long
 * the fixed-rate run's callbacks took from their insert to the drain that applied them (p50, p99, max).
 * Figures include each process's CPU per answered request (from /proc), which other load on the machine barely
 * moves, unlike the rates.
 * Goals (issue 4): max rate >= 0.6 of the bare route's; p99 at the fixed rate < 50 ms; nothing lost or twice.
 * Builds the apps and runs them as production does; makes its own database and Redis prefix and removes both.
 *   npm run bench:webhooks [-- --seconds 20 --warmup 5 --messages 150000 --connections 32]
 */
import autocannon from 'autocannon';
import { Client } from 'pg';
import { freePort } from '../libs/testing/src/processes';
import { constantRate } from './constant-rate';
import {
  API_ENTRY,
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  buildPlatform,
  compileBenchApp,
  cpuMs,
  createBenchDatabase,
  numberArg,
  registerBenchTenant,
  startBuilt,
  waitHealthy,
  WORKER_ENTRY,
} from './support';
import { seedSentMessages, signedDelivered, twilioSmsChannel } from './twilio-status-callbacks';

const SECONDS = numberArg('seconds', 20);
const WARMUP_SECONDS = numberArg('warmup', 5);
const MESSAGES = numberArg('messages', 400_000);
const CONNECTIONS = numberArg('connections', 32);
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Target {
  url: string;
  /** The processes whose CPU each request costs (ms per 2xx answer, from /proc). */
  metered: Record<string, number | undefined>;
  /** The i-th request's path, headers and body: each a different callback. */
  request: (i: number) => { path: string; headers: Record<string, string>; body: string };
}

interface Load {
  rps: number;
  p99: number;
  ok: number;
  errors: number;
  non2xx: number;
  issued: number;
  /** CPU ms per 2xx answer, by metered process. */
  cpu: Record<string, number | null>;
}

/**
 * One load run; `next` hands out callback numbers, so no callback is sent twice across runs. Without `rate` the
 * maximum (autocannon, closed loop) for `seconds`; with it an open-loop load at that constant rate (constant-rate.ts).
 */
async function load(target: Target, next: () => number, rate?: number, seconds = SECONDS): Promise<Load> {
  const metered = Object.entries(target.metered);
  const before = metered.map(([, pid]) => cpuMs(pid));
  const cpu = (ok: number) =>
    Object.fromEntries(
      metered.map(([name, pid], i) => {
        const [start, end] = [before[i], cpuMs(pid)];
        return [name, start === null || end === null || !ok ? null : Number(((end - start) / ok).toFixed(3))];
      }),
    );
  let issued = 0;
  const request = () => {
    issued++;
    return { method: 'POST' as const, ...target.request(next()) };
  };
  if (rate) {
    const result = await constantRate({
      url: target.url,
      rate,
      seconds: SECONDS,
      connections: CONNECTIONS,
      request,
    });
    return { ...result, issued, cpu: cpu(result.ok) };
  }
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
  });
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    issued,
    cpu: cpu(result['2xx']),
  };
}

async function main(): Promise<void> {
  const run = benchRun();
  const { children, cleanup } = benchCleanup(run, say);
  try {
    say('building (npm run build, bare app)...');
    buildPlatform();
    const bareEntry = compileBenchApp('webhooks-bare-app');
    await createBenchDatabase(run);

    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const env = benchPlatformEnv(run, { PORT: String(apiPort), PUBLIC_BASE_URL: apiUrl });
    const api = startBuilt(API_ENTRY, env);
    children.push(api);
    await waitHealthy(`${apiUrl}/api/health`, api);
    const workerPort = await freePort();
    const worker = startBuilt(WORKER_ENTRY, { ...env, WORKER_HEALTH_PORT: String(workerPort) });
    children.push(worker);
    await waitHealthy(`http://127.0.0.1:${workerPort}/health`, worker);

    const { token, tenantId } = await registerBenchTenant(apiUrl, run);
    const { authToken, key } = await twilioSmsChannel(apiUrl, token);

    // One lead, one conversation, MESSAGES sent messages waiting for their `delivered` callback.
    const db = new Client({ connectionString: run.databaseUrl });
    await db.connect();
    const seeded = performance.now();
    const sent = await seedSentMessages(db, tenantId, MESSAGES);
    say(
      `seeded ${sent.length.toLocaleString()} sent messages (${((performance.now() - seeded) / 1000).toFixed(1)} s)`,
    );

    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    // Signed up front, so the load generator does the same work for both routes.
    const signed = sent.map((m) => signedDelivered(authToken, key, apiUrl, m));
    const ours: Target = {
      url: apiUrl,
      metered: { api: api.pid, worker: worker.pid },
      request: (i) => {
        const request = signed[i];
        if (!request) throw new Error(`more than ${MESSAGES} callbacks asked for: raise --messages`);
        return request;
      },
    };
    const barePort = await freePort();
    const bare = startBuilt(bareEntry, { DATABASE_URL: run.databaseUrl, PORT: String(barePort) });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    for (let i = 0; i < 300; i++) {
      const up = await fetch(`${bareUrl}/bare/webhook`, {
        method: 'POST',
        headers: form,
        body: 'ping=1',
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const bareTarget: Target = {
      url: bareUrl,
      metered: { bare: bare.pid },
      request: (i) => ({ path: '/bare/webhook', headers: form, body: signed[i % signed.length].body }),
    };

    let oursNext = 0;
    let bareNext = 0;
    const nextOurs = () => oursNext++;
    const nextBare = () => bareNext++;
    /** Waits (up to 5 min) until the worker has applied every recorded event; answers how many are left. */
    const drained = async (): Promise<number> => {
      let pending = -1;
      for (let i = 0; i < 600; i++) {
        const r = await db.query(
          'SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1 AND processed_at IS NULL',
          [tenantId],
        );
        pending = r.rows[0].n;
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      return pending;
    };
    await load(bareTarget, nextBare, undefined, WARMUP_SECONDS);
    const bareMax = await load(bareTarget, nextBare);
    say(
      `bare max: ${bareMax.rps} req/s (p99 ${bareMax.p99} ms, errors ${bareMax.errors}, non-2xx ${bareMax.non2xx}, CPU ms/request ${JSON.stringify(bareMax.cpu)})`,
    );
    const oursWarmUp = await load(ours, nextOurs, undefined, WARMUP_SECONDS);
    await drained();
    const oursMax = await load(ours, nextOurs);
    say(
      `ours max: ${oursMax.rps} req/s (p99 ${oursMax.p99} ms, errors ${oursMax.errors}, non-2xx ${oursMax.non2xx}, CPU ms/request ${JSON.stringify(oursMax.cpu)})`,
    );
    // The worker applies what ours recorded: the fixed-rate runs start once it has, so neither shares the machine
    // with the other's backlog.
    await drained();
    const rate = Math.max(1, Math.floor(bareMax.rps / 2));
    const bareFixed = await load(bareTarget, nextBare, rate);
    say(`bare at ${rate} req/s: p99 ${bareFixed.p99} ms`);
    const dbNow = async () => (await db.query('SELECT clock_timestamp() AS t')).rows[0].t as Date;
    const fixedFrom = await dbNow();
    const oursFixed = await load(ours, nextOurs, rate);
    const fixedTo = await dbNow();
    say(
      `ours at ${rate} req/s: p99 ${oursFixed.p99} ms (errors ${oursFixed.errors}, non-2xx ${oursFixed.non2xx})`,
    );

    // Every callback our route answered 2xx must be recorded once and applied once by the worker.
    const answered = oursWarmUp.ok + oursMax.ok + oursFixed.ok;
    const issued = oursNext;
    const drainStarted = performance.now();
    const pending = await drained();
    say(
      `worker drained the events in ${((performance.now() - drainStarted) / 1000).toFixed(1)} s (pending ${pending})`,
    );
    // From each callback's insert to the drain that applied it (both their transactions' start), at the fixed rate.
    const applied = (
      await db.query(
        `SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::int AS p50,
                round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::int AS p99, round(max(ms))::int AS max
           FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM webhook_events
                  WHERE tenant_id = $1 AND received_at BETWEEN $2 AND $3) e`,
        [tenantId, fixedFrom, fixedTo],
      )
    ).rows[0] as { p50: number; p99: number; max: number };
    say(
      `callback to applied at ${rate} req/s: p50 ${applied.p50} ms, p99 ${applied.p99} ms, max ${applied.max} ms`,
    );
    const counts = (
      await db.query(
        `SELECT (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1) AS events,
                (SELECT count(DISTINCT event_key)::int FROM webhook_events WHERE tenant_id = $1) AS distinct_events,
                (SELECT count(*)::int FROM messages WHERE tenant_id = $1 AND status = 'delivered') AS delivered,
                (SELECT count(*)::int FROM messages WHERE tenant_id = $1 AND status = 'delivered'
                    AND id <> ALL($2::uuid[])) AS delivered_unsent`,
        [tenantId, sent.slice(0, issued).map((m) => m.id)],
      )
    ).rows[0] as { events: number; distinct_events: number; delivered: number; delivered_unsent: number };
    await db.end();
    // A request cut off at the end of a run may have been applied without its answer being counted: applied
    // lies between what was answered and what was issued.
    const lost = Math.max(0, answered - counts.delivered);
    const twice = counts.events - counts.distinct_events + counts.delivered_unsent;
    say(
      `answered 2xx ${answered}, issued ${issued}, events ${counts.events}, delivered ${counts.delivered}, lost ${lost}, twice ${twice}`,
    );

    const ratio = Number((oursMax.rps / Math.max(bareMax.rps, 1)).toFixed(3));
    const p99 = oursFixed.errors === 0 && oursFixed.non2xx === 0 ? oursFixed.p99 : Number.POSITIVE_INFINITY;
    const goals = [
      { name: 'max rate vs bare', value: ratio, target: 0.6, op: '>=', met: ratio >= 0.6 },
      {
        name: 'p99 at half the bare max (ms)',
        value: Number.isFinite(p99) ? p99 : 999_999,
        target: 50,
        op: '<=',
        met: p99 < 50,
      },
      {
        name: 'callbacks lost',
        value: lost + Math.max(0, pending),
        target: 0,
        op: '<=',
        met: lost === 0 && pending === 0,
      },
      { name: 'callbacks applied twice', value: twice, target: 0, op: '<=', met: twice === 0 },
    ];
    const figures = {
      seconds_per_run: SECONDS,
      warmup_seconds: WARMUP_SECONDS,
      connections: CONNECTIONS,
      bare_max_rps: bareMax.rps,
      ours_max_rps: oursMax.rps,
      fixed_rate_rps: rate,
      bare_p99_ms: bareFixed.p99,
      ours_p99_ms: oursFixed.p99,
      applied_p50_ms: applied.p50,
      applied_p99_ms: applied.p99,
      applied_max_ms: applied.max,
      bare_cpu_ms_per_request: bareMax.cpu.bare,
      api_cpu_ms_per_request: oursMax.cpu.api,
      worker_cpu_ms_per_request: oursMax.cpu.worker,
      answered_2xx: answered,
      issued,
      events: counts.events,
      delivered: counts.delivered,
    };
    say(JSON.stringify({ bench: 'webhooks', goals, figures }));
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:webhooks failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
