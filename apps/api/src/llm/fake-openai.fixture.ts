import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

const MODEL_LIST = {
  object: 'list',
  data: [{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' }],
};

/**
 * An OpenAI-compatible server for tests (node:http): answers GET …/models with its model list and POST
 * …/chat/completions in the documented Chat Completions shape, or either with the status and error body it is told
 * to, and keeps every request it saw.
 */
export class FakeOpenAiServer {
  readonly seen: SeenRequest[] = [];
  /** What the next requests get: a reply text with its usage, or an HTTP error status (with its Retry-After). */
  mode:
    | { reply: string; promptTokens: number; completionTokens: number }
    | { status: number; retryAfterSeconds?: number } = {
    reply: 'Hello from the fake model',
    promptTokens: 20,
    completionTokens: 5,
  };
  private server?: Server;

  /** http://127.0.0.1:<port>/v1 */
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = { raw: text };
        }
        this.seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET' && req.url?.endsWith('/models')) {
          res.statusCode = 'status' in this.mode ? this.mode.status : 200;
          res.end(JSON.stringify(res.statusCode === 200 ? MODEL_LIST : { error: { message: 'Refused' } }));
          return;
        }
        if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: { message: 'Not found', type: 'invalid_request_error' } }));
          return;
        }
        const mode = this.mode;
        if ('status' in mode) {
          res.statusCode = mode.status;
          if (mode.retryAfterSeconds !== undefined)
            res.setHeader('retry-after', String(mode.retryAfterSeconds));
          res.end(
            JSON.stringify({
              error: { message: 'The server had an error', type: 'server_error', code: null },
            }),
          );
          return;
        }
        res.statusCode = 200;
        res.end(
          JSON.stringify({
            id: `chatcmpl-${this.seen.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: typeof body.model === 'string' ? body.model : 'gpt-4o-mini',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: mode.reply, refusal: null },
                logprobs: null,
                finish_reason: 'stop',
              },
            ],
            usage: {
              prompt_tokens: mode.promptTokens,
              completion_tokens: mode.completionTokens,
              total_tokens: mode.promptTokens + mode.completionTokens,
            },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
