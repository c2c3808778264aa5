import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat-completions request as the fixture saw it. */
export interface ScriptedRequest {
  model: string;
  /** The JSON schema's name: which task asked (product_context_turn, agent_run...). */
  task: string | null;
  system: string | null;
  /** The user message, parsed when it is JSON (the task's input). */
  user: unknown;
  body: Record<string, unknown>;
}

/**
 * What the script answers: a JSON answer for the task (or `text`, the message content as it is), with the model and
 * usage the server reports when set; or an HTTP error status (with OpenAI's error body).
 */
export type ScriptedAnswer =
  | { json: unknown; delayMs?: number; model?: string; usage?: Record<string, unknown> }
  | { text: string; model?: string; usage?: Record<string, unknown> }
  | { status: number; error?: unknown };

/**
 * An OpenAI-compatible server for tests whose answers a script computes from each request (node:http, Chat
 * Completions shape): the test plays the model, deterministically, and sees what the adapter sent.
 */
export class ScriptedOpenAiServer {
  readonly seen: ScriptedRequest[] = [];
  baseUrl = '';
  private server?: Server;

  constructor(public script: (request: ScriptedRequest) => ScriptedAnswer) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.answer(Buffer.concat(chunks).toString('utf8'), req.url ?? '', res));
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

  private async answer(text: string, url: string, res: import('node:http').ServerResponse): Promise<void> {
    res.setHeader('content-type', 'application/json');
    if (!url.endsWith('/chat/completions')) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { message: 'Not found', type: 'invalid_request_error' } }));
      return;
    }
    const body = JSON.parse(text) as Record<string, unknown>;
    const messages = (body.messages ?? []) as Array<{ role: string; content: string }>;
    const userText = messages.find((m) => m.role === 'user')?.content ?? '';
    let user: unknown = userText;
    try {
      user = JSON.parse(userText);
    } catch {
      // a plain prompt
    }
    const format = body.response_format as { json_schema?: { name?: string } } | undefined;
    const request: ScriptedRequest = {
      model: String(body.model),
      task: format?.json_schema?.name ?? null,
      system: messages.find((m) => m.role === 'system')?.content ?? null,
      user,
      body,
    };
    this.seen.push(request);
    const answer = this.script(request);
    if ('status' in answer) {
      res.statusCode = answer.status;
      res.end(
        JSON.stringify(
          answer.error ?? { error: { message: 'Scripted failure', type: 'server_error', code: null } },
        ),
      );
      return;
    }
    if ('delayMs' in answer && answer.delayMs)
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    res.statusCode = 200;
    res.end(
      JSON.stringify({
        id: `chatcmpl-${this.seen.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: answer.model ?? request.model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'text' in answer ? answer.text : JSON.stringify(answer.json),
              refusal: null,
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: answer.usage ?? { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 },
      }),
    );
  }
}
