/**
 * Cold start of the built apps: from `node dist/.../main.js` to the first 200 of the health endpoint.
 * Needs `npm run build` and a migrated database (`npm run migrate:dist`); uses .env like the apps do.
 *   npm run bench:cold-start [-- <runs>]
 */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const APPS = {
  api: { entry: 'dist/apps/api/apps/api/src/main.js', portVar: 'PORT', path: '/api/health' },
  worker: {
    entry: 'dist/apps/worker/apps/worker/src/main.js',
    portVar: 'WORKER_HEALTH_PORT',
    path: '/health',
  },
} as const;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });
}

async function once(kind: keyof typeof APPS): Promise<number> {
  const app = APPS[kind];
  const port = await freePort();
  const otherPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [app.entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      PORT: String(otherPort),
      WORKER_HEALTH_PORT: String(otherPort),
      [app.portVar]: String(port),
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}`);
      if (await healthy(`http://127.0.0.1:${port}${app.path}`)) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error(`${kind} not healthy after 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const figures: Record<string, unknown> = { runs };
  for (const kind of Object.keys(APPS) as (keyof typeof APPS)[]) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const ms = await once(kind);
      times.push(ms);
      process.stdout.write(`${kind} run ${i + 1}: ${ms.toFixed(0)} ms to healthy\n`);
    }
    figures[`${kind}_median_ms`] = Math.round(median(times));
    figures[`${kind}_max_ms`] = Math.round(Math.max(...times));
  }
  process.stdout.write(`${JSON.stringify({ bench: 'cold-start', goals: [], figures })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
