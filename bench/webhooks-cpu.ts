/**
 * bench:webhooks-cpu — the API's CPU per Twilio status callback, A/B: two API processes on one database and one
 * tenant (each its own built tree and V8 flags) and the bare route of bench:webhooks, driven in alternating rounds
 * of the same signed callbacks (autocannon, a fixed number each), so both sides see the same load on the machine.
 * Prints each round's CPU per 2xx answer of each process (from /proc) and the means. No worker runs: the figures are
 * the API's alone. Build the trees first (`npm run build`, then copy dist/ for the other side).
 *   npm run bench:webhooks-cpu -- --a dist --b dist-new [--a-flags "..."] [--b-flags "..."]
 *                                 [--per 3000 --rounds 6 --connections 32 --rate 0]
 * `--b-flags "--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles side B (written when it exits).
 * `--rate 1500`: each round sends its callbacks at that constant rate instead (an open loop, bench/constant-rate.ts,
 * as bench:webhooks' fixed-rate phase), and each round also prints the p50 and p99 latencies; the summary gives
 * the medians of the rounds' CPU and p99. The rate must be one every side keeps up with on the machine as loaded:
 * above it, a round's latencies are its backlog (at load 26 on 2 cores, 700/s gave the bare route a p50 of 3 s).
 */
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
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
  median,
  numberArg,
  registerBenchTenant,
  waitHealthyPatiently,
} from './support';
import { seedSentMessages, signedDelivered, twilioSmsChannel } from './twilio-status-callbacks';

const PER = numberArg('per', 3000);
const ROUNDS = numberArg('rounds', 6);
const CONNECTIONS = numberArg('connections', 32);
/** Callbacks per second of each round; 0: as fast as the side answers (autocannon). */
const RATE = numberArg('rate', 0);
const SIDES = abSides();
/** What the Twilio signature is checked against: any base works, both APIs are given the same. */
const PUBLIC_BASE_URL = 'http://webhooks-cpu.bench.test';
const ROOT = join(__dirname, '..');
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const say = (line: string) => process.stdout.write(`${line}\n`);

/** One round's load of PER callbacks: the 2xx answers, and the p50 and p99 latencies at a constant rate. */
interface Driven {
  ok: number;
  failed: string;
  p50?: number;
  p99?: number;
}

function startNode(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--max-old-space-size=256', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: 'ignore',
  });
}

async function main(): Promise<void> {
  const run = benchRun();
  const { children, cleanup } = benchCleanup(run, say);
  try {
    await createBenchDatabase(run);
    const env = benchPlatformEnv(run, { PUBLIC_BASE_URL });
    const targets: { name: string; url: string; pid: number; bare: boolean }[] = [];
    for (const side of SIDES) {
      const port = await freePort();
      // The API's production flags (API_FLAGS, as npm run start:api passes them), then the side's own: of two values
      // given for one V8 flag, the later counts.
      const api = startNode([...API_FLAGS, ...side.flags, `${side.dist}/apps/api/apps/api/src/main.js`], {
        ...env,
        PORT: String(port),
      });
      children.push(api);
      const url = `http://127.0.0.1:${port}`;
      await waitHealthyPatiently(`${url}/api/health`, api);
      targets.push({
        name: `${side.name} (${side.dist} ${side.flags.join(' ')})`,
        url,
        pid: api.pid!,
        bare: false,
      });
    }
    const barePort = await freePort();
    const bare = startNode([compileBenchApp('webhooks-bare-app')], {
      DATABASE_URL: run.databaseUrl,
      PORT: String(barePort),
    });
    children.push(bare);
    targets.push({ name: 'bare', url: `http://127.0.0.1:${barePort}`, pid: bare.pid!, bare: true });

    const apiUrl = targets[0].url;
    const { token, tenantId } = await registerBenchTenant(apiUrl, run);
    const { authToken, key } = await twilioSmsChannel(apiUrl, token);

    const db = new Client({ connectionString: run.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    const sent = await seedSentMessages(db, tenantId, PER * (ROUNDS + 1) * SIDES.length);
    await db.query('ANALYZE');
    await db.end();
    const signed = sent.map((m) => signedDelivered(authToken, key, PUBLIC_BASE_URL, m));

    let next = 0;
    let bareNext = 0;
    const callback = (target: (typeof targets)[number]) => {
      if (!target.bare) return signed[next++];
      const { body } = signed[bareNext++ % signed.length];
      return { path: '/bare/webhook', headers: FORM, body };
    };
    const send = async (target: (typeof targets)[number]): Promise<Driven> => {
      if (RATE) {
        const result = await constantRate({
          url: target.url,
          rate: RATE,
          seconds: PER / RATE,
          connections: CONNECTIONS,
          request: () => ({ method: 'POST', ...callback(target) }),
        });
        const failed = `${result.non2xx} non-2xx, ${result.errors} errors`;
        return { ok: result.ok, failed, p50: result.p50, p99: result.p99 };
      }
      const result = await autocannon({
        url: target.url,
        method: 'POST',
        connections: CONNECTIONS,
        amount: PER,
        requests: [{ setupRequest: (req) => ({ ...req, ...callback(target) }) }],
      });
      return { ok: result['2xx'], failed: `${result.non2xx} non-2xx, ${result.errors} errors` };
    };
    /** CPU ms per 2xx answer of one process over PER callbacks (each callback a new one for the APIs). */
    const drive = async (target: (typeof targets)[number]): Promise<{ cpu: number; driven: Driven }> => {
      const before = cpuMs(target.pid) ?? 0;
      const driven = await send(target);
      if (driven.ok !== PER) say(`  ${target.name}: ${driven.failed}`);
      return { cpu: ((cpuMs(target.pid) ?? 0) - before) / Math.max(driven.ok, 1), driven };
    };
    for (const target of targets) await drive(target); // warm-up, not counted
    const figures = new Map<string, { cpu: number[]; p99: number[] }>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) {
        const { cpu, driven } = await drive(target);
        const figure = figures.get(target.name) ?? { cpu: [], p99: [] };
        figure.cpu.push(cpu);
        if (driven.p99 !== undefined) figure.p99.push(driven.p99);
        figures.set(target.name, figure);
        const latency = RATE ? `, p50 ${driven.p50?.toFixed(1)} ms, p99 ${driven.p99?.toFixed(1)} ms` : '';
        say(`round ${round} ${target.name}: ${cpu.toFixed(3)} ms CPU per callback${latency}`);
      }
    }
    for (const [name, { cpu, p99 }] of figures) {
      const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
      const tail = p99.length ? `; p99 median ${median(p99).toFixed(1)} ms at ${RATE}/s` : '';
      say(
        `${name}: CPU per callback mean ${mean.toFixed(3)} ms, median ${median(cpu).toFixed(3)} ms ` +
          `over ${cpu.length} rounds of ${PER}${tail}`,
      );
    }
  } finally {
    // SIGINT: a process started with --cpu-prof writes its profile as it exits.
    for (const child of children) child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 3000));
    await cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:webhooks-cpu failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
