/**
 * bench:webhooks-cpu — the API's CPU per Twilio status callback, A/B: two API processes on one database and one
 * tenant (each its own built tree and V8 flags) and the bare route of bench:webhooks, driven in alternating rounds
 * of the same signed callbacks (autocannon, a fixed number each), so both sides see the same load on the machine.
 * Prints each round's CPU per 2xx answer of each process (from /proc) and the means. No worker runs: the figures are
 * the API's alone. Build the trees first (`npm run build`, then copy dist/ for the other side).
 *   npm run bench:webhooks-cpu -- --a dist --b dist-new [--a-flags "..."] [--b-flags "..."]
 *                                 [--per 3000 --rounds 6 --connections 32]
 * `--b-flags "--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles side B (written when it exits).
 */
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../libs/testing/src/processes';
import {
  abSides,
  benchCleanup,
  benchPlatformEnv,
  benchRun,
  compileBenchApp,
  cpuMs,
  createBenchDatabase,
  numberArg,
  registerBenchTenant,
  waitHealthyPatiently,
} from './support';
import { seedSentMessages, signedDelivered, twilioSmsChannel } from './twilio-status-callbacks';

const PER = numberArg('per', 3000);
const ROUNDS = numberArg('rounds', 6);
const CONNECTIONS = numberArg('connections', 32);
const SIDES = abSides();
/** What the Twilio signature is checked against: any base works, both APIs are given the same. */
const PUBLIC_BASE_URL = 'http://webhooks-cpu.bench.test';
const ROOT = join(__dirname, '..');
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const say = (line: string) => process.stdout.write(`${line}\n`);

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
      // The API's production flags (npm run start:api) come from the side's own tree: its package.json may differ,
      // so they are given here explicitly, with the side's extra flags after them.
      const api = startNode(
        ['--no-allocation-site-pretenuring', ...side.flags, `${side.dist}/apps/api/apps/api/src/main.js`],
        { ...env, PORT: String(port) },
      );
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
    /** CPU ms per 2xx answer of one process over PER callbacks (each callback a new one for the APIs). */
    const drive = async (target: (typeof targets)[number]): Promise<number> => {
      const before = cpuMs(target.pid) ?? 0;
      const result = await autocannon({
        url: target.url,
        method: 'POST',
        connections: CONNECTIONS,
        amount: PER,
        requests: [
          {
            setupRequest: (req) => {
              if (!target.bare) return { ...req, ...signed[next++] };
              const { body } = signed[bareNext++ % signed.length];
              return { ...req, path: '/bare/webhook', headers: FORM, body };
            },
          },
        ],
      });
      if (result['2xx'] !== PER) say(`  ${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return ((cpuMs(target.pid) ?? 0) - before) / Math.max(result['2xx'], 1);
    };
    for (const target of targets) await drive(target); // warm-up, not counted
    const figures = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) {
        const cpu = await drive(target);
        figures.set(target.name, [...(figures.get(target.name) ?? []), cpu]);
        say(`round ${round} ${target.name}: ${cpu.toFixed(3)} ms CPU per callback`);
      }
    }
    for (const [name, cpu] of figures) {
      const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
      say(`${name}: mean ${mean.toFixed(3)} ms CPU per callback over ${cpu.length} rounds of ${PER}`);
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
