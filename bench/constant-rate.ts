/**
 * An open-loop load at a constant rate, for the benchmarks' "p99 at a fixed rate": request i is due at
 * start + i / rate whatever the answers before it did, and its latency is counted from when it was due (as wrk2
 * counts it), so time spent waiting for a free connection behind slow answers is latency too.
 *
 * autocannon's `overallRate` is not this: each connection sends its share of a second back to back as fast as
 * the server answers, then waits for the next second. Every second starts with a burst at full concurrency, and
 * its p99 is that of a saturated server, whatever the rate.
 */
import { Agent, request as httpRequest } from 'node:http';

export interface ConstantRateRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ConstantRateResult {
  /** Answers per second over the run (2xx or not). */
  rps: number;
  p50: number;
  p99: number;
  /** Requests issued (every one that came due). */
  issued: number;
  ok: number;
  non2xx: number;
  /** Connection errors and requests not answered within the timeout. */
  errors: number;
}

const TIMEOUT_MS = 30_000;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function constantRate(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  /** The i-th request (i from 0). */
  request: (i: number) => ConstantRateRequest;
}): Promise<ConstantRateResult> {
  const { hostname, port } = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let issued = 0;
  const pending = new Set<Promise<void>>();

  const send = (i: number, due: number) => {
    const r = options.request(i);
    const done = new Promise<void>((resolve) => {
      const req = httpRequest(
        {
          agent,
          hostname,
          port,
          method: r.method ?? 'GET',
          path: r.path,
          headers:
            r.body === undefined ? r.headers : { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
          timeout: TIMEOUT_MS,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) ok++;
            else non2xx++;
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  };

  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Every request now due goes, however late the loop woke: the schedule never slips.
      while (issued < total && start + issued * interval <= now) {
        send(issued, start + issued * interval);
        issued++;
      }
      if (issued < total) setTimeout(tick, Math.max(0, start + issued * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  while (pending.size) await Promise.all([...pending]);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(latencies.length / elapsed),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    issued,
    ok,
    non2xx,
    errors,
  };
}
