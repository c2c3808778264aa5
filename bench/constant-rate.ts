/**
 * An open-loop load at a constant rate, for the benchmarks' "p99 at a fixed rate": request i is due at
 * start + i / rate whatever the answers before it did, and its latency is counted from when it was due (as wrk2
 * counts it), so time spent waiting for a free connection behind slow answers is latency too.
 *
 * autocannon's `overallRate` is not this: each connection sends its share of a second back to back as fast as
 * the server answers, then waits for the next second. Every second starts with a burst at full concurrency, and
 * its p99 is that of a saturated server, whatever the rate.
 *
 * It shares the machine (and, in the benches, the process) with what it measures, so it allocates next to nothing
 * per request: a full GC of its garbage during a run stalls the server's answers it is timing. Keep-alive sockets
 * read into a buffer of their own (`onread`), answers parsed from the bytes (status, Content-Length or chunked
 * framing) without strings, one request in flight per connection, each written as one buffer encoded once per
 * request object, and latencies kept in a preallocated Float64Array.
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
const READ_BUFFER_BYTES = 64 * 1024;
const CR = 13;
const LF = 10;

const enum Phase {
  Head,
  Body,
  ChunkSize,
  ChunkData,
  Trailer,
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Lower-cases an ASCII letter's byte. */
const lower = (byte: number): number => (byte >= 65 && byte <= 90 ? byte + 32 : byte);

/** Whether the header line at `from` is named `name` (lower case), case-insensitively. */
function named(head: Buffer, from: number, to: number, name: string): boolean {
  if (to - from <= name.length || head[from + name.length] !== 58) return false;
  for (let k = 0; k < name.length; k++) if (lower(head[from + k]) !== name.charCodeAt(k)) return false;
  return true;
}

/** Whether bytes from..to hold `word` (lower case), case-insensitively. */
function holds(head: Buffer, from: number, to: number, word: string): boolean {
  for (let i = from; i + word.length <= to; i++) {
    let k = 0;
    while (k < word.length && lower(head[i + k]) === word.charCodeAt(k)) k++;
    if (k === word.length) return true;
  }
  return false;
}

/** Called when a connection's request `index` is answered with `status` (0: failed). */
type OnAnswer = (connection: Connection, index: number, status: number) => void;

/** One keep-alive connection with at most one request in flight, reading its answers as a byte-level parser. */
class Connection {
  private socket: Socket | undefined;
  /** The request in flight (-1: none), and when it was written. */
  private index = -1;
  private sentAt = 0;
  private readonly readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  /** The answer's head so far (grown if a head outgrows it). */
  private head = Buffer.allocUnsafe(4096);
  private headLength = 0;
  private phase = Phase.Head;
  /** Head: how many bytes of CRLFCRLF matched; Trailer: the current line's length. */
  private matched = 0;
  private status = 0;
  /** Body and ChunkData: bytes left to skip (ChunkData: with its CRLF); ChunkSize: the size read so far. */
  private remaining = 0;
  private sizeDone = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly onAnswer: OnAnswer,
  ) {
    this.socket = this.open();
  }

  get busy(): boolean {
    return this.index >= 0;
  }

  send(request: Buffer, index: number): void {
    this.index = index;
    this.sentAt = performance.now();
    this.socket ??= this.open();
    this.socket.write(request);
  }

  close(): void {
    this.socket?.destroy();
  }

  /** Fails the request in flight if it has waited longer than the timeout. */
  expire(now: number): void {
    if (this.index >= 0 && now - this.sentAt > TIMEOUT_MS) this.fail();
  }

  private open(): Socket {
    const socket = connect({
      host: this.host,
      port: this.port,
      noDelay: true,
      onread: {
        buffer: this.readBuffer,
        callback: (length: number) => {
          this.read(length);
          return true; // keep reading
        },
      },
    });
    // Only the current socket's end matters; one the server closed while idle is reopened at the next send.
    const ended = () => {
      if (socket !== this.socket) return;
      this.socket = undefined;
      this.fail();
      this.phase = Phase.Head; // the next socket's stream starts afresh
      this.headLength = 0;
      this.matched = 0;
    };
    socket.on('error', ended);
    socket.on('close', ended);
    return socket;
  }

  /** Parses the `length` bytes just read into the read buffer (reused for the next read, so nothing keeps it). */
  private read(length: number): void {
    const bytes = this.readBuffer;
    let i = 0;
    while (i < length) {
      switch (this.phase) {
        case Phase.Head: {
          const from = i;
          while (i < length && this.matched < 4) {
            const byte = bytes[i++];
            if (byte === (this.matched & 1 ? LF : CR)) this.matched++;
            else this.matched = byte === CR ? 1 : 0;
          }
          this.keepHead(from, i);
          if (this.matched === 4) this.parseHead();
          break;
        }
        case Phase.Body:
        case Phase.ChunkData: {
          const skip = Math.min(this.remaining, length - i);
          i += skip;
          this.remaining -= skip;
          if (this.remaining > 0) break;
          if (this.phase === Phase.Body) this.settle(this.status);
          else this.startChunk();
          break;
        }
        case Phase.ChunkSize: {
          const byte = bytes[i++];
          if (byte === LF) {
            if (this.remaining === 0) {
              this.phase = Phase.Trailer;
              this.matched = 0;
            } else {
              this.phase = Phase.ChunkData;
              this.remaining += 2; // the data's CRLF
            }
          } else if (!this.sizeDone && byte !== CR) {
            const digit = byte <= 57 ? byte - 48 : lower(byte) - 87;
            if (digit >= 0 && digit < 16) this.remaining = this.remaining * 16 + digit;
            else this.sizeDone = true; // an extension (;...) or whitespace
          }
          break;
        }
        case Phase.Trailer: {
          const byte = bytes[i++];
          if (byte === LF) {
            if (this.matched === 0) this.settle(this.status);
            else this.matched = 0;
          } else if (byte !== CR) this.matched++;
          break;
        }
      }
    }
  }

  private keepHead(from: number, to: number): void {
    const needed = this.headLength + to - from;
    if (needed > this.head.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.head.length * 2));
      this.head.copy(grown, 0, 0, this.headLength);
      this.head = grown;
    }
    this.readBuffer.copy(this.head, this.headLength, from, to);
    this.headLength = needed;
  }

  /** The head is complete: reads its status and framing, and settles an answer without a body. */
  private parseHead(): void {
    const head = this.head;
    const end = this.headLength - 4;
    this.status = (head[9] - 48) * 100 + (head[10] - 48) * 10 + (head[11] - 48);
    let contentLength = -1;
    let chunked = false;
    for (let line = head.indexOf(LF) + 1; line > 0 && line < end;) {
      const next = head.indexOf(LF, line);
      const lineEnd = next < 0 || next > end ? end : next - 1;
      if (named(head, line, lineEnd, 'content-length')) {
        contentLength = 0;
        for (let k = line + 15; k < lineEnd; k++) {
          const digit = head[k] - 48;
          if (digit >= 0 && digit <= 9) contentLength = contentLength * 10 + digit;
        }
      } else if (named(head, line, lineEnd, 'transfer-encoding'))
        chunked = holds(head, line + 18, lineEnd, 'chunked');
      line = next + 1;
    }
    this.headLength = 0;
    this.matched = 0;
    if (contentLength > 0) {
      this.phase = Phase.Body;
      this.remaining = contentLength;
    } else if (contentLength < 0 && chunked) this.startChunk();
    else this.settle(this.status);
  }

  private startChunk(): void {
    this.phase = Phase.ChunkSize;
    this.remaining = 0;
    this.sizeDone = false;
  }

  /** The request in flight is lost (timeout, or its connection ended): it counts as an error. */
  private fail(): void {
    if (this.index < 0) return;
    this.socket?.destroy();
    this.socket = undefined;
    this.settle(0);
  }

  /** Ends the answer (or failure) of the request in flight; the parser starts over at the next head. */
  private settle(status: number): void {
    this.phase = Phase.Head;
    this.headLength = 0;
    this.matched = 0;
    const index = this.index;
    if (index < 0) return;
    this.index = -1;
    this.onAnswer(this, index, status);
  }
}

