/**
 * An open-loop load at a constant rate, for the benchmarks' "p99 at a fixed rate": request i is due at
 * start + i / rate whatever the answers before it did, and its latency is counted from when it was due (as wrk2
 * counts it), so time spent waiting for a free connection behind slow answers is latency too.
 *
 * autocannon's `overallRate` is not this: each connection sends its share of a second back to back as fast as
 * the server answers, then waits for the next second. Every second starts with a burst at full concurrency, and
 * its p99 is that of a saturated server, whatever the rate.
 *
 * It shares the machine with the server it measures, so it is lean: keep-alive sockets, each request written as
 * one prepared buffer, answers read by their Content-Length (or chunked terminator), one request in flight per
 * connection.
 */
import { connect, Socket } from 'node:net';

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
  /** Requests lost to a connection error or not answered within the timeout. */
  errors: number;
}

const TIMEOUT_MS = 30_000;
const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One keep-alive connection with at most one request in flight; `onAnswer` gets its status (0: failed). */
class Connection {
  private socket: Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  /** When the request in flight was written. */
  private sentAt = 0;
  private onAnswer: ((status: number) => void) | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.socket = this.open();
  }

  get busy(): boolean {
    return this.onAnswer !== undefined;
  }

  send(request: Buffer, onAnswer: (status: number) => void): void {
    this.onAnswer = onAnswer;
    this.sentAt = performance.now();
    this.socket ??= this.open();
    this.socket.write(request);
  }

  close(): void {
    this.socket?.destroy();
  }

  /** Fails the request in flight if it has waited longer than the timeout. */
  expire(now: number): void {
    if (this.onAnswer && now - this.sentAt > TIMEOUT_MS) this.fail();
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    // Only the current socket's end matters; one the server closed while idle is reopened at the next send.
    const ended = () => {
      if (socket !== this.socket) return;
      this.socket = undefined;
      this.fail();
    };
    socket.on('error', ended);
    socket.on('close', ended);
    return socket;
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const headerEnd = this.buffer.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = this.buffer.subarray(0, headerEnd).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let end: number;
    if (length) end = headerEnd + 4 + Number(length[1]);
    else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const last = this.buffer.indexOf(CHUNKED_END, headerEnd);
      end = last < 0 ? Infinity : last + CHUNKED_END.length;
    } else end = headerEnd + 4;
    if (this.buffer.length < end) return;
    this.buffer = this.buffer.subarray(end);
    this.settle(status);
  }

  /** The request in flight is lost (timeout, or its connection ended): it counts as an error. */
  private fail(): void {
    if (!this.onAnswer) return;
    this.socket?.destroy();
    this.socket = undefined;
    this.buffer = Buffer.alloc(0);
    this.settle(0);
  }

  private settle(status: number): void {
    const onAnswer = this.onAnswer;
    this.onAnswer = undefined;
    onAnswer?.(status);
  }
}

export async function constantRate(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  /** The i-th request (i from 0). */
  request: (i: number) => ConstantRateRequest;
}): Promise<ConstantRateResult> {
  const { hostname, port, host } = new URL(options.url);
  const encode = (r: ConstantRateRequest): Buffer => {
    const body = r.body === undefined ? undefined : Buffer.from(r.body);
    const headers = Object.entries({ ...r.headers, host, 'content-length': String(body?.length ?? 0) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    const head = Buffer.from(`${r.method ?? 'GET'} ${r.path} HTTP/1.1\r\n${headers}\r\n`, 'latin1');
    return body ? Buffer.concat([head, body]) : head;
  };
  const connections = Array.from(
    { length: options.connections },
    () => new Connection(hostname, Number(port)),
  );
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let issued = 0;
  /** Requests due with no free connection yet: they wait, and the wait counts. */
  const waiting: { due: number; request: Buffer }[] = [];
  let finished: () => void = () => undefined;
  const allAnswered = new Promise<void>((resolve) => (finished = resolve));

  const dispatch = (connection: Connection) => {
    const next = waiting.shift();
    if (!next) return;
    connection.send(next.request, (status) => {
      latencies.push(performance.now() - next.due);
      if (status === 0) errors++;
      else if (status >= 200 && status < 300) ok++;
      else non2xx++;
      if (latencies.length === total) finished();
      else dispatch(connection);
    });
  };

  const expiry = setInterval(() => connections.forEach((c) => c.expire(performance.now())), 1000);
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Every request now due goes, however late the loop woke: the schedule never slips.
      while (issued < total && start + issued * interval <= now) {
        waiting.push({ due: start + issued * interval, request: encode(options.request(issued)) });
        issued++;
        const free = connections.find((c) => !c.busy);
        if (free) dispatch(free);
      }
      if (issued < total) setTimeout(tick, Math.max(0, start + issued * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  if (total > 0) await allAnswered;
  clearInterval(expiry);
  const elapsed = (performance.now() - start) / 1000;
  connections.forEach((c) => c.close());
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
