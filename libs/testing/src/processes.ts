import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitForStart } from './process-start';

const ROOT = join(__dirname, '../../..');
const ENTRIES = { api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' } as const;
export interface AppProcess {
  kind: keyof typeof ENTRIES;
  port: number;
  url: string;
  /** Everything the process printed, stdout and stderr. */
  output(): string;
  /** Its JSON log lines. */
  logLines(): Record<string, unknown>[];
  stop(): Promise<void>;
  /** SIGKILL: the process dies as a crashed or OOM-killed one does, finishing nothing. */
  kill(): Promise<void>;
}

/** The first port the kernel hands out to servers that listen on port 0 (Linux's default when unreadable). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 11_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free port below the kernel's ephemeral range, for a child to listen on. A port taken with listen(0) and given
 * back could be handed to another file's fake server (which listens on port 0) while the child boots; that
 * server then answered the child's health check, and the test talked to it.
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  for (;;) {
    const port = 10_000 + Math.floor(Math.random() * (low - 10_000));
    if (await canListen(port)) return port;
  }
}

/**
 * What a child keeps of the test's own environment: PATH, and libfaketime's settings, so a run shifted in time
 * (`faketime -f +30d npx jest`, to find tests that stop passing once the wall clock passes their dates) shifts its
 * processes too.
 */
function inherited(): Record<string, string> {
  const keep = Object.entries(process.env).filter(
    ([k, v]) => v !== undefined && (k === 'PATH' || k === 'LD_PRELOAD' || k.startsWith('FAKETIME')),
  );
  return Object.fromEntries(keep) as Record<string, string>;
}

/** The processes runEntry started in this thread that have not exited yet. */
const running = new Set<ChildProcess>();

/**
 * Starts `apps/<kind>/src/main.ts` as its own process (ts-node + swc), exactly as `npm run dev:<kind>` does, and
 * keeps it among those killStartedProcesses kills until it exits.
 */
export function runEntry(kind: keyof typeof ENTRIES, env: Record<string, string>): ChildProcess {
  const child = spawn(
    process.execPath,
    [require.resolve('ts-node/dist/bin'), '--swc', '-r', 'tsconfig-paths/register', ENTRIES[kind]],
    {
      cwd: ROOT,
      env: { ...inherited(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  // A process that could not be spawned never exits.
  child.once('error', () => running.delete(child));
  return child;
}

/**
 * SIGKILLs every process runEntry started in this thread that is still running, and waits for them to exit: what a
 * test file left behind, whose set-up failed before it held them (so its afterAll could not stop them), or that
 * forgot one. The test runner calls it after each file. Answers how many there were.
 */
export async function killStartedProcesses(): Promise<number> {
  const left = [...running];
  await Promise.all(
    left.map((child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      return exited;
    }),
  );
  return left.length;
}

/**
 * Starts processes together. When one fails to start, those that did are stopped before its error is thrown: a
 * test whose set-up failed has no handle on them, and they would outlive the run.
 */
export async function startProcesses(starting: Promise<AppProcess>[]): Promise<AppProcess[]> {
  const settled = await Promise.allSettled(starting);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const started = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (!failed) return started;
  await Promise.all(started.map((p) => p.stop()));
  throw failed.reason;
}

/** Starts an API or worker process and waits until its health endpoint answers. */
export async function startProcess(
  kind: keyof typeof ENTRIES,
  env: Record<string, string>,
): Promise<AppProcess> {
  const port = await freePort();
  const portEnv: Record<string, string> =
    kind === 'api' ? { PORT: String(port) } : { WORKER_HEALTH_PORT: String(port) };
  const child = runEntry(kind, { ...env, ...portEnv });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const healthPath = kind === 'api' ? '/api/health' : '/health';
  try {
    await waitForStart(kind, child, `${url}${healthPath}`, () => out);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    kind,
    port,
    url,
    output: () => out,
    logLines: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