/** Encodes a request as one buffer (the host and Content-Length headers added). */
function encode(r: ConstantRateRequest, host: string): Buffer {
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  let head = `${r.method ?? 'GET'} ${r.path} HTTP/1.1\r\n`;
  for (const name in r.headers)
    if (name !== 'host' && name !== 'content-length') head += `${name}: ${r.headers[name]}\r\n`;
  head += `host: ${host}\r\ncontent-length: ${body?.length ?? 0}\r\n\r\n`;
  const bytes = Buffer.from(head, 'latin1');
  return body ? Buffer.concat([bytes, body]) : bytes;
}

export async function constantRate(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  /** The i-th request (i from 0), called when it is sent. Return the same object to send the same request again: it is encoded once. */
  request: (i: number) => ConstantRateRequest;
}): Promise<ConstantRateResult> {
  const { hostname, port, host } = new URL(options.url);
  const encoded = new WeakMap<ConstantRateRequest, Buffer>();
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies = new Float64Array(total);
  let answered = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  /** Requests that came due; those from `sent` on wait for a free connection (and the wait counts). */
  let issued = 0;
  let sent = 0;
  let finished: () => void = () => undefined;
  const allAnswered = new Promise<void>((resolve) => (finished = resolve));
  const dispatch = (connection: Connection) => {
    if (sent === issued) return;
    const index = sent++;
    const request = options.request(index);
    let bytes = encoded.get(request);
    if (!bytes) encoded.set(request, (bytes = encode(request, host)));
    connection.send(bytes, index);
  };
  const onAnswer: OnAnswer = (connection, index, status) => {
    latencies[answered++] = performance.now() - (start + index * interval);
    if (status === 0) errors++;
    else if (status >= 200 && status < 300) ok++;
    else non2xx++;
    if (answered === total) finished();
    else dispatch(connection);
  };
  const connections = Array.from(
    { length: options.connections },
    () => new Connection(hostname, Number(port), onAnswer),
  );

  const free = (): Connection | undefined => {
    for (const connection of connections) if (!connection.busy) return connection;
    return undefined;
  };

  const expiry = setInterval(() => {
    const now = performance.now();
    for (const connection of connections) connection.expire(now);
  }, 1000);
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Every request now due goes, however late the loop woke: the schedule never slips.
      while (issued < total && start + issued * interval <= now) {
        issued++;
        const connection = free();
        if (connection) dispatch(connection);
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
  latencies.sort();
  return {
    rps: Math.round(answered / elapsed),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    issued,
    ok,
    non2xx,
    errors,
  };
}
