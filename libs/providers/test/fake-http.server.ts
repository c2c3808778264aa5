import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake provider received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  raw: string;
  /** The body parsed as JSON, when it was JSON. */
  json?: unknown;
  /** The body parsed as a form, when it was `application/x-www-form-urlencoded`. */
  form?: URLSearchParams;
}

/**
 * What the fake answers: a status, headers and a body (an object goes as JSON, a Buffer as bytes); `drop` closes
 * the socket.
 */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  drop?: boolean;
  /** How long to wait before answering (a slow receiver: requests made together overlap). */
  delayMs?: number;
}

/**
 * A provider API stand-in on 127.0.0.1 (port 0) for adapter tests: it records every request and answers the
 * replies queued with `reply()`, in order (the last one repeats). Never reaches the internet.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: ScriptedReply[] = [];

  private constructor(private readonly server: Server) {}

  /** Servers started as a test file needs them (`start`), all closed together after it (`closeAll`). */
  static pool(): { start(): Promise<FakeHttpServer>; closeAll(): Promise<void> } {
    const started: FakeHttpServer[] = [];
    return {
      start: async () => {
        const server = await FakeHttpServer.start();
        started.push(server);
        return server;
      },
      closeAll: async () => {
        await Promise.all(started.map((server) => server.close()));
      },
    };
  }

  static async start(): Promise<FakeHttpServer> {
    const server = createServer();
    const fake = new FakeHttpServer(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get last(): RecordedRequest {
    const request = this.requests[this.requests.length - 1];
    if (!request) throw new Error('The fake server received no request');
    return request;
  }

  reply(...replies: ScriptedReply[]): this {
    this.replies.push(...replies);
    return this;
  }

  /** Forgets the requests received and the replies still queued (a server shared by several tests). */
  reset(): this {
    this.requests.length = 0;
    this.replies.length = 0;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    const type = req.headers['content-type'] ?? '';
    this.requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      raw,
      ...(type.includes('json') && raw ? { json: JSON.parse(raw) as unknown } : {}),
      ...(type.includes('x-www-form-urlencoded') ? { form: new URLSearchParams(raw) } : {}),
    });
    const reply = (this.replies.length > 1 ? this.replies.shift() : this.replies[0]) ?? {
      status: 200,
      body: {},
    };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    if (Buffer.isBuffer(reply.body)) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/octet-stream', ...reply.headers });
      res.end(reply.body);
      return;
    }
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status ?? 200, {
      'content-type': isText ? 'text/html' : 'application/json',
      ...reply.headers,
    });
    res.end(reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body));
  }
}

/** A 127.0.0.1 port with nothing listening on it (for refused-connection tests). */
export async function closedPortUrl(): Promise<string> {
  const fake = await FakeHttpServer.start();
  const url = fake.url;
  await fake.close();
  return url;
}
